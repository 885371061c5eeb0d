import type { Consent } from './types.ts';

const SIGNALS = ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization'] as const;

/**
 * Consent Mode v2 with every signal denied: the state before the shopper has chosen.
 *
 * @example deniedConsent().analytics_storage; // 'denied'
 */
export const deniedConsent = (): Consent => ({
  analytics_storage: 'denied',
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
});

/**
 * Copies the valid Consent Mode v2 signals of `update` onto `consent` (other keys are ignored).
 *
 * @example mergeConsent(deniedConsent(), { analytics_storage: 'granted', wait_for_update: 500 });
 */
export function mergeConsent(consent: Consent, update: unknown): Consent {
  const next = { ...consent };
  if (update && typeof update === 'object') {
    for (const key of SIGNALS) {
      const value = (update as Record<string, unknown>)[key];
      if (value === 'granted' || value === 'denied') next[key] = value;
    }
  }
  return next;
}

/**
 * Follows the host page's `dataLayer` for `gtag('consent', 'default' | 'update', {...})` commands
 * (pushed as `Arguments` objects or arrays). Each call reads only the entries pushed since the last.
 *
 * @example
 * const read = consentReader(window);
 * consent = read(consent);
 */
export function consentReader(win: Window | undefined): (consent: Consent) => Consent {
  let seen = 0;
  return (consent) => {
    const layer = (win as { dataLayer?: unknown } | undefined)?.dataLayer;
    if (!Array.isArray(layer)) return consent;
    for (; seen < layer.length; seen++) {
      const entry = layer[seen] as ArrayLike<unknown> | null;
      if (entry && entry[0] === 'consent' && (entry[1] === 'default' || entry[1] === 'update')) {
        consent = mergeConsent(consent, entry[2]);
      }
    }
    return consent;
  };
}
