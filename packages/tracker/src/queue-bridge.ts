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

/** The page the queue lives on; its lifecycle events where it has them (a browser window does). */
export interface QueuePage {
  kasa?: PageQueue;
  addEventListener?(type: 'pagehide', listener: () => void): void;
  document?: {
    readonly visibilityState: string;
    addEventListener(type: 'visibilitychange', listener: () => void): void;
  };
}

/** Runs `run` in a task of its own, after what the page is doing now. */
const nextTask = (run: () => void) => void setTimeout(run, 0);

/**
 * Connects the tracker to the widget's command queue (`window.kasa.q`, like gtag's dataLayer):
 * events pushed before this script loaded are sent first, later ones as they come. One tracker per
 * shop id, created on the first event that names the shop. A second copy of the script on the page
 * (the shop's own tag beside the checkout's) leaves the queue to the first, so no event goes twice.
 *
 * The events that waited are handed over one per task (`later`): starting the tracker and tracking
 * them all at once was one task of about 50 ms on a slow phone (4× CPU slowdown), just as the
 * shopper began to type. A hidden page gets them all at once, also one hidden meanwhile: before the
 * tracker (whose listeners come later) sends what it holds.
 */
export function drainPageQueue(
  page: QueuePage,
  create: (options: Pick<TrackerOptions, 'shopId'>) => Tracker,
  later: (run: () => void) => void = nextTask,
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
  const waiting: unknown[] = Array.isArray(page.kasa.q) ? [...page.kasa.q] : [];
  // While events still wait, a new one waits behind them: the order is kept.
  page.kasa.q = { push: (item: unknown) => (waiting.length > 0 ? waiting.push(item) : take(item)) };
  if (waiting.length === 0) return;
  const takeOne = () => {
    const item = waiting.shift();
    if (waiting.length > 0) later(takeOne);
    take(item);
  };
  const takeAll = () => {
    while (waiting.length > 0) take(waiting.shift());
  };
  const hidden = () => page.document?.visibilityState === 'hidden';
  // Loaded into a hidden page (the tracker comes when a tab is switched away): nobody is typing, and
  // a background tab runs timers a second or more apart.
  if (hidden()) {
    takeAll();
    return;
  }
  page.addEventListener?.('pagehide', takeAll);
  page.document?.addEventListener('visibilitychange', () => {
    if (hidden()) takeAll();
  });
  later(takeOne);
}
