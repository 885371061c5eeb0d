import { describe, expect, it } from 'vitest';
import { drainPageQueue } from './queue-bridge.ts';
import type { Tracker } from './types.ts';

function recordingTracker(log: string[]): Tracker {
  return {
    track: (event) => void log.push(`track ${event.name}`),
    setCheckout: (id) => void log.push(`checkout ${id}`),
    setExperiments: (record) => void log.push(`experiments ${JSON.stringify(record)}`),
    setConsent: () => {},
    flush: async () => {},
    shutdown: async () => {},
  } as Tracker;
}

/** The bridge's later tasks, run when the test says. */
function laterTasks() {
  const tasks: (() => void)[] = [];
  return {
    later: (run: () => void) => void tasks.push(run),
    runNext: () => tasks.shift()?.(),
    runAll: () => {
      while (tasks.length > 0) tasks.shift()?.();
    },
  };
}

const step = { name: 'checkout_step_view', params: { section: 'contact', layout: 'one-page' } } as const;

describe("the widget's event queue", () => {
  it('sends events queued before the script loaded, then new ones as they are pushed', () => {
    const log: string[] = [];
    const page = {
      kasa: {
        q: [
          {
            shopId: 'demo',
            checkoutId: 'chk_1',
            experiments: { 'checkout-layout': 'one-page' },
            event: step,
          },
        ],
      },
    };
    const tasks = laterTasks();
    drainPageQueue(page, () => recordingTracker(log), tasks.later);
    expect(log).toEqual([]);
    tasks.runNext();
    expect(log).toEqual([
      'checkout chk_1',
      'experiments {"checkout-layout":"one-page"}',
      'track checkout_step_view',
    ]);
    (page.kasa.q as { push(item: unknown): void }).push({ shopId: 'demo', checkoutId: 'chk_1', event: step });
    expect(log.filter((line) => line.startsWith('track'))).toHaveLength(2);
  });

  it('ignores items without an event or a shop, and creates one tracker per shop', () => {
    const created: string[] = [];
    const page: { kasa?: { q?: unknown[] | { push(item: unknown): unknown } } } = {};
    drainPageQueue(page, ({ shopId }) => {
      created.push(shopId);
      return recordingTracker([]);
    });
    const queue = page.kasa?.q as { push(item: unknown): void };
    queue.push({ nonsense: true });
    queue.push({ shopId: 'a', checkoutId: 'chk_1', event: step });
    queue.push({ shopId: 'a', checkoutId: 'chk_1', event: step });
    queue.push({ shopId: 'b', checkoutId: 'chk_2', event: step });
    expect(created).toEqual(['a', 'b']);
  });

  it('leaves the queue to the tracker already draining it when a second copy loads', () => {
    const first: string[] = [];
    const second: string[] = [];
    const page: { kasa: { q?: unknown[] | { push(item: unknown): unknown } } } = { kasa: { q: [] } };
    drainPageQueue(page, () => recordingTracker(first));
    drainPageQueue(page, () => recordingTracker(second));
    (page.kasa.q as { push(item: unknown): void }).push({ shopId: 'a', checkoutId: 'chk_1', event: step });
    expect(first.filter((line) => line.startsWith('track'))).toEqual(['track checkout_step_view']);
    expect(second).toEqual([]);
  });

  it('hands the events that waited over one per task, in order, with new ones behind them', () => {
    const log: string[] = [];
    const queued = (n: number) => ({ shopId: 'demo', checkoutId: `chk_${n}`, event: step });
    const page = { kasa: { q: [queued(1), queued(2), queued(3)] as unknown[] } };
    const tasks = laterTasks();
    drainPageQueue(page, () => recordingTracker(log), tasks.later);
    const checkouts = () => log.filter((line) => line.startsWith('checkout'));
    (page.kasa.q as unknown as { push(item: unknown): void }).push(queued(4));
    tasks.runNext();
    expect(checkouts()).toEqual(['checkout chk_1']);
    tasks.runNext();
    expect(checkouts()).toEqual(['checkout chk_1', 'checkout chk_2']);
    tasks.runAll();
    expect(checkouts()).toEqual(['checkout chk_1', 'checkout chk_2', 'checkout chk_3', 'checkout chk_4']);
    (page.kasa.q as unknown as { push(item: unknown): void }).push(queued(5));
    expect(checkouts()).toHaveLength(5);
  });

  it('hands every waiting event over before the tracker sends what it holds, when the page is hidden', () => {
    const log: string[] = [];
    const listeners: [string, () => void][] = [];
    const document = {
      visibilityState: 'visible',
      addEventListener: (type: string, listener: () => void) => void listeners.push([type, listener]),
    };
    const page = {
      kasa: {
        q: [1, 2, 3].map((n) => ({ shopId: 'demo', checkoutId: `chk_${n}`, event: step })) as unknown[],
      },
      document,
    };
    const tasks = laterTasks();
    drainPageQueue(
      page,
      () => {
        // The tracker's own listener comes after the bridge's, as in the browser.
        document.addEventListener('visibilitychange', () => void log.push('tracker sends'));
        return recordingTracker(log);
      },
      tasks.later,
    );
    tasks.runNext();
    document.visibilityState = 'hidden';
    for (const [type, listener] of [...listeners]) if (type === 'visibilitychange') listener();
    expect(log.filter((line) => line.startsWith('track') || line === 'tracker sends')).toEqual([
      'track checkout_step_view',
      'track checkout_step_view',
      'track checkout_step_view',
      'tracker sends',
    ]);
    tasks.runAll();
    expect(log.filter((line) => line.startsWith('track '))).toHaveLength(3);
  });

  it('hands every waiting event over at once to a page that is already hidden', () => {
    const log: string[] = [];
    const page = {
      kasa: { q: [1, 2].map((n) => ({ shopId: 'demo', checkoutId: `chk_${n}`, event: step })) as unknown[] },
      document: { visibilityState: 'hidden', addEventListener: () => {} },
    };
    const tasks = laterTasks();
    drainPageQueue(page, () => recordingTracker(log), tasks.later);
    expect(log.filter((line) => line.startsWith('track '))).toHaveLength(2);
    tasks.runAll();
    expect(log.filter((line) => line.startsWith('track '))).toHaveLength(2);
  });
});
