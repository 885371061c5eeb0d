import { describe, expect, it } from 'vitest';
import { browserEventSchema } from './events.ts';

const event = (ga: unknown) => ({
  id: 'evt_0001_abcdef',
  ts: 1_767_225_600_000,
  shopId: 'demo',
  checkoutId: 'chk_1',
  name: 'checkout_step_view',
  params: { section: 'contact' },
  ga,
});
const ok = { clientId: '1234567890.1767225600', adUserData: 'denied', adPersonalization: 'granted' };

describe("an event's GA4 ids", () => {
  it('are taken as digits and one dot (client) and digits (session), with both ad signals', () => {
    expect(browserEventSchema.safeParse(event(ok)).success).toBe(true);
    expect(browserEventSchema.safeParse(event({ ...ok, sessionId: '1767229200' })).success).toBe(true);
  });

  it('are refused when they could carry anything else', () => {
    for (const bad of [
      { ...ok, clientId: 'jan@example.pl' },
      { ...ok, clientId: '512345678' },
      { ...ok, clientId: `${'1'.repeat(21)}.1` },
      { ...ok, clientId: '1.2.3' },
      { ...ok, sessionId: '17672.29200' },
      { ...ok, sessionId: 'abc' },
      { ...ok, adUserData: 'yes' },
      { clientId: ok.clientId },
      { ...ok, email: 'x' },
    ]) {
      expect(browserEventSchema.safeParse(event(bad)).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
