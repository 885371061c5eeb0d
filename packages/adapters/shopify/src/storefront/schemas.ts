import { KasaError } from '@kasa/core';
import { z } from 'zod';

/**
 * Zod schemas of the Storefront API answers Kasa reads. Objects are loose: Shopify adds fields
 * between versions, and a new field must not break a cart. What Kasa uses is required and typed.
 */

/** Shopify's `Decimal` scalar travels as a string ("59.99"); a JSON number is refused, not guessed. */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, { message: 'expected a decimal string such as "59.99"' });

export const moneyV2Schema = z.looseObject({
  amount: decimal,
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
});
export type MoneyV2 = z.infer<typeof moneyV2Schema>;

export const attributeSchema = z.looseObject({ key: z.string(), value: z.string().nullable() });

export const weightUnitSchema = z.enum(['GRAMS', 'KILOGRAMS', 'OUNCES', 'POUNDS']);

const variantSchema = z.looseObject({
  id: z.string().min(1),
  sku: z.string().nullish(),
  title: z.string(),
  weight: z.number().nullish(),
  weightUnit: weightUnitSchema.nullish(),
  image: z.looseObject({ url: z.string() }).nullish(),
  product: z.looseObject({ id: z.string().min(1), title: z.string().min(1) }),
});

export const cartLineSchema = z.looseObject({
  id: z.string().min(1),
  quantity: z.number().int().min(1),
  cost: z.looseObject({ amountPerQuantity: moneyV2Schema, totalAmount: moneyV2Schema }),
  merchandise: variantSchema,
});
export type StorefrontCartLine = z.infer<typeof cartLineSchema>;

export const deliveryOptionSchema = z.looseObject({
  handle: z.string().min(1),
  title: z.string().nullish(),
  code: z.string().nullish(),
  deliveryMethodType: z.string(),
  estimatedCost: moneyV2Schema,
});
export type StorefrontDeliveryOption = z.infer<typeof deliveryOptionSchema>;

export const deliveryGroupSchema = z.looseObject({
  id: z.string().min(1),
  deliveryOptions: z.array(deliveryOptionSchema),
  selectedDeliveryOption: z.looseObject({ handle: z.string() }).nullish(),
});
export type StorefrontDeliveryGroup = z.infer<typeof deliveryGroupSchema>;

export const storefrontCartSchema = z.looseObject({
  id: z.string().min(1),
  checkoutUrl: z.url(),
  totalQuantity: z.number().int().min(0),
  buyerIdentity: z.looseObject({ countryCode: z.string().nullish() }).nullish(),
  attributes: z.array(attributeSchema),
  cost: z.looseObject({ subtotalAmount: moneyV2Schema, totalAmount: moneyV2Schema }),
  lines: z.looseObject({ nodes: z.array(cartLineSchema) }),
  delivery: z
    .looseObject({ addresses: z.array(z.looseObject({ id: z.string(), selected: z.boolean() })) })
    .nullish(),
  deliveryGroups: z.looseObject({ nodes: z.array(deliveryGroupSchema) }),
});
export type StorefrontCart = z.infer<typeof storefrontCartSchema>;

/** Shopify's CartUserError: `field` is the input path, `code` a CartErrorCode (may be null). */
export const cartUserErrorSchema = z.looseObject({
  code: z.string().nullish(),
  field: z.array(z.string()).nullish(),
  message: z.string(),
});
export type CartUserError = z.infer<typeof cartUserErrorSchema>;

/** Shopify's CartWarning (2024-10+): the mutation succeeded, but Shopify changed the cart (e.g. stock). */
export const cartWarningSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  target: z.string(),
});
export type CartWarning = z.infer<typeof cartWarningSchema>;

export const cartPayloadSchema = z.looseObject({
  cart: storefrontCartSchema.nullable(),
  userErrors: z.array(cartUserErrorSchema),
  warnings: z.array(cartWarningSchema).default([]),
});
export type CartPayload = z.infer<typeof cartPayloadSchema>;

/**
 * Parses a Storefront answer at the seam. A mismatch throws KasaError('platform_response_invalid')
 * naming the operation and the first field that changed.
 *
 * @example
 * parseStorefront(cartPayloadSchema, data.cartCreate, 'cartCreate');
 */
export function parseStorefront<S extends z.ZodType>(
  schema: S,
  body: unknown,
  operation: string,
): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join('.'), issue: i.message }));
  throw new KasaError('platform_response_invalid', {
    details: {
      platform: 'shopify',
      api: 'storefront',
      operation,
      field: issues[0]?.field ?? '',
      issue: issues[0]?.issue ?? '',
      issues,
    },
  });
}
