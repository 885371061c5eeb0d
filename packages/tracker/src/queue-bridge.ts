import type { Tracker, TrackerOptions, WidgetEvent } from './types.ts';

/** What the checkout widget pushes into `window.kasa.q` for every event. */
export interface QueuedEvent {
  readonly shopId?: string;
  readonly checkoutId: string;
  readonly experiments?: Readonly<Record<string, string>>;
  readonly event: WidgetEvent;
}

interface PageQueue {
  q?: { push(item: unknown): unknown } | unknown[];
}

/**
 * Connects the tracker to the widget's command queue (`window.kasa.q`, like gtag's dataLayer):
 * events pushed before this script loaded are sent first, later ones as they come. One tracker per
 * shop id, created on the first event that names the shop. A second copy of the script on the page
 * (the shop's own tag beside the checkout's) leaves the queue to the first, so no event goes twice.
 */
export function drainPageQueue(
  page: { kasa?: PageQueue },
  create: (options: Pick<TrackerOptions, 'shopId'>) => Tracker,
): void {
  const trackers = new Map<string, Tracker>();
  const take = (item: unknown) => {
    const queued = item as QueuedEvent;
    if (!queued?.event || !queued.shopId) return;
    let tracker = trackers.get(queued.shopId);
    if (!tracker) {
      tracker = create({ shopId: queued.shopId });
      trackers.set(queued.shopId, tracker);
    }
    tracker.setCheckout(queued.checkoutId);
    tracker.setExperiments({ ...queued.experiments });
    tracker.track(queued.event);
  };
  page.kasa ??= {};
  if (page.kasa.q && !Array.isArray(page.kasa.q)) return;
  const waiting = Array.isArray(page.kasa.q) ? page.kasa.q : [];
  page.kasa.q = { push: take };
  for (const item of waiting) take(item);
}
