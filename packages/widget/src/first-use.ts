/**
 * "Once the form is in use": the shopper's first interaction with the page, the page hidden (a tab
 * switch), or, for a shopper who only reads, a quiet spell (then at an idle moment). What the checkout
 * needs only from then on (Kasa's tracker, the later views) is fetched at that moment, not before.
 */

/** Inputs that mean the shopper is using the page (all cross the checkout's shadow root). */
const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'focusin'];

/** How long a page that is only read waits before it counts as in use. */
export const QUIET_MS = 5_000;

/** The page listened to; `window` in the browser, a stand-in in tests. */
export interface UsedPage {
  addEventListener(type: string, listener: () => void, options: AddEventListenerOptions): void;
  readonly document: Pick<Document, 'visibilityState' | 'addEventListener'>;
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => unknown;
}

/**
 * Runs `act` once, at the first of: an interaction (or one of `more` events, e.g. 'online'), the page
 * hidden, or `quietMs` (no quiet spell when undefined).
 *
 * @example onFirstUse(() => void import('./later-views.ts'));
 */
export function onFirstUse(
  act: () => void,
  page: UsedPage = window,
  quietMs: number | undefined = QUIET_MS,
  more: readonly string[] = [],
): void {
  const done = new AbortController();
  const options = { capture: true, passive: true, signal: done.signal };
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    if (done.signal.aborted) return;
    done.abort();
    clearTimeout(quiet);
    act();
  };
  for (const type of [...INTERACTIONS, ...more]) page.addEventListener(type, fire, options);
  const whenHidden = () => page.document.visibilityState === 'hidden' && fire();
  page.document.addEventListener('visibilitychange', whenHidden, options);
  if (quietMs !== undefined)
    quiet = setTimeout(
      () => (page.requestIdleCallback ? page.requestIdleCallback(fire, { timeout: 1_000 }) : fire()),
      quietMs,
    );
}
