import { attributionValue, type CheckoutEvent } from '@kasa/core';

/**
 * UTM and click ids of one visit, in the shape of `firstTouch` / `lastTouch`.
 *
 * @example const touch: Touch = { source: 'newsletter', medium: 'email', campaign: 'Wiosna' };
 */
export type Touch = NonNullable<CheckoutEvent['firstTouch']>;
/**
 * Device class of an event.
 *
 * @example const d: Device = 'mobile';
 */
export type Device = NonNullable<CheckoutEvent['device']>;

/**
 * UTM and click ids of the landing URL (`utm_source` → `source`, …) and the referrer's host when
 * it is another site, each shaped and cut as the collector takes it (`attributionValue` in core);
 * a value that looks like an e-mail address or a phone number is left out.
 *
 * @example readTouch(window); // { touch: { source: 'google', gclid: 'abc' }, referrerHost: 'www.google.com' }
 */
export function readTouch(win: Window | undefined): { touch?: Touch; referrerHost?: string } {
  const loc = win?.location;
  const q = new URLSearchParams(loc?.search ?? '');
  const raw: Record<string, string | null> = {};
  for (const field of FIELDS) raw[field] = q.get(field.endsWith('clid') ? field : `utm_${field}`);
  let referrerHost: string | undefined;
  try {
    const host = new URL(win?.document.referrer ?? '').hostname;
    if (host && host !== loc?.hostname) referrerHost = attributionValue('referrerHost', host);
  } catch {
    // No referrer, or not a URL.
  }
  return { touch: compact(raw), referrerHost };
}

const FIELDS = ['source', 'medium', 'campaign', 'gclid', 'fbclid'] as const;

/**
 * The touch's fields cleaned as the collector takes them (so a touch stored by an older tracker is
 * sent in today's shape), without the ad click ids unless `ads` is true; undefined when empty.
 *
 * @example compact({ source: 'google', gclid: 'x' }, false); // { source: 'google' }
 */
export function compact(
  touch: Partial<Record<(typeof FIELDS)[number], string | null>> | undefined,
  ads = true,
): Touch | undefined {
  if (!touch) return undefined;
  const out: Record<string, string> = {};
  for (const k of FIELDS) {
    const v = (ads || !k.endsWith('clid')) && attributionValue(k, touch[k]);
    if (v) out[k] = v;
  }
  return Object.keys(out).length ? (out as Touch) : undefined;
}

/**
 * Device class from the user agent, then the viewport width (iPadOS reports a Mac with touch).
 *
 * @example deviceClass(window); // 'mobile'
 */
export function deviceClass(win: Window | undefined): Device | undefined {
  if (!win) return undefined;
  const nav = win.navigator;
  const ua = nav?.userAgent ?? '';
  if (/iPad|Tablet|Silk|Android(?!.*Mobi)/i.test(ua) || (/Macintosh/.test(ua) && nav.maxTouchPoints > 1)) {
    return 'tablet';
  }
  if (/Mobi|iPhone|iPod|Android/i.test(ua)) return 'mobile';
  const width = win.innerWidth;
  return width > 0 && width < 768 ? 'mobile' : 'desktop';
}
