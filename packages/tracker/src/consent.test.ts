// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, sample, setup } from './test-helpers.ts';

const MINUTE = 60_000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('without analytics consent', () => {
  it('touches no storage, sets no cookie and sends no visitor or session id', async () => {
    const { tracker, storage, win, events } = setup({ replies: [new TypeError('offline'), 200] });
    tracker.setCheckout('chk_1');
    tracker.track(sample.step);
    tracker.track(sample.blur);
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(storage.get).not.toHaveBeenCalled();
    expect(storage.set).not.toHaveBeenCalled();
    expect(storage.del).not.toHaveBeenCalled();
    expect(win.document.cookie).toBe('');
    expect(win.localStorage.length).toBe(0);
    const sent = await events();
    expect(sent).toHaveLength(2);
    for (const event of sent) {
      expect(event.checkoutId).toBe('chk_1');
      expect(event).not.toHaveProperty('visitorId');
      expect(event).not.toHaveProperty('sessionId');
    }
  });

  it('erases a visitor cookie left from when the shopper had consented', async () => {
    const win = page();
    win.document.cookie = 'kasa_vid=visitor_1; Path=/';
    const { tracker } = setup({ window: win });
    tracker.track(sample.step);
    expect(win.document.cookie).toBe('');
  });

  it("sends nothing at all in 'strict' mode, not even when the page is hidden", async () => {
    const { tracker, fetch, sendBeacon, win, storage } = setup({ consentMode: 'strict' });
    tracker.track(sample.step);
    await tracker.flush();
    win.dispatchEvent(new win.Event('pagehide'));
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(fetch).not.toHaveBeenCalled();
    expect(sendBeacon).not.toHaveBeenCalled();
    expect(storage.get).not.toHaveBeenCalled();
  });

  it("in 'strict' mode starts sending only the events tracked after consent", async () => {
    const { tracker, events } = setup({ consentMode: 'strict' });
    tracker.track(sample.step);
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.blur);
    await tracker.flush();
    expect((await events()).map((e) => e.name)).toEqual(['field_blur']);
  });
});

describe('with analytics consent', () => {
  it('adds a stored visitor id and a session id to every event', async () => {
    const { tracker, storage, events } = setup();
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    tracker.track(sample.blur);
    await tracker.flush();
    const [a, b] = await events();
    expect(a?.visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatchObject({ visitorId: a?.visitorId, sessionId: a?.sessionId });
    expect(storage.set).toHaveBeenCalled();
    expect(JSON.stringify([...storage.data.values()])).toContain(a?.visitorId);
  });

  it("keeps the visitor id in the shop's first-party cookie, for the shop's backend to pass on", async () => {
    const { tracker, win, events } = setup();
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    const [event] = await events();
    expect(win.document.cookie).toBe(`kasa_vid=${event?.visitorId}`);
  });

  it("adopts the cookie's visitor id when storage has none, so events match the server's bucketing", async () => {
    const { tracker, win, events } = setup();
    win.document.cookie = 'kasa_vid=visitor_from_cookie; Path=/';
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    expect((await events())[0]?.visitorId).toBe('visitor_from_cookie');
  });

  it('adopts the id the server bucketed this checkout by when it has none, so later checkouts share its arm', async () => {
    const { tracker, win, events } = setup();
    tracker.setCheckout('chk_first');
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    // SHA-256('kasa-visitor:chk_first') in base64url, cut to 22 (the server's test pins the same
    // value, computed with Node's createHash): browser and server agree on the digest.
    const expected = 'qZWczDgKttzTQYkkjUav6N';
    expect((await events())[0]?.visitorId).toBe(expected);
    expect(win.document.cookie).toBe(`kasa_vid=${expected}`);
  });

  it('starts a new session after 30 minutes without events, keeping the visitor', async () => {
    const { tracker, clock, events } = setup();
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    clock.t += 29 * MINUTE;
    tracker.track(sample.blur);
    clock.t += 30 * MINUTE + 1;
    tracker.track(sample.payment);
    await tracker.flush();
    const [a, b, c] = await events();
    expect(b?.sessionId).toBe(a?.sessionId);
    expect(c?.sessionId).not.toBe(a?.sessionId);
    expect(c?.visitorId).toBe(a?.visitorId);
  });

  it("reads the page's consent from dataLayer commands, including gtag's Arguments objects", async () => {
    function gtag(..._args: unknown[]) {
      // biome-ignore lint/complexity/noArguments: gtag pushes its Arguments object, as Google's snippet does.
      dataLayer.push(arguments);
    }
    const dataLayer: unknown[] = [];
    gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', wait_for_update: 500 });
    gtag('consent', 'update', { analytics_storage: 'granted' });
    const { tracker, events } = setup({ page: { dataLayer } });
    tracker.track(sample.step);
    await tracker.flush();
    expect((await events())[0]?.visitorId).toBeDefined();
  });

  it('follows a consent update pushed to dataLayer after the tracker started', async () => {
    const dataLayer: unknown[] = [['consent', 'default', { analytics_storage: 'denied' }]];
    const { tracker, events } = setup({ page: { dataLayer } });
    tracker.track(sample.step);
    dataLayer.push(['consent', 'update', { analytics_storage: 'granted' }]);
    tracker.track(sample.blur);
    await tracker.flush();
    const [before, after] = await events();
    expect(before?.visitorId).toBeUndefined();
    expect(after?.visitorId).toBeDefined();
  });

  it('forgets the ids and erases storage and cookie when consent is withdrawn', async () => {
    const { tracker, storage, win, events } = setup();
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    tracker.setConsent({ analytics_storage: 'denied' });
    tracker.track(sample.blur);
    await tracker.flush();
    await vi.waitFor(() => expect(storage.del).toHaveBeenCalled());
    expect(storage.data.size).toBe(0);
    expect(win.document.cookie).toBe('');
    expect((await events())[1]).not.toHaveProperty('visitorId');
  });
});
