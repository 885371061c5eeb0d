import { z } from 'zod';
import {
  ATTRIBUTION_SHAPES,
  type AttributionField,
  attributionPattern,
  GA_CLIENT_ID,
  GA_SESSION_ID,
  looksLikeContact,
  type ServerEventName,
} from './browser-events.ts';
import { isErrorCode } from './error-codes.ts';
import { paymentKindSchema, shippingKindSchema } from './schemas.ts';
import { ID_PATTERN } from './visitor.ts';

/**
 * One schema for checkout events from every platform. Names follow GA4 where GA4 has one.
 * No event carries an e-mail, phone, name, address or BLIK code: fields are named, never valued,
 * and every string is bounded and shaped so free text cannot slip in.
 *
 * Two kinds of events: those a browser may send to the collector ({@link browserEventSchema}), and
 * those only the server writes, from what it verified itself (`SERVER_EVENT_NAMES`).
 * {@link checkoutEventSchema} is both: what the event store holds.
 */
const id = z.string().regex(ID_PATTERN);
const token = z.string().regex(/^[a-z0-9_.-]{1,64}$/i);
/**
 * A token that becomes a key of a record (experiments, their variations, layouts): not a name an
 * object inherits (`__proto__`, `constructor`, `prototype`), which as a key reads the prototype.
 */
const KEY = /^(?!(__proto__|constructor|prototype)$)[a-z0-9_.-]{1,64}$/i;
const NOT_A_KEY = 'a token, not a reserved name';
const key = z.string().regex(KEY, { message: NOT_A_KEY });
/**
 * A record of keys to keys, checked in one pass over its own keys, so an own `__proto__` key (which
 * JSON.parse makes, and zod's record would leave out without a word) is refused like any other
 * reserved name. The record is kept as it came: zod's record, and the look for `__proto__` before
 * it, took 0.4 µs and 0.9 kB of each event's validation; this takes 0.2 µs and 0.2 kB.
 */
const keyRecord = z
  .custom<Record<string, string>>()
  .check((payload) => {
    const record = payload.value;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      payload.issues.push({ code: 'invalid_type', expected: 'record', input: record });
      return;
    }
    for (const [name, value] of Object.entries(record)) {
      if (!KEY.test(name)) {
        payload.issues.push({ code: 'invalid_key', origin: 'record', issues: [], input: name, path: [name] });
      } else if (typeof value !== 'string' || !KEY.test(value)) {
        payload.issues.push({ code: 'custom', message: NOT_A_KEY, input: value, path: [name] });
      }
    }
  })
  .meta({
    type: 'object',
    propertyNames: { type: 'string', pattern: KEY.source },
    additionalProperties: { type: 'string', pattern: KEY.source },
  });
const errorCode = z.string().refine(isErrorCode, { message: 'unknown error code' });
const minor = z.number().int().safe();
/**
 * The largest amount a browser event may carry: 10 million zł in grosze. A browser reports totals
 * the server showed it; anything past this, or below zero, is not one.
 */
export const MAX_BROWSER_AMOUNT = 1_000_000_000;
const shownAmount = z.number().int().min(0).max(MAX_BROWSER_AMOUNT);

export const sectionSchema = z.enum(['contact', 'delivery', 'payment', 'review', 'paying', 'paid', 'failed']);
export type Section = z.infer<typeof sectionSchema>;

/** Checkout form fields that events may name (never their values). */
export const fieldNameSchema = z.enum([
  'email',
  'phone',
  'firstName',
  'lastName',
  'street',
  'buildingNumber',
  'flatNumber',
  'postcode',
  'city',
  'pickupPoint',
  'shippingOption',
  'companyName',
  'nip',
  'blikCode',
  'terms',
  'paymentMethod',
]);
export type FieldName = z.infer<typeof fieldNameSchema>;

const currency = z.string().regex(/^[A-Z]{3}$/);
/** Cart lines as a browser saw them. */
const items = z
  .array(z.strictObject({ item_id: token, quantity: z.number().int().min(1).max(999), price: shownAmount }))
  .max(200);
/** Cart lines of an order the server recorded. */
const orderItems = z
  .array(z.strictObject({ item_id: token, quantity: z.number().int().min(1).max(999), price: minor }))
  .max(200);
const money = { value: shownAmount, currency };

/** A campaign field's check: `undefined` to leave the value out, a message to refuse it, else `true`. */
function attributionCheck(field: AttributionField): (value: string) => true | string | undefined {
  const pattern = attributionPattern(field);
  const message = `holds a character a ${field} may not have`;
  return (value) => {
    if (looksLikeContact(value)) return undefined;
    return pattern.test(value) || message;
  };
}

/** A campaign field before its check: a string within the field's length limit. */
const bounded = (field: AttributionField) => z.string().max(ATTRIBUTION_SHAPES[field][1]);

/**
 * A campaign field on its own (the referrer's host): left out when it looks like an e-mail address
 * or a phone number, refused when it is longer than its limit or holds characters its shape does
 * not allow (see browser-events.ts).
 *
 * A check sets the value it leaves out; it is not a transform. With transforms here, much of what
 * validating an event allocates was promoted out of the young generation: parsing and validating
 * the collector bench's events in a loop, the heap grew by 1 MB per scavenge until a full collection
 * and a scavenge took 2.0–2.6 ms instead of 0.4–0.6; the collector's server spent 422–449 ms in
 * scavenges per 100,000 events instead of 333–359.
 */
