import { z } from 'zod';
import { isErrorCode } from './error-messages.ts';
import { paymentKindSchema, shippingKindSchema } from './schemas.ts';
import { ID_PATTERN } from './visitor.ts';

/**
 * One schema for checkout events from every platform. Names follow GA4 where GA4 has one.
 * No event carries an e-mail, phone, name, address or BLIK code: fields are named, never valued,
 * and every string is bounded and shaped so free text cannot slip in.
 */
const id = z.string().regex(ID_PATTERN);
const token = z.string().regex(/^[a-z0-9_.-]{1,64}$/i);
const errorCode = z.string().refine(isErrorCode, { message: 'unknown error code' });
const minor = z.number().int().safe();

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

const item = z.strictObject({
  item_id: token,
  quantity: z.number().int().min(1).max(999),
  price: minor,
});

const money = { value: minor, currency: z.string().regex(/^[A-Z]{3}$/) };

const utmSchema = z.strictObject({
  source: token.optional(),
  medium: token.optional(),
  campaign: z.string().max(100).optional(),
  gclid: z.string().max(200).optional(),
  fbclid: z.string().max(200).optional(),
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
  experiments: z.record(token, token).optional(),
  firstTouch: utmSchema.optional(),
  lastTouch: utmSchema.optional(),
  referrerHost: z.string().max(253).optional(),
  device: z.enum(['mobile', 'tablet', 'desktop']).optional(),
  simulated: z.boolean().optional(),
});

const event = <N extends string, P extends z.ZodRawShape>(name: N, params: P) =>
  eventContextSchema.extend({ name: z.literal(name), params: z.strictObject(params) });

export const checkoutEventSchema = z.discriminatedUnion('name', [
  event('view_cart', { ...money, items: z.array(item).max(200) }),
  event('remove_from_cart', { ...money, items: z.array(item).max(200) }),
  event('begin_checkout', { ...money, items: z.array(item).max(200), layout: token.optional() }),
  event('checkout_step_view', { section: sectionSchema, layout: token.optional() }),
  event('field_blur', { field: fieldNameSchema, section: sectionSchema, filled: z.boolean() }),
  event('field_error', { field: fieldNameSchema, section: sectionSchema, code: errorCode }),
  event('add_shipping_info', { ...money, shipping_tier: token, shipping_kind: shippingKindSchema }),
  event('add_payment_info', { ...money, payment_type: paymentKindSchema }),
  event('blik_code_submitted', { attempt: z.number().int().min(1).max(100) }),
  event('payment_failed', { payment_type: paymentKindSchema, reason: errorCode }),
  event('purchase', {
    ...money,
    transaction_id: id,
    shipping: minor,
    tax: minor,
    items: z.array(item).max(200),
    payment_type: paymentKindSchema.optional(),
  }),
  event('experiment_exposure', { experiment: token, variation: token }),
  event('checkout_abandon', { section: sectionSchema, last_field: fieldNameSchema.optional() }),
]);
export type CheckoutEvent = z.infer<typeof checkoutEventSchema>;
export type CheckoutEventName = CheckoutEvent['name'];
