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
    drainPageQueue(page, () => recordingTracker(log));
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
});
