// @vitest-environment happy-dom
import { browserEventSchema, isServerEvent } from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sample, setup, spyStorage, T0 } from './test-helpers.ts';

const granted = { analytics_storage: 'granted', ad_storage: 'granted' } as const;
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const IPAD = 'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('event context', () => {
  it('adds a UUIDv7 id, time, shop, checkout and experiments to every event', async () => {
    const { tracker, events } = setup();
    tracker.setCheckout('chk_42');
    tracker.setExperiments({ layout: 'multi-step' });
    tracker.track(sample.step);
    tracker.track(sample.blur);
    await tracker.flush();
    const [first, second] = await events();
    expect(first).toMatchObject({ ts: T0, shopId: 'shop_1', checkoutId: 'chk_42', device: 'desktop' });
    expect(first?.experiments).toEqual({ layout: 'multi-step' });
    expect(first?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(first?.id.replace('-', '').slice(0, 12) ?? '', 16)).toBe(T0);
    expect(second?.id).not.toBe(first?.id);
  });

  it('sends no purchase or payment outcome: the server records those from the verified payment', async () => {
    const dataLayer: unknown[] = [];
    const { tracker, attempts } = setup({ page: { dataLayer } });
    tracker.track(sample.purchase);
    tracker.track(sample.failed);
    tracker.track(sample.step);
    await tracker.flush();
    expect(attempts.flatMap((body) => body.events.map((e) => e.name))).toEqual(['checkout_step_view']);
    expect(attempts[0]?.dropped).toBeUndefined();
    // The shop's own tags still see the purchase.
    expect(dataLayer).toContainEqual(expect.objectContaining({ event: 'purchase' }));
  });

  it("passes the collector's schema for every event a browser sends, with full context", async () => {
    const { tracker, events } = setup({
      page: {
        url: 'https://shop.example/c?utm_source=Google Ads&utm_medium=cpc&gclid=abc',
        referrer: 'https://www.google.com/search?q=buty',
      },
    });
    tracker.setConsent(granted);
    tracker.setCheckout('chk_1');
    tracker.setExperiments({ layout: 'one-page' });
    for (const event of Object.values(sample)) tracker.track(event);
    await tracker.flush();
    const sent = await events();
    expect(sent.map((e) => e.name).sort()).toEqual(
      Object.values(sample)
        .map((e) => e.name)
        .filter((name) => !isServerEvent(name))
        .sort(),
    );
    for (const e of sent) expect(browserEventSchema.safeParse(e).success).toBe(true);
    expect(sent[0]).toMatchObject({ visitorId: expect.any(String), sessionId: expect.any(String) });
    expect(sent[0]?.lastTouch).toEqual({ source: 'Google_Ads', medium: 'cpc', gclid: 'abc' });
  });

  it('keeps only the referrer host, never its path or query, and ignores the shop itself', async () => {
    const outside = setup({ page: { referrer: 'https://www.google.com/search?q=jan%40example.pl' } });
    outside.tracker.setConsent(granted);
    outside.tracker.track(sample.step);
    await outside.tracker.flush();
    expect((await outside.events())[0]?.referrerHost).toBe('www.google.com');

    const inside = setup({ page: { referrer: 'https://shop.example/cart' } });
    inside.tracker.setConsent(granted);
    inside.tracker.track(sample.step);
    await inside.tracker.flush();
    expect((await inside.events())[0]?.referrerHost).toBeUndefined();
  });

  it.each([
    [IPHONE, 390, 'mobile'],
    [IPAD, 1024, 'tablet'],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/140.0 Safari/537.36',
      1200,
      'tablet',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36',
      412,
      'mobile',
    ],
    [undefined, 600, 'mobile'],
    [undefined, 1440, 'desktop'],
  ])('classifies %s at %i px wide as %s', async (userAgent, width, device) => {
    const { tracker, events } = setup({ page: { userAgent, width } });
    tracker.track(sample.step);
    await tracker.flush();
    expect((await events())[0]?.device).toBe(device);
  });
});

