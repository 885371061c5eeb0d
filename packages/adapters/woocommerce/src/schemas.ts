import { KasaError } from '@kasa/core';
import { z } from 'zod';

/**
 * The WooCommerce answers Kasa reads, as zod schemas: only the fields Kasa uses, each with the type
 * the documentation gives it. Anything else may change freely; a change in these fails loudly.
 */

const minorUnits = z.string().regex(/^-?\d+$/, { message: 'expected a minor-unit integer string' });
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, { message: 'expected a decimal string' });
const currency = {
  currency_code: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 code' }),
  currency_minor_unit: z.number().int().min(0).max(4),
};
/** PHP encodes an empty associative array as `[]`. */
const phpObject = z.preprocess(
  (value) => (Array.isArray(value) && value.length === 0 ? {} : value),
  z.record(z.string(), z.unknown()),
);

export const storeCartItemSchema = z.looseObject({
  key: z.string().min(1),
  id: z.number().int().positive(),
  quantity: z.number().int().min(1),
  name: z.string(),
  sku: z.string().nullish(),
  images: z.array(z.looseObject({ thumbnail: z.string().optional(), src: z.string().optional() })).optional(),
  prices: z.looseObject({ price: minorUnits, ...currency }),
  totals: z.looseObject({
    line_subtotal: minorUnits,
    line_subtotal_tax: minorUnits,
    line_total: minorUnits,
    line_total_tax: minorUnits,
    ...currency,
  }),
});

export const storeShippingRateSchema = z.looseObject({
  rate_id: z.string().min(1),
  name: z.string(),
  delivery_time: z.string().optional(),
  price: minorUnits,
  taxes: minorUnits,
  method_id: z.string().min(1),
  selected: z.boolean(),
  ...currency,
});

export const storeCartSchema = z.looseObject({
  items: z.array(storeCartItemSchema),
  needs_shipping: z.boolean(),
  shipping_rates: z.array(
    z.looseObject({
      package_id: z.union([z.number(), z.string()]),
      shipping_rates: z.array(storeShippingRateSchema),
    }),
  ),
  totals: z.looseObject({
    total_items: minorUnits,
    total_items_tax: minorUnits,
    total_shipping: minorUnits.nullable(),
    total_shipping_tax: minorUnits.nullable(),
    total_price: minorUnits,
    ...currency,
  }),
});
export type StoreCart = z.infer<typeof storeCartSchema>;

export const storeCheckoutSchema = z.looseObject({
  order_id: z.number().int().positive(),
  status: z.string().min(1),
  order_key: z.string(),
  /** Newer WooCommerce only; older ones use the id as the number. */
  order_number: z.string().min(1).optional(),
  payment_result: z.looseObject({ payment_status: z.string() }),
  additional_fields: phpObject.optional(),
  extensions: phpObject.optional(),
});
export type StoreCheckout = z.infer<typeof storeCheckoutSchema>;

/** What the Kasa WordPress plugin echoes under `extensions.kasa` once it stored the fields. */
export const kasaExtensionSchema = z.looseObject({
  checkout_id: z.string().optional(),
  pickup_point_id: z.string().optional(),
});

/** A WordPress REST error: `{ code, message, data: { status } }`. */
export const wpErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  data: z.looseObject({ status: z.number().optional() }).nullish(),
});
export type WpError = z.infer<typeof wpErrorSchema>;

const metaSchema = z.looseObject({ key: z.string(), value: z.unknown() });

export const restOrderSchema = z.looseObject({
  id: z.number().int().positive(),
  number: z.string().min(1),
  status: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  total: decimal,
  date_created_gmt: z.string().nullable(),
  date_paid_gmt: z.string().nullable(),
  payment_method: z.string(),
  transaction_id: z.string(),
  billing: z.looseObject({ company: z.string(), email: z.string().nullish() }),
  meta_data: z.array(metaSchema),
});
export type RestOrder = z.infer<typeof restOrderSchema>;

export const restOrderListSchema = z.array(restOrderSchema);

/**
 * Parses a platform answer at the seam. A mismatch throws KasaError('platform_response_invalid')
 * naming the operation and the first field that changed, with every issue in `details.issues`.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join('.'), issue: i.message }));
  throw new KasaError('platform_response_invalid', {
    details: {
      platform: 'woocommerce',
      operation,
      field: issues[0]?.field ?? '',
      issue: issues[0]?.issue ?? '',
      issues,
    },
  });
}

/** Runs a conversion of a parsed field, reporting a failure the same way as {@link parseAnswer}. */
export function convertField<T>(operation: string, field: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    throw new KasaError('platform_response_invalid', {
      details: {
        platform: 'woocommerce',
        operation,
        field,
        issue: String((error as Error).message ?? error),
      },
    });
  }
}

/** A WordPress error body, if the answer is one. */
export const wpErrorOf = (body: unknown): WpError | undefined => wpErrorSchema.safeParse(body).data;
