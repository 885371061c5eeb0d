import { resolveOptions, warn } from './options.ts';
import { idbStorage } from './storage.ts';
import { startTracker } from './tracker.ts';
import type { Tracker, TrackerOptions } from './types.ts';

export type {
  BatchBody,
  Consent,
  ConsentValue,
  Tracker,
  TrackerOptions,
  TrackerResponse,
  TrackerStorage,
  WidgetEvent,
} from './types.ts';

const report = (error: unknown) => warn(`internal error: ${String(error)}`);

const guard =
  <A extends unknown[]>(fn: (...args: A) => unknown) =>
  (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      report(error);
    }
  };

const guardAsync = (fn: () => Promise<void>) => async (): Promise<void> => {
  try {
    await fn();
  } catch (error) {
    report(error);
  }
};

const idle = async () => {};
const disabled: Tracker = {
  track: idle,
  setConsent: idle,
  setCheckout: idle,
  setExperiments: idle,
  flush: idle,
  shutdown: idle,
};

/**
 * Starts Kasa's browser tracker. Events get a client-made UUIDv7, time, shop, checkout,
 * experiments and device; with analytics consent (Consent Mode v2, read from `window.dataLayer`
 * or given through `setConsent`) also an anonymous visitor id (kept in IndexedDB and in the
 * first-party `kasa_vid` cookie, which the shop's server passes to Kasa for the layout experiment;
 * both erased when consent is withdrawn), a 30-minute session id and first/last-touch UTM. Events are batched to `endpoint` as text/plain JSON `{ events, dropped? }`,
 * queued in IndexedDB (only with consent) and beaconed when the page is hidden. GA4 ecommerce
 * events are mirrored to `window.dataLayer` when the page has one; `purchase` and `payment_failed`
 * go there only, since Kasa's server records them from the verified payment. Campaign fields are
 * shaped and bounded, and one that looks like an e-mail or phone number is left out (see the
 * README). Nothing ever throws: bad
 * options are clamped with a warning, and without an endpoint or a valid shop id the tracker
 * does nothing.
 *
 * @example
 * const tracker = createTracker({ endpoint: 'https://kasa.example/api/collect', shopId: 'shop_1' });
 * tracker.setCheckout('chk_123');
 * tracker.setExperiments({ layout: 'one-page' });
 * tracker.track({ name: 'checkout_step_view', params: { section: 'contact' } });
 * tracker.setConsent({ analytics_storage: 'granted' }); // after the shopper agreed
 */
export function createTracker(options: TrackerOptions): Tracker {
  try {
    const resolved = resolveOptions(options, idbStorage);
    if (!resolved) return disabled;
    const t = startTracker(resolved);
    return {
      track: guard(t.track),
      setConsent: guard(t.setConsent),
      setCheckout: guard(t.setCheckout),
      setExperiments: guard(t.setExperiments),
      flush: guardAsync(t.flush),
      shutdown: guardAsync(t.shutdown),
    };
  } catch (error) {
    report(error);
    return disabled;
  }
}
