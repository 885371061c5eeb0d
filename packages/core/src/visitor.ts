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

/**
 * The visitor id a checkout's first view is bucketed by when the shop passed no visitor cookie:
 * the first 22 characters of base64url(SHA-256(`kasa-visitor:` + checkout id)). The tracker adopts
 * the same id when the shopper consents and has none yet, so the visitor's later checkouts land in
 * the arm of their first. A digest, not the checkout id itself: that id opens the checkout in the
 * API and must not sit in a long-lived cookie.
 *
 * @example `${VISITOR_DIGEST_PREFIX}${checkoutId}` // what is hashed
 */
export const VISITOR_DIGEST_PREFIX = 'kasa-visitor:';
export const VISITOR_DIGEST_LENGTH = 22;
