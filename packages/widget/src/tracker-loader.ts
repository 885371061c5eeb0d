/**
 * Kasa's tracker is not needed for the shopper to type, so the checkout fetches it only once the
 * form is in use (first-use.ts). Until then the widget's events wait in `window.kasa.q`, which the
 * tracker drains, each event once, when it starts.
 */
import { onFirstUse, type UsedPage } from './first-use.ts';

/** Fetches after the first that failed (offline, say) before the page gives up on the tracker. */
const MAX_RETRIES = 3;

const importModule = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);
const scheduled = new Set<string>();

/**
 * Fetches the tracker's module once the form is in use; once per URL and page. A fetch that fails is
 * tried again when the browser is back online or at the next interaction.
 *
 * @example loadTrackerLater('https://kasa.example/widget/kasa-tracker.3f9a1c.js');
 */
export function loadTrackerLater(
  url: string,
  page: UsedPage = window,
  load: (url: string) => Promise<unknown> = importModule,
): void {
  if (scheduled.has(url)) return;
  scheduled.add(url);
  let attempts = 0;
  const attempt = () => {
    attempts += 1;
    // A new query string keeps the browser from answering a retry with the failure it remembers.
    load(attempts === 1 ? url : `${url}?attempt=${attempts}`).catch(() => {
      if (attempts <= MAX_RETRIES) onFirstUse(attempt, page, undefined, ['online']);
    });
  };
  onFirstUse(attempt, page);
}
