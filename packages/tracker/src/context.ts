import type { CheckoutEvent } from '@kasa/core';
import { looksPersonal } from './privacy.ts';

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

const clean = (value: string | null, max: number, token = false): string | undefined => {
  const v = value?.trim();
  if (!v || looksPersonal(v)) return undefined;
  return (token ? v.replace(/[^a-z0-9_.-]+/gi, '_') : v).slice(0, max);
};

/**
 * UTM and click ids of the landing URL (`utm_source` → `source`, …) and the referrer's host when
 * it is another site. Values are shaped to pass the event schema; personal-looking ones are left out.
 *
 * @example readTouch(window); // { touch: { source: 'google', gclid: 'abc' }, referrerHost: 'www.google.com' }
 */
export function readTouch(win: Window | undefined): { touch?: Touch; referrerHost?: string } {
  const loc = win?.location;
  const q = new URLSearchParams(loc?.search ?? '');
  const raw: Touch = {
    source: clean(q.get('utm_source'), 64, true),
    medium: clean(q.get('utm_medium'), 64, true),
    campaign: clean(q.get('utm_campaign'), 100),
    gclid: clean(q.get('gclid'), 200),
    fbclid: clean(q.get('fbclid'), 200),
  };
  const touch = compact(raw);
  let referrerHost: string | undefined;
  try {
    const host = new URL(win?.document.referrer ?? '').hostname;
    if (host && host !== loc?.hostname) referrerHost = host.slice(0, 253);
  } catch {
    // No referrer, or not a URL.
  }
  return { touch, referrerHost };
}

/**
 * Drops undefined fields (and, unless `ads` is true, the ad click ids); undefined when empty.
 *
 * @example compact({ source: 'google', gclid: 'x' }, false); // { source: 'google' }
 */
export function compact(touch: Touch | undefined, ads = true): Touch | undefined {
  if (!touch) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(touch)) if (v && (ads || !k.endsWith('clid'))) out[k] = v;
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
