// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENDPOINT, sample, setup } from './test-helpers.ts';
import { chunk } from './transport.ts';
import type { WidgetEvent } from './types.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const bigCart: WidgetEvent = {
  name: 'view_cart',
  params: {
    value: 100,
    currency: 'PLN',
    items: Array.from({ length: 200 }, (_, i) => ({
      item_id: `SKU-${i}-abcdefghijklmnop`,
      quantity: 1,
      price: 1,
    })),
  },
};

describe('batching', () => {
  it('sends a full batch at once and a partial one after flushIntervalMs', async () => {
    const { tracker, fetch, attempts } = setup({ batchSize: 20, flushIntervalMs: 3000 });
    for (let i = 0; i < 20; i++) tracker.track(sample.step);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.map((b) => b.events.length)).toEqual([20]);
    for (let i = 0; i < 5; i++) tracker.track(sample.blur);
    await vi.advanceTimersByTimeAsync(2999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts.map((b) => b.events.length)).toEqual([20, 5]);
  });

  it('sends a long queue in bodies of at most batchSize events, oldest first', async () => {
    const { tracker, attempts, events } = setup({ batchSize: 20 });
    for (let i = 0; i < 45; i++) tracker.track({ name: 'blik_code_submitted', params: { attempt: i + 1 } });
    await tracker.flush();
    expect(attempts.map((b) => b.events.length)).toEqual([20, 20, 5]);
    expect((await events()).map((e) => (e.params as { attempt: number }).attempt)).toEqual(
      Array.from({ length: 45 }, (_, i) => i + 1),
    );
  });

  it('POSTs text/plain JSON with keepalive, so there is no CORS preflight', async () => {
    const { tracker, fetch } = setup();
    tracker.track(sample.step);
    await tracker.flush();
    expect(fetch).toHaveBeenCalledWith(
      ENDPOINT,
      expect.objectContaining({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain' } }),
    );
  });

  it('splits a batch whose body would pass 64 kB', async () => {
    const { tracker, attempts, events } = setup({ batchSize: 100 });
    for (let i = 0; i < 20; i++) tracker.track(bigCart);
    await tracker.flush();
    expect(attempts.length).toBeGreaterThan(1);
    for (const body of attempts)
      expect(new TextEncoder().encode(JSON.stringify(body)).length).toBeLessThanOrEqual(64_000);
    expect(await events()).toHaveLength(20);
  });

  it('puts an event too big for any body aside to be dropped and counted', () => {
    const huge = { ...sample.step, id: 'x'.repeat(70_000) } as never;
    const { chunks, tooBig } = chunk([huge, sample.step as never], 20);
    expect(tooBig).toEqual([huge]);
    expect(chunks.map((c) => c.events.length)).toEqual([1]);
  });
});

describe('retries', () => {
  it('retries a 503 with exponential backoff and jitter until delivered', async () => {
    const { tracker, fetch, events } = setup({ replies: [503, 503, 200] });
    tracker.track(sample.step);
    await tracker.flush();
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(501); // first wait: 0.5–1 s
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1001); // second wait: 1–2 s
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(await events()).toHaveLength(1);
  });

  it('retries a network error the same way', async () => {
    const { tracker, fetch, events } = setup({ replies: [new TypeError('Failed to fetch'), 200] });
    tracker.track(sample.step);
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await events()).toHaveLength(1);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const { tracker, fetch } = setup({ replies: [[429, { 'Retry-After': '7' }], 200] });
    tracker.track(sample.step);
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(6999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not retry a 400 but drops the batch and counts it in the next body', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { tracker, fetch, attempts } = setup({ replies: [400, 200] });
    tracker.track(sample.step);
    tracker.track(sample.blur);
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 400'));
    tracker.track(sample.payment);
    await tracker.flush();
    expect(attempts[1]).toMatchObject({ dropped: 2, events: [{ name: 'add_payment_info' }] });
    warn.mockRestore();
  });
});

describe('leaving the page', () => {
  it('beacons the queue as text/plain on pagehide', async () => {
    const { tracker, win, sendBeacon, blobs, events, fetch } = setup();
    tracker.track(sample.step);
    tracker.track(sample.blur);
    win.dispatchEvent(new win.Event('pagehide'));
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    expect(sendBeacon.mock.calls[0]?.[0]).toBe(ENDPOINT);
    expect(blobs[0]?.type).toBe('text/plain');
    expect((await events()).map((e) => e.name)).toEqual(['checkout_step_view', 'field_blur']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('beacons when the tab is hidden, and at once for events tracked while hidden', async () => {
    const { tracker, win, sendBeacon, events } = setup();
    tracker.track(sample.step);
    Object.defineProperty(win.document, 'visibilityState', { value: 'hidden', configurable: true });
    win.document.dispatchEvent(new win.Event('visibilitychange'));
    tracker.track(sample.abandon);
    expect(sendBeacon).toHaveBeenCalledTimes(2);
    expect((await events()).map((e) => e.name)).toEqual(['checkout_step_view', 'checkout_abandon']);
  });

  it('falls back to a keep-alive fetch when sendBeacon refuses', async () => {
    const { tracker, win, fetch, events } = setup({ sendBeacon: () => false });
    tracker.track(sample.step);
    win.dispatchEvent(new win.Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await events()).toHaveLength(1);
  });
});

describe('back online', () => {
  it('sends at once when the browser comes back online instead of waiting out the backoff', async () => {
    const { tracker, win, fetch, events } = setup({
      replies: [new TypeError('offline'), new TypeError('offline'), 200],
    });
    tracker.track(sample.step);
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(2);
    win.dispatchEvent(new win.Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(await events()).toHaveLength(1);
  });
});
