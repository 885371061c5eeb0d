// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deniedConsent } from './consent.ts';
import { gaContext } from './ga-cookies.ts';
import { page, sample, setup } from './test-helpers.ts';

const granted = { ...deniedConsent(), analytics_storage: 'granted' } as const;

describe('reading the GA4 cookies', () => {
  it('takes the client id from _ga and the session id from a GS1 _ga_<stream> cookie', () => {
    expect(
      gaContext(
        'kasa_vid=v1; _ga=GA1.1.1234567890.1767225600; _ga_ABC123=GS1.1.1767229200.3.1.1767229300.0.0.0',
        granted,
      ),
    ).toEqual({
      clientId: '1234567890.1767225600',
      sessionId: '1767229200',
      adUserData: 'denied',
      adPersonalization: 'denied',
    });
  });

  it('reads the GS2 format (s<session>$o…) and a _ga set for a subdomain (GA1.2.)', () => {
    expect(
      gaContext('_ga=GA1.2.987654321.1767225600; _ga_XYZ9=GS2.1.s1767229200$o3$g1$t1767229300$j60$l0$h0', {
        ...granted,
        ad_user_data: 'granted',
      }),
    ).toEqual({
      clientId: '987654321.1767225600',
      sessionId: '1767229200',
      adUserData: 'granted',
      adPersonalization: 'denied',
    });
  });

  it('sends no session id without a valid _ga_<stream> cookie, and nothing without a valid _ga', () => {
    expect(gaContext('_ga=GA1.1.1.2; _ga_X=GS1.1.abc.1', granted)).toEqual({
      clientId: '1.2',
      adUserData: 'denied',
      adPersonalization: 'denied',
    });
    for (const cookies of [
      '',
      undefined,
      '_ga_X=GS1.1.1767229200.1',
      '_ga=GA1.1.jan@example.pl.1767225600',
      '_ga=GA1.1.512345678',
      `_ga=GA1.1.${'1'.repeat(21)}.1767225600`,
      '_ga=GA1.1.1.2.3',
      'x_ga=GA1.1.1.2',
    ]) {
      expect(gaContext(cookies, granted), String(cookies)).toBeUndefined();
    }
  });
});

describe('GA4 ids on the checkout events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const withGaCookies = () => {
    const win = page();
    win.document.cookie = '_ga=GA1.1.1234567890.1767225600; Path=/';
    win.document.cookie = '_ga_ABC123=GS2.1.s1767229200$o3$g1$t1767229300$j60$l0$h0; Path=/';
    return win;
  };

  it('are attached only with analytics consent, with the shopper ad choices', async () => {
    const { tracker, events } = setup({ window: withGaCookies() });
    tracker.track(sample.step);
    tracker.setConsent({ analytics_storage: 'granted', ad_user_data: 'granted' });
    tracker.track(sample.blur);
    await tracker.flush();
    tracker.setConsent({ analytics_storage: 'denied' });
    tracker.track(sample.step);
    await tracker.flush();
    const [before, during, after] = await events();
    expect(before).not.toHaveProperty('ga');
    expect(during?.ga).toEqual({
      clientId: '1234567890.1767225600',
      sessionId: '1767229200',
      adUserData: 'granted',
      adPersonalization: 'denied',
    });
    expect(after).not.toHaveProperty('ga');
  });

  it('are left out when the page has no GA4 cookie', async () => {
    const { tracker, events } = setup();
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    expect((await events())[0]).not.toHaveProperty('ga');
  });
});
