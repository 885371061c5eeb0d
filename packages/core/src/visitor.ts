/**
 * Shape of the ids events carry (shop, checkout, visitor, session): 1–64 letters, digits, `_`, `-`.
 *
 * @example ID_PATTERN.test('chk_42'); // true
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The first-party cookie in which the tracker keeps the anonymous visitor id, written only with
 * analytics consent. A shop's backend passes its value as `visitor` when it fetches a checkout's
 * server-rendered first view, so the layout experiment buckets visitors rather than checkouts.
 *
 * @example const visitor = cookies[VISITOR_COOKIE];
 */
export const VISITOR_COOKIE = 'kasa_vid';
