import { ID_PATTERN, VISITOR_COOKIE } from '@kasa/core';
import { warn } from './options.ts';

/** About 13 months, the longest an audience-measurement cookie is commonly allowed to live. */
const MAX_AGE_S = 396 * 24 * 60 * 60;

/**
 * The visitor id in the shop's first-party cookie, so the shop's backend can pass it to Kasa when
 * it asks for the checkout's first view. Written and erased only on consent changes; a page where
 * cookies throw (a sandboxed frame) just goes without.
 *
 * @example visitorCookie(window).write('0190d6c4-…'); visitorCookie(window).read(); // '0190d6c4-…'
 */
export function visitorCookie(win: Window | undefined) {
  const doc = win?.document;
  const set = (value: string, lifetime: string) => {
    if (!doc) return;
    const secure = win?.location?.protocol === 'https:' ? '; Secure' : '';
    try {
      doc.cookie = `${VISITOR_COOKIE}=${value}; Path=/; ${lifetime}; SameSite=Lax${secure}`;
    } catch (error) {
      warn(`cannot write the visitor cookie: ${String(error)}`);
    }
  };
  return {
    read(): string | undefined {
      try {
        const pair = doc?.cookie.split('; ').find((c) => c.startsWith(`${VISITOR_COOKIE}=`));
        const value = pair?.slice(VISITOR_COOKIE.length + 1);
        return value && ID_PATTERN.test(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    write: (visitorId: string) => set(visitorId, `Max-Age=${MAX_AGE_S}`),
    erase: () => set('', 'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT'),
  };
}
