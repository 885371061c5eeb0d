/**
 * What a browser may put into an event, shared by the tracker (which sends only that) and the
 * collector's schema (which refuses the rest). No zod here: the tracker bundles this file.
 *
 * - Events that record a payment's outcome are the server's alone ({@link SERVER_EVENT_NAMES}).
 * - Where a visit came from (the campaign fields of `firstTouch` / `lastTouch`, the referrer's host)
 *   comes from URLs anyone can write, so each field has a shape and a length, and a value that looks
 *   like an e-mail address or a phone number is left out, never stored.
 */

/**
 * Events only the server writes: a purchase from a verified payment, a failed attempt from the
 * payment provider's status. The collector refuses them from browsers (`event_server_only`), so no
 * browser can add revenue, orders or payment failures to the reports; the tracker does not send them
 * (a purchase still goes to the page's `dataLayer`, for the shop's own tags).
 */
export const SERVER_EVENT_NAMES = ['purchase', 'payment_failed'] as const;
export type ServerEventName = (typeof SERVER_EVENT_NAMES)[number];

/**
 * Whether only the server may write events of this name.
 *
 * @example isServerEvent('purchase'); // true
 */
export const isServerEvent = (name: unknown): name is ServerEventName =>
  (SERVER_EVENT_NAMES as readonly unknown[]).includes(name);

/** A campaign field of an event, with the referrer's host. */
export type AttributionField = 'source' | 'medium' | 'campaign' | 'gclid' | 'fbclid' | 'referrerHost';

/**
 * The characters each field may hold (a class, without brackets) and its length limit. Campaign
 * names are free text in any alphabet (`Wiosna – 30%`); sources, mediums and click ids are tokens;
 * a referrer is a host name (punycode, as `URL.hostname` gives it).
 */
export const ATTRIBUTION_SHAPES: Readonly<Record<AttributionField, readonly [chars: string, max: number]>> = {
  source: ['A-Za-z0-9_.\\-', 64],
  medium: ['A-Za-z0-9_.\\-', 64],
  campaign: ["\\p{L}\\p{M}\\p{N}\\p{Pd} _.,:;!?&+'%#()/", 100],
  gclid: ['A-Za-z0-9_.\\-', 200],
  fbclid: ['A-Za-z0-9_.\\-', 200],
  referrerHost: ['a-z0-9_.\\-', 253],
};

/**
 * The whole-value pattern of a field, e.g. to validate what a client sent.
 *
 * @example attributionPattern('source').test('google'); // true
 */
export const attributionPattern = (field: AttributionField): RegExp =>
  new RegExp(`^[${ATTRIBUTION_SHAPES[field][0]}]+$`, 'u');

const EMAIL = /[^\s@]+(@|%40)[^\s@]+\.[^\s@]+/i;
/**
 * Nine digits, with only the separators people put between a phone number's digits (spaces, dots,
 * dashes, brackets, slashes, underscores, `+`) in between.
 */
const PHONE = /\d(?:[\s().+/_-]*\d){8}/;

/**
 * Whether text holds an e-mail address (also URL-encoded) anywhere.
 *
 * @example looksLikeEmail('rabat dla jan@example.pl'); // true
 */
export const looksLikeEmail = (value: string): boolean =>
  // Most text has no `@`: the pattern, which backtracks over the whole text, runs only when it has.
  (value.includes('@') || value.includes('%40')) && EMAIL.test(value);

/**
 * Whether text holds an e-mail address or a phone number: nine or more digits in a row once spaces,
 * dots, dashes, brackets, slashes, underscores and `+` are left out (`+48 512-345-678`,
 * `(22) 123 45 67`). A long date-time in a campaign name can look like one too; it is left out with
 * them, which costs a label, never a shopper's privacy.
 *
 * @example looksLikeContact('promo 512 345 678'); // true
 * @example looksLikeContact('zima-2026'); // false
 */
export const looksLikeContact = (value: string): boolean => looksLikeEmail(value) || PHONE.test(value);

/**
 * A field's value as events may carry it: undefined when empty or when it looks like an e-mail
 * address or a phone number; other characters made `_`, cut to the field's length, trimmed.
 *
 * @example attributionValue('source', 'Google Ads'); // 'Google_Ads'
 * @example attributionValue('campaign', 'jan@example.pl'); // undefined
 */
export function attributionValue(
  field: AttributionField,
  raw: string | null | undefined,
): string | undefined {
  const value = raw?.trim();
  if (!value || looksLikeContact(value)) return undefined;
  const [chars, max] = ATTRIBUTION_SHAPES[field];
  let cut = value.replace(new RegExp(`[^${chars}]+`, 'gu'), '_').slice(0, max);
  // A cut between the two halves of a surrogate pair would leave text that is not Unicode.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

/**
 * The shopper's Google Analytics ids as events may carry them, only with analytics consent: the
 * client id of the `_ga` cookie (`<random>.<seconds>`) and the session id of the `_ga_<stream>`
 * cookie (seconds). Pseudonymous, not contact data; digits and one dot only, bounded, so nothing
 * else can ride in them.
 *
 * @example GA_CLIENT_ID.test('1234567890.1767225600'); // true
 */
export const GA_CLIENT_ID = /^\d{1,20}\.\d{1,20}$/;
/** @example GA_SESSION_ID.test('1767225600'); // true */
export const GA_SESSION_ID = /^\d{1,20}$/;