const attribution = (field: AttributionField) => {
  const check = attributionCheck(field);
  return bounded(field)
    .optional()
    .check((payload) => {
      const value = payload.value;
      if (value === undefined || payload.issues.length > 0) return;
      const verdict = check(value);
      if (verdict === undefined) payload.value = undefined;
      else if (typeof verdict === 'string')
        payload.issues.push({ code: 'custom', message: verdict, input: value });
    });
};

const UTM_FIELDS = ['source', 'medium', 'campaign', 'gclid', 'fbclid'] as const;
const UTM_CHECKS = UTM_FIELDS.map((field) => [field, attributionCheck(field)] as const);

/**
 * UTM parameters and click ids of one visit, each field checked as {@link attribution} checks one,
 * in one check for the touch (not a transform, for the same reason); undefined when none is left.
 */
const touchSchema = z
  .strictObject({
    source: bounded('source').optional(),
    medium: bounded('medium').optional(),
    campaign: bounded('campaign').optional(),
    gclid: bounded('gclid').optional(),
    fbclid: bounded('fbclid').optional(),
  })
  .optional()
  .check((payload) => {
    const touch = payload.value;
    if (touch === undefined || payload.issues.length > 0) return;
    // Most touches lose nothing: copy only when a value is left out.
    let kept: typeof touch | undefined;
    for (const [field, check] of UTM_CHECKS) {
      const value = touch[field];
      if (value === undefined) continue;
      const verdict = check(value);
      if (typeof verdict === 'string') {
        payload.issues.push({ code: 'custom', message: verdict, input: value, path: [field] });
      }
      if (verdict !== undefined) continue;
      kept ??= { ...touch };
      delete kept[field];
    }
    const result = kept ?? touch;
    payload.value = Object.keys(result).length > 0 ? result : undefined;
  });

export const eventContextSchema = z.strictObject({
  /** Client-made id (UUIDv7 or similar) used to de-duplicate retried batches. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/),
  ts: z.number().int().min(1_500_000_000_000).max(4_102_444_800_000),
  shopId: id,
  checkoutId: id.optional(),
  /** Only with analytics consent. */
  visitorId: id.optional(),
  sessionId: id.optional(),
  experiments: keyRecord.optional(),
  firstTouch: touchSchema,
  lastTouch: touchSchema,
  referrerHost: attribution('referrerHost'),
  /**
   * Only with analytics consent: the shopper's GA4 client and session ids (from the `_ga` cookies)
   * and their ad signals, so the server's forwarded purchase joins the browser's GA4 session.
   */
  ga: z
    .strictObject({
      clientId: z.string().regex(GA_CLIENT_ID),
      sessionId: z.string().regex(GA_SESSION_ID).optional(),
      adUserData: z.enum(['granted', 'denied']),
      adPersonalization: z.enum(['granted', 'denied']),
    })
    .optional(),
  device: z.enum(['mobile', 'tablet', 'desktop']).optional(),
  simulated: z.boolean().optional(),
});

const event = <N extends string, P extends z.ZodRawShape>(name: N, params: P) =>
  eventContextSchema.extend({ name: z.literal(name), params: z.strictObject(params) });

const browserEvents = [
  event('view_cart', { ...money, items }),
  event('remove_from_cart', { ...money, items }),
  event('begin_checkout', { ...money, items, layout: key.optional() }),
  event('checkout_step_view', { section: sectionSchema, layout: key.optional() }),
  event('field_blur', { field: fieldNameSchema, section: sectionSchema, filled: z.boolean() }),
  event('field_error', { field: fieldNameSchema, section: sectionSchema, code: errorCode }),
  event('add_shipping_info', { ...money, shipping_tier: token, shipping_kind: shippingKindSchema }),
  event('add_payment_info', { ...money, payment_type: paymentKindSchema }),
  event('blik_code_submitted', { attempt: z.number().int().min(1).max(100) }),
  event('experiment_exposure', { experiment: key, variation: key }),
  event('checkout_abandon', { section: sectionSchema, last_field: fieldNameSchema.optional() }),
] as const;

/** Payment outcomes, written by the server from the payment provider's answer, never by a browser. */
const serverEvents = {
  payment_failed: event('payment_failed', { payment_type: paymentKindSchema, reason: errorCode }),
  purchase: event('purchase', {
    value: minor,
    currency,
    transaction_id: id,
    shipping: minor,
    tax: minor,
    items: orderItems,
    payment_type: paymentKindSchema.optional(),
  }),
} satisfies Record<ServerEventName, unknown>;

/** Every event the store holds: the browsers' and the server's own. */
export const checkoutEventSchema = z.discriminatedUnion('name', [
  ...browserEvents,
  serverEvents.payment_failed,
  serverEvents.purchase,
]);
/** What a browser (the tracker, or anything posting to `/api/collect`) may send. */
export const browserEventSchema = z.discriminatedUnion('name', [...browserEvents]);
export type CheckoutEvent = z.infer<typeof checkoutEventSchema>;
export type CheckoutEventName = CheckoutEvent['name'];
/** An event a browser may send. */
export type BrowserEvent = z.infer<typeof browserEventSchema>;
