// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker } from './index.ts';
import { resolveOptions } from './options.ts';
import { ENDPOINT, sample, setup, spyStorage } from './test-helpers.ts';

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.useFakeTimers();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  warn.mockRestore();
});

const idb = () => spyStorage();
const base = { endpoint: ENDPOINT, shopId: 'shop_1' };

describe('options', () => {
  it.each([
    ['batchSize', 0, 1],
    ['batchSize', 1000, 100],
    ['flushIntervalMs', 10, 1000],
    ['flushIntervalMs', 3_600_000, 60_000],
    ['maxQueue', 1, 10],
    ['maxQueue', 1e9, 5000],
    ['batchSize', Number.NaN, 20],
    ['maxQueue', '50', 500],
  ])('clamps %s = %s to %s with one warning naming it', (name, value, expected) => {
    const resolved = resolveOptions({ ...base, [name]: value }, idb);
    expect(resolved?.[name as 'batchSize']).toBe(expected);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain(name);
  });

  it("falls back to 'default' consent mode, with a warning, for an unknown mode", () => {
    expect(resolveOptions({ ...base, consentMode: 'loose' as never }, idb)?.strict).toBe(false);
    expect(String(warn.mock.calls[0]?.[0])).toContain('consentMode');
  });

  it('uses the defaults without a word when nothing is given', () => {
    expect(resolveOptions(base, idb)).toMatchObject({
      batchSize: 20,
      flushIntervalMs: 5000,
      maxQueue: 500,
      strict: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('disables itself, with a warning, without an endpoint or with a bad shop id', async () => {
    const fetch = vi.fn();
    for (const options of [{ shopId: 'shop_1' }, { endpoint: ENDPOINT, shopId: 'shop 1!' }, undefined]) {
      const tracker = createTracker((options && { ...options, fetch }) as never);
      tracker.track(sample.step);
      await tracker.flush();
      await tracker.shutdown();
    }
    expect(fetch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('ignores a checkout id or experiment that does not fit the schema', async () => {
    const { tracker, events } = setup();
    tracker.setCheckout('chk 1; drop table');
    tracker.setExperiments({
      layout: 'one-page',
      'bad key': 'x',
      promo: 'jan@example.pl',
      constructor: 'a',
      banner: 'prototype',
      ...JSON.parse('{"__proto__": "b"}'),
    });
    tracker.track(sample.step);
    await tracker.flush();
    const [event] = await events();
    expect(event).not.toHaveProperty('checkoutId');
    expect(event?.experiments).toEqual({ layout: 'one-page' });
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('default IndexedDB store', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is never opened without analytics consent', async () => {
    const open = vi.fn(() => {
      throw new Error('must not be called');
    });
    vi.stubGlobal('indexedDB', { open });
    const { tracker, events } = setup({ storage: undefined });
    tracker.track(sample.step);
    await tracker.flush();
    expect(open).not.toHaveBeenCalled();
    expect(await events()).toHaveLength(1);
  });

  it('falls back to memory where IndexedDB is missing or broken', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { tracker, events } = setup({ storage: undefined });
    tracker.setConsent({ analytics_storage: 'granted' });
    tracker.track(sample.step);
    await tracker.flush();
    expect((await events())[0]?.visitorId).toBeDefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('storage failed'));
  });
});

describe('never breaks the checkout', () => {
  it('keeps working in memory when every storage call throws', async () => {
    const broken = {
      get: vi.fn(() => Promise.reject(new Error('QuotaExceededError'))),
      set: vi.fn(() => {
        throw new Error('InvalidStateError');
      }),
      del: vi.fn(() => Promise.reject(new Error('nope'))),
    };
    const { tracker, events } = setup({ storage: broken });
    tracker.setConsent({ analytics_storage: 'granted' });
    expect(() => tracker.track(sample.step)).not.toThrow();
    await tracker.flush();
    expect(await events()).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('storage failed'));
  });

  it('never throws out of track, flush or shutdown when fetch and sendBeacon throw', async () => {
    const { tracker, win } = setup({
      fetch: () => {
        throw new Error('fetch exploded');
      },
      sendBeacon: () => {
        throw new Error('beacon exploded');
      },
    });
    expect(() => tracker.track(sample.step)).not.toThrow();
    await expect(tracker.flush()).resolves.toBeUndefined();
    expect(() => win.dispatchEvent(new win.Event('pagehide'))).not.toThrow();
    await expect(tracker.shutdown()).resolves.toBeUndefined();
  });

  it('shrugs off malformed calls from the host page', async () => {
    const { tracker, events } = setup();
    expect(() => {
      tracker.track(undefined as never);
      tracker.track({ name: 'view_cart' } as never);
      tracker.setConsent(null as never);
      tracker.setExperiments(null as never);
      tracker.setCheckout(42 as never);
    }).not.toThrow();
    tracker.track(sample.step);
    await expect(tracker.flush()).resolves.toBeUndefined();
    expect(await events()).toHaveLength(1);
  });

  it('does nothing after shutdown', async () => {
    const { tracker, fetch, win } = setup();
    tracker.track(sample.step);
    await tracker.shutdown();
    expect(fetch).toHaveBeenCalledTimes(1);
    tracker.track(sample.blur);
    win.dispatchEvent(new win.Event('pagehide'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
