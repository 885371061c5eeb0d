/**
 * Kasa's tracker is not needed for the shopper to type, so the checkout fetches it only once the
 * form is in use: at the shopper's first interaction with the page, when the page is hidden (a tab
 * switch), or after a quiet spell for a shopper who only reads. Until then the widget's events wait
 * in `window.kasa.q`, which the tracker drains, each event once, when it starts.
 */

/** Inputs that mean the shopper is using the page (all cross the checkout's shadow root). */
const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'focusin'] as const;

/** How long a shopper who only reads waits before the tracker comes anyway (then at an idle moment). */
export const TRACKER_QUIET_MS = 5_000;

/** Fetches after the first that failed (offline, say) before the page gives up on the tracker. */
const MAX_ATTEMPTS = 3;

/** The page the loader listens to; `window` in the browser, a stand-in in tests. */
export interface LoaderPage {
  addEventListener(type: string, listener: () => void, options: AddEventListenerOptions): void;
  removeEventListener(type: string, listener: () => void, options: EventListenerOptions): void;
  readonly document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => unknown;
}

const importModule = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);
const scheduled = new Set<string>();

/**
 * Fetches the tracker's module at the first interaction, when the page is hidden, or after
 * {@link TRACKER_QUIET_MS} (at an idle moment), whichever comes first; once per URL and page. A
 * fetch that fails is tried again when the browser is back online or at the next interaction.
 *
 * @example loadTrackerLater('https://kasa.example/widget/kasa-tracker.3f9a1c.js');
 */
export function loadTrackerLater(
  url: string,
  page: LoaderPage = window,
  load: (url: string) => Promise<unknown> = importModule,
): void {
  if (scheduled.has(url)) return;
  scheduled.add(url);
  let attempts = 0;
  const capture = { capture: true } as const;
  const triggers = [...INTERACTIONS, 'online'];
  const arm = (quietMs?: number) => {
    let fired = false;
    const whenHidden = () => {
      if (page.document.visibilityState === 'hidden') fire();
    };
    const quiet =
      quietMs === undefined
        ? undefined
        : setTimeout(
            () => (page.requestIdleCallback ? page.requestIdleCallback(fire, { timeout: 1_000 }) : fire()),
            quietMs,
          );
    function fire() {
      if (fired) return;
      fired = true;
      clearTimeout(quiet);
      for (const type of triggers) page.removeEventListener(type, fire, capture);
      page.document.removeEventListener('visibilitychange', whenHidden);
      attempts += 1;
      // The events wait in the queue meanwhile. A new query string keeps the browser from answering
      // a retry with the failure it may remember for the module's URL.
      load(attempts === 1 ? url : `${url}?attempt=${attempts}`).catch(() => {
        if (attempts <= MAX_ATTEMPTS) arm();
      });
    }
    for (const type of triggers) page.addEventListener(type, fire, { ...capture, passive: true });
    page.document.addEventListener('visibilitychange', whenHidden);
  };
  arm(TRACKER_QUIET_MS);
}
