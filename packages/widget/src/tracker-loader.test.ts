import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_MS, type UsedPage } from './first-use.ts';
import { loadTrackerLater } from './tracker-loader.ts';

/** A page stand-in: interactions and visibility changes are dispatched by the test. */
function fakePage(options: { idle?: boolean } = {}) {
  const target = new EventTarget();
  const documentTarget = new EventTarget();
  const idleCallbacks: (() => void)[] = [];
  const document = Object.assign(documentTarget, { visibilityState: 'visible' as DocumentVisibilityState });
  const page = {
    addEventListener: target.addEventListener.bind(target),
    document,
    ...(options.idle ? { requestIdleCallback: (callback: () => void) => idleCallbacks.push(callback) } : {}),
  } as unknown as UsedPage;
  return {
    page,
    interact: (type: string) => target.dispatchEvent(new Event(type)),
    hide: () => {
      document.visibilityState = 'hidden';
      documentTarget.dispatchEvent(new Event('visibilitychange'));
    },
    runIdle: () => {
      for (const callback of idleCallbacks.splice(0)) callback();
    },
  };
}

let url = '';
let count = 0;
beforeEach(() => {
  vi.useFakeTimers();
  // Each test its own URL: the loader schedules a URL once per page (module).
  count += 1;
  url = `https://kasa.test/widget/kasa-tracker.${count}.js`;
});
afterEach(() => vi.useRealTimers());

describe('loading the tracker once the form is in use', () => {
  it('fetches nothing while the shopper only reads, then once at the first interaction', () => {
    const { page, interact } = fakePage();
    const load = vi.fn(async () => undefined);
    loadTrackerLater(url, page, load);
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(load).not.toHaveBeenCalled();
    interact('pointerdown');
    interact('keydown');
    vi.advanceTimersByTime(QUIET_MS * 2);
    expect(load.mock.calls).toEqual([[url]]);
  });

  it('fetches it when the page is hidden before any interaction', () => {
    const { page, hide } = fakePage();
    const load = vi.fn(async () => undefined);
    loadTrackerLater(url, page, load);
    hide();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fetches it after the quiet spell at an idle moment for a shopper who never interacts', () => {
    const { page, runIdle, interact } = fakePage({ idle: true });
    const load = vi.fn(async () => undefined);
    loadTrackerLater(url, page, load);
    vi.advanceTimersByTime(QUIET_MS);
    expect(load).not.toHaveBeenCalled();
    runIdle();
    interact('focusin');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('schedules a URL once however many checkouts the page holds', () => {
    const { page, interact } = fakePage();
    const load = vi.fn(async () => undefined);
    loadTrackerLater(url, page, load);
    loadTrackerLater(url, page, load);
    interact('touchstart');
    interact('wheel');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries a failed fetch again when back online or at the next interaction, a few times at most', async () => {
    const { page, interact } = fakePage();
    const load = vi.fn(async (_: string) => {
      throw new Error('offline');
    });
    loadTrackerLater(url, page, load);
    interact('keydown');
    await vi.runAllTimersAsync();
    interact('online');
    await vi.runAllTimersAsync();
    for (let i = 0; i < 5; i += 1) {
      interact('pointerdown');
      await vi.runAllTimersAsync();
    }
    expect(load.mock.calls.map(([called]) => called)).toEqual([
      url,
      `${url}?attempt=2`,
      `${url}?attempt=3`,
      `${url}?attempt=4`,
    ]);
  });
});