describe('UTM attribution', () => {
  const visit = async (storage: ReturnType<typeof spyStorage>, url: string) => {
    const s = setup({ storage, page: { url } });
    s.tracker.setConsent(granted);
    s.tracker.track(sample.step);
    await s.tracker.flush();
    return (await s.events())[0];
  };

  it('keeps the first touch across visits and moves the last touch to the newest campaign', async () => {
    const storage = spyStorage();
    const first = await visit(
      storage,
      'https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=Wiosna 2026',
    );
    expect(first?.firstTouch).toEqual({ source: 'newsletter', medium: 'email', campaign: 'Wiosna 2026' });
    expect(first?.lastTouch).toEqual(first?.firstTouch);

    const second = await visit(
      storage,
      'https://shop.example/?utm_source=facebook&utm_medium=paid_social&fbclid=IwAR1',
    );
    expect(second?.firstTouch).toEqual(first?.firstTouch);
    expect(second?.lastTouch).toEqual({ source: 'facebook', medium: 'paid_social', fbclid: 'IwAR1' });

    const third = await visit(storage, 'https://shop.example/checkout');
    expect(third?.lastTouch).toEqual(second?.lastTouch);
    expect(third?.visitorId).toBe(first?.visitorId);
  });

  it('leaves out click ids without ad_storage consent and any value that looks like an e-mail', async () => {
    const { tracker, events } = setup({
      page: { url: 'https://shop.example/?utm_source=mail&utm_campaign=jan@example.pl&gclid=xyz' },
    });
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    expect((await events())[0]?.lastTouch).toEqual({ source: 'mail' });
  });

  it('leaves out a campaign value, click id or referrer that holds a phone number or an e-mail', async () => {
    const { tracker, events } = setup({
      page: {
        url: 'https://shop.example/?utm_source=sms&utm_medium=jan%40example.pl&utm_campaign=promo 512 345 678&gclid=%2B48512345678&fbclid=IwAR1',
        referrer: 'https://512345678.example.pl/',
      },
    });
    tracker.setConsent(granted);
    tracker.track(sample.step);
    await tracker.flush();
    const [event] = await events();
    expect(event?.lastTouch).toEqual({ source: 'sms', fbclid: 'IwAR1' });
    expect(event).not.toHaveProperty('referrerHost');
  });

  it('shapes and bounds each campaign field as the collector takes it', async () => {
    const long = 'Wyprzedaż '.repeat(15);
    const { tracker, events } = setup({
      page: {
        url: `https://shop.example/?utm_source=Google Ads!&utm_campaign=Wiosna – 30%25 <b>🌷</b>&utm_content=x&gclid=${'a b'.repeat(90)}`,
      },
    });
    tracker.setConsent(granted);
    tracker.track(sample.step);
    await tracker.flush();
    const [event] = await events();
    expect(event?.lastTouch).toEqual({
      source: 'Google_Ads_',
      campaign: 'Wiosna – 30% _b_/b_',
      gclid: 'a_b'.repeat(90).slice(0, 200),
    });

    const second = setup({ page: { url: `https://shop.example/?utm_campaign=${encodeURIComponent(long)}` } });
    second.tracker.setConsent(granted);
    second.tracker.track(sample.step);
    await second.tracker.flush();
    expect((await second.events())[0]?.lastTouch?.campaign).toBe(long.slice(0, 100).trim());
  });

  it('sends no attribution at all without analytics consent', async () => {
    const { tracker, events } = setup({
      page: { url: 'https://shop.example/?utm_source=google&gclid=xyz', referrer: 'https://www.google.com/' },
    });
    tracker.track(sample.step);
    await tracker.flush();
    const [event] = await events();
    expect(event).not.toHaveProperty('lastTouch');
    expect(event).not.toHaveProperty('firstTouch');
    expect(event).not.toHaveProperty('referrerHost');
  });
});
