import { experimentSchema } from '@kasa/experiments';
import { describe, expect, it } from 'vitest';
import { checkoutVisitorId, layoutFor } from './layout.ts';

const running = experimentSchema.parse({
  key: 'checkout-layout',
  variations: ['one-page', 'multi-step'],
  status: 'running',
  startDate: '2026-11-01',
  kr: 'checkout-abandonment',
});

describe('the checkout layout', () => {
  it('is one-page for everyone when no layout experiment is configured', () => {
    expect(layoutFor([], 'chk_a')).toEqual({ layout: 'one-page' });
  });

  it('splits checkouts about half and half, the same way every time for the same checkout', () => {
    const ids = Array.from({ length: 4_000 }, (_, i) => `chk_${i.toString(36)}`);
    const layouts = ids.map((id) => layoutFor([running], id).layout);
    const multi = layouts.filter((layout) => layout === 'multi-step').length;
    expect(multi / ids.length).toBeGreaterThan(0.46);
    expect(multi / ids.length).toBeLessThan(0.54);
    expect(ids.map((id) => layoutFor([running], id).layout)).toEqual(layouts);
    expect(layoutFor([running], 'chk_1').experiment).toEqual({
      key: 'checkout-layout',
      variation: layoutFor([running], 'chk_1').layout,
    });
  });

  it('serves the control without an exposure when the experiment is stopped', () => {
    const stopped = { ...running, status: 'stopped' as const };
    expect(layoutFor([stopped], 'chk_1')).toEqual({ layout: 'one-page' });
  });
});

describe("a checkout's own visitor id", () => {
  it('is the digest the tracker computes too, and not the checkout id', () => {
    // SHA-256('kasa-visitor:chk_first') in base64url, cut to 22, from
    // `node -e "crypto.createHash('sha256').update('kasa-visitor:chk_first').digest('base64url')"`;
    // the tracker's test expects the same value from Web Crypto.
    const id = checkoutVisitorId('chk_first');
    expect(id).toBe('qZWczDgKttzTQYkkjUav6N');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(checkoutVisitorId('chk_second')).not.toBe(id);
  });
});
