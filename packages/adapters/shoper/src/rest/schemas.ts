import { z } from 'zod';

/**
 * Shoper REST webapi (`https://<shop>/webapi/rest`) shapes, as zod schemas: the single source of
 * truth for both the adapter (parsing answers) and the local fake (validating request bodies).
 *
 * Where the shapes come from: the PHP SDK generated from Shoper's OpenAPI description,
 * repository `mkasprz/shoper-sdk-php` (folders `src/Rest/Types/*.php` for read shapes,
 * `src/Rest/<Resource>/Requests/*Insert.php` / `*Update.php` for bodies, `src/BulkRequestBuilder.php`,
 * `src/OAuthManager.php`), and the samples in `packages/adapters/shoper/fixtures`. Nothing here
 * was seen on a live shop. Fields marked GUESS are not in those sources.
 *
 * Reading answers is lenient: unknown fields pass (`z.looseObject`), and the numbers the SDK types as
 * strings (`"count": "12"`, `"sum": "129.99"`, ids in orders) are accepted either way and read as
 * numbers; Shoper flags (`"1"`, `1`, `true`) are read as booleans.
 */

// ——— wire scalars ———

const decimalText = /^\s*-?\d+(\.\d+)?\s*$/;

/** A number that Shoper may send as a JSON number or as a decimal string; read as a number. */
export const wireNumber = z
  .union([z.number(), z.string().regex(decimalText, { message: 'expected a number or a decimal string' })])
  .transform(Number)
  .pipe(z.number().finite());

/** An integer sent as a number or a digit string. */
export const wireInt = wireNumber.pipe(z.number().int({ message: 'expected an integer' }));

/** A Shoper identifier: a positive integer, sent as a number or a digit string. */
export const wireId = wireInt.pipe(z.number().positive({ message: 'expected a positive identifier' }));

/** A Shoper flag: `true`/`false`, `1`/`0` or `"1"`/`"0"`; read as a boolean. */
export const wireFlag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')])
  .transform((flag) => flag === true || flag === 1 || flag === '1');

/** PHP encodes an empty associative array as `[]`; translations and similar maps may arrive so. */
const phpMap = <T extends z.ZodType>(value: T) =>
  z.preprocess((raw) => (Array.isArray(raw) && raw.length === 0 ? {} : raw), z.record(z.string(), value));

/** `translations`: keyed by locale (`pl_PL`); only `name` and `active` matter to Kasa. */
const translations = phpMap(
  z.looseObject({ name: z.string().optional(), title: z.string().optional(), active: wireFlag.optional() }),
);

/**
 * The Polish name in a `translations` map (`pl_PL`, else the first locale that has one).
 *
 * @example plName({ pl_PL: { name: 'Kubek' } }); // 'Kubek'
 */
export function plName(
  map: Readonly<Record<string, { name?: string; title?: string }>> | undefined,
): string | undefined {
  if (map === undefined) return undefined;
  const polish = map.pl_PL;
  const name = polish?.name ?? polish?.title;
  if (name !== undefined) return name;
  for (const entry of Object.values(map)) {
    const other = entry.name ?? entry.title;
    if (other !== undefined) return other;
  }
  return undefined;
}

// ——— auth ———

/** `POST /auth` (Basic login:password). Source: fixture auth.POST.response.redacted.json. */
export const authAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: wireInt,
  token_type: z.string(),
});

/**
 * `POST /oauth/token` (Basic client_id:client_secret, form grant_type=authorization_code|refresh_token).
 * Source: src/OAuthManager.php (request) and fixture oauth-token.POST.response.doc-example.txt (answer,
 * where `expires_in` is a string).
 */
export const oauthTokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: wireInt,
  token_type: z.string(),
  scope: z.string().optional(),
});

/**
 * An error answer: `{error, error_description}`. Source: fixture auth.expired-token.401.headers.txt
 * (`unauthorized_client`) and OAuthManager.php (reads `error_description` then `error`). Validation and
 * 404 bodies in the same shape are a GUESS (the SDK has ErrorResponse400/404 types we did not read).
 */
export const errorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});

// ——— lists ———

/**
 * The list envelope every `GET /<resource>` answers: `{count, pages, page, list}`. Source:
 * src/Rest/<Resource>/Types/List*Response.php (`count` is a string there, `pages`/`page` integers).
 *
 * @example listEnvelope(taxSchema).parse({ count: '1', pages: 1, page: 1, list: [{ tax_id: 1, value: '23' }] });
 */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({ count: wireInt, pages: wireInt, page: wireInt, list: z.array(item) });

// ——— catalogue ———

/**
 * A product stock (the product's main stock, or a variant from `GET /product-stocks`). Source:
 * src/Rest/Types/ProductStock.php. `price` is the gross price for the main stock, and for a variant
 * depends on `price_type` (0 product's price, 1 own price, 2 added to, 3 subtracted from the base
 * price): see `stockUnitPrice`. That prices are gross is a GUESS (Shoper's admin enters gross prices).
 * `stock` is the quantity in stock.
 */
export const productStockSchema = z.looseObject({
  stock_id: wireId,
  product_id: wireId.optional(),
  price: wireNumber.optional(),
  price_type: wireInt.optional(),
  active: wireFlag.optional(),
  stock: wireNumber.optional(),
  code: z.string().nullish(),
  extended: wireFlag.optional(),
  default: wireFlag.optional(),
});
export type ProductStock = z.infer<typeof productStockSchema>;

/**
 * The unit price a stock sells at, from the product's main stock price and the stock's `price_type`.
 *
 * @example stockUnitPrice(100, { price: 20, price_type: 2 }); // 120
 */
export function stockUnitPrice(basePrice: number, stock: Pick<ProductStock, 'price' | 'price_type'>): number {
  const own = stock.price ?? 0;
  switch (stock.price_type) {
    case 0:
      return basePrice;
    case 2:
      return basePrice + own;
    case 3:
      return basePrice - own;
    default:
      return stock.price ?? basePrice;
  }
}

/**
 * A product. Source: src/Rest/Types/Product.php (`stock` = main stock, `options` = ids of its
 * variant stocks, `translations` keyed by locale, `tax_id`, `unit_id`).
 */
export const productSchema = z.looseObject({
  product_id: wireId,
  code: z.string().nullish(),
  tax_id: wireId.nullish(),
  unit_id: wireId.nullish(),
  stock: productStockSchema,
  translations,
  options: z.array(wireId).nullish(),
});
export type Product = z.infer<typeof productSchema>;

/** A tax rate. Source: src/Rest/Types/Tax.php (`value` = percent). */
export const taxSchema = z.looseObject({
  tax_id: wireId,
  value: wireNumber,
  name: z.string().nullish(),
  class: z.string().nullish(),
});

/** A currency. Source: src/Rest/Types/Currency.php (`name` = ISO 4217 code). */
export const currencySchema = z.looseObject({
  currency_id: wireId,
  name: z.string(),
  active: wireFlag.optional(),
  default: wireFlag.optional(),
  rate: wireNumber.optional(),
});

/**
 * A shipping method. Source: src/Rest/Types/Shipping.php: `cost` is the fixed cost (`0` when it depends
 * on weight/amount, `depend_on_w` 1 weight, 2 order amount, 3 quantity, 4 gauge weight; `ranges` then
 * carry the tiers), `free_shipping` the order value from which it is free, `min_cost`/`max_cost` the order
 * amounts it serves, `engine` one of personal, pickupPoint, apaczka, pocztaPolska, paczkomaty (an InPost
 * locker shipping is engine `paczkomaty`, or `pickupPoint`). `active` and `is_default` are flags.
 */
export const shippingSchema = z.looseObject({
  shipping_id: wireId,
  name: z.string().nullish(),
  cost: wireNumber.optional(),
  free_shipping: wireNumber.nullish(),
  depend_on_w: wireInt.optional(),
  min_cost: wireNumber.optional(),
  max_cost: wireNumber.optional(),
  engine: z.string().nullish(),
  active: wireFlag.optional(),
  is_default: wireFlag.optional(),
  tax_id: wireId,
  zone_id: wireId.optional(),
  translations: translations.optional(),
  ranges: z.array(z.looseObject({})).nullish(),
  payments: z.array(z.looseObject({})).optional(),
});
export type Shipping = z.infer<typeof shippingSchema>;

/**
 * A payment method. Source: src/Rest/Types/Payment.php (`name` = engine name, `external` for apps;
 * `currencies` ids). `translations` entries carrying `title` and `active` is a GUESS (PaymentTranslationsValue
 * not read).
 */
export const paymentSchema = z.looseObject({
  payment_id: wireId,
  name: z.string().nullish(),
  currencies: z.array(wireId).nullish(),
  translations: translations.optional(),
});

/** An order status. Source: src/Rest/Types/Status.php: `type` 1 new, 2 opened, 3 closed, 4 not completed. */
export const statusSchema = z.looseObject({
  status_id: wireId,
  type: wireInt.pipe(z.number().min(1).max(4)),
  active: wireFlag.optional(),
  default: wireFlag.optional(),
  translations: translations.optional(),
});

// ——— orders ———

const text = z.string().nullish();

/** A billing/delivery address. Source: src/Rest/Orders/Types/OrderInsertBillingAddress.php. */
export const addressSchema = z.looseObject({
  firstname: text,
  lastname: text,
  company: text,
  tax_identification_number: text,
  street1: text,
  street2: text,
  city: text,
  postcode: text,
  country_code: text,
  phone: text,
});

/** Pickup point suppliers. Source: src/Rest/Types/OrderPickupPointData.php. */
export const PICKUP_SUPPLIERS = [
  'POCZTA',
  'INPOST',
  'DHL_PARCEL',
  'DHL',
  'DPD',
  'PWR',
  'UPS',
  'OTHER',
] as const;

/** `pickup_point_data`, the same shape read and sent. Source: src/Rest/Types/OrderPickupPointData.php. */
export const pickupPointDataSchema = z.looseObject({
  point: z.string().min(1),
  supplier: z.enum(PICKUP_SUPPLIERS),
  supplier_name: text,
  city: text,
  postal_code: text,
  street: text,
  house_number: text,
  country_code: text,
  description: text,
});

/**
 * An order. Source: src/Rest/Types/Order.php (ids, `sum`, `paid`, `shipping_cost` typed strings there).
 * `is_paid`, `status` ({type…}) may be absent. `notes_priv` carries Kasa's `kasa:<checkoutId>`.
 */
export const orderSchema = z.looseObject({
  order_id: wireId,
  status_id: wireId,
  sum: wireNumber,
  paid: wireNumber.optional(),
  is_paid: wireFlag.optional(),
  email: z.string(),
  notes_priv: text,
  pickup_point: text,
  pickup_point_data: pickupPointDataSchema.partial().nullish(),
  shipping_id: wireId,
  shipping_cost: wireNumber.optional(),
  shipping_tax_id: wireId.optional(),
  payment_id: wireId,
  currency_id: wireId.optional(),
  date: z.string().optional(),
  origin: wireInt.optional(),
  billing_address: addressSchema.nullish(),
  delivery_address: addressSchema.nullish(),
  status: z.looseObject({ type: wireInt.optional() }).nullish(),
});
export type Order = z.infer<typeof orderSchema>;

/** A line of an order. Source: src/Rest/Types/OrderProduct.php (`product_id` 0 = a free line). */
export const orderProductSchema = z.looseObject({
  id: wireId,
  order_id: wireId,
  product_id: wireInt,
  stock_id: wireInt.nullish(),
  quantity: wireNumber,
  price: wireNumber.optional(),
  name: text,
  code: text,
  tax_value: wireNumber.optional(),
  unit: text,
});

/**
 * A payment transaction of an order. Source: src/Rest/Types/OrderTransaction.php: `status` 1 pending,
 * 2 canceled, 3 finished, 4 failed. The SDK shows no identifier field; `transaction_id` is a GUESS
 * (the fake sends it; Kasa finds its transactions by `status_description`).
 */
export const orderTransactionSchema = z.looseObject({
  transaction_id: wireId.optional(),
  order_id: wireId,
  payment_id: wireId,
  currency_id: wireId.optional(),
  currency_value: wireNumber,
  status: wireInt.pipe(z.number().min(1).max(4)),
  status_description: text,
  date: text,
});

/** A webhook. Source: src/Rest/Types/Webhook.php (`format` 0 JSON, 1 XML). */
export const webhookSchema = z.looseObject({
  webhook_id: wireId.optional(),
  url: z.string(),
  active: wireFlag.optional(),
  events: z.array(z.string()).nullish(),
  format: wireInt,
  secret: z.string().nullish(),
});

// ——— bodies Kasa sends ———

/** An address Kasa sends; `country_code` PL. Source: OrderInsertBillingAddress.php. */
const addressInsertSchema = z.looseObject({
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  company: z.string().optional(),
  tax_identification_number: z.string().optional(),
  street1: z.string().optional(),
  street2: z.string().optional(),
  city: z.string().optional(),
  postcode: z.string().optional(),
  country_code: z.string().optional(),
  phone: z.string().optional(),
});

const orderOptionalFields = {
  shipping_cost: wireNumber.optional(),
  paid: wireNumber.optional(),
  origin: wireInt.optional(),
  notes: z.string().optional(),
  notes_priv: z.string().optional(),
  notes_pub: z.string().optional(),
  date: z.string().optional(),
  currency_id: wireId.optional(),
  billing_address: addressInsertSchema.optional(),
  delivery_address: addressInsertSchema.optional(),
  different_address: z.boolean().optional(),
  pickup_point: z.string().optional(),
  pickup_point_data: pickupPointDataSchema.optional(),
  additional_fields: z.record(z.string(), z.string()).optional(),
  confirm: z.boolean().optional(),
};

/**
 * `POST /orders` body. Source: src/Rest/Orders/Requests/OrderInsert.php: required `email`, `status_id`,
 * `payment_id`, `shipping_id`, `shipping_tax_id`; `origin` 4 = webapi. The answer is the new integer id.
 */
export const orderInsertSchema = z.looseObject({
  email: z.string().min(1),
  status_id: wireId,
  payment_id: wireId,
  shipping_id: wireId,
  shipping_tax_id: wireId,
  ...orderOptionalFields,
});
export type OrderInsert = z.input<typeof orderInsertSchema>;

/** `PUT /orders/{id}` body: every field optional. Source: src/Rest/Orders/Requests/OrderUpdate.php. Answer `true`. */
export const orderUpdateSchema = z.looseObject({
  email: z.string().min(1).optional(),
  status_id: wireId.optional(),
  payment_id: wireId.optional(),
  shipping_id: wireId.optional(),
  shipping_tax_id: wireId.optional(),
  ...orderOptionalFields,
});
export type OrderUpdate = z.input<typeof orderUpdateSchema>;

/**
 * `POST /order-products` body. Source: src/Rest/OrderProducts/Requests/OrderProductInsert.php: required
 * `order_id` (a non-numeric one is refused with 400) and `quantity`; `product_id` (wins) or `stock_id`
 * points at the catalogue and the line inherits name, price, code, tax and unit from it; with neither it
 * is a free line that needs `name`, `price` and `tax_value`/`tax`. `special_offer_price` and `unit_fp`
 * are booleans in the SDK; `"0"`/`"1"` accepted too.
 */
export const orderProductInsertSchema = z
  .looseObject({
    order_id: wireId,
    quantity: wireNumber.pipe(z.number().positive()),
    product_id: wireId.optional(),
    stock_id: wireId.optional(),
    price: wireNumber.optional(),
    name: z.string().max(255).optional(),
    code: z.string().max(100).optional(),
    option: z.string().optional(),
    tax: z.string().optional(),
    tax_value: wireNumber.optional(),
    unit: z.string().max(50).optional(),
    unit_fp: wireFlag.optional(),
    unit_id: wireId.optional(),
    special_offer_price: wireFlag.optional(),
    discount_perc: wireNumber.optional(),
  })
  .refine(
    (line) =>
      line.product_id !== undefined ||
      line.stock_id !== undefined ||
      (line.name !== undefined &&
        line.price !== undefined &&
        (line.tax_value !== undefined || line.tax !== undefined)),
    { message: 'a free line (no product_id or stock_id) needs name, price and tax_value', path: ['name'] },
  );
export type OrderProductInsert = z.input<typeof orderProductInsertSchema>;

/**
 * `POST /order-transactions` body. Source: src/Rest/OrderTransactions/Requests/OrderTransactionInsert.php:
 * required `currency_id`, `currency_value`, `order_id`, `payment_id`, `status` (3 = finished).
 */
export const orderTransactionInsertSchema = z.looseObject({
  order_id: wireId,
  payment_id: wireId,
  currency_id: wireId,
  currency_value: wireNumber,
  status: wireInt.pipe(z.number().min(1).max(4)),
  status_description: z.string().optional(),
  date: z.string().optional(),
});
export type OrderTransactionInsert = z.input<typeof orderTransactionInsertSchema>;

// ——— bulk ———

/** The most operations one `POST /bulk` takes. Source: src/BulkRequestBuilder.php (MAX_OPS). */
export const BULK_MAX_OPERATIONS = 25;

/**
 * One bulk operation. Source: src/BulkRequestBuilder.php (`id`, `method` among GET POST PUT DELETE HEAD
 * PATCH, `path`, optional `body` and `params`). Paths are written in full (`/webapi/rest/order-products`)
 * in a public Apps Script client; the fake also takes them without the prefix.
 */
export const bulkOperationSchema = z.looseObject({
  id: z.string().min(1),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH']),
  path: z.string().min(1),
  body: z.unknown().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type BulkOperation = z.input<typeof bulkOperationSchema>;

/** `POST /bulk` body: a JSON array of 1..25 operations. */
export const bulkRequestSchema = z.array(bulkOperationSchema).min(1).max(BULK_MAX_OPERATIONS);

/**
 * `POST /bulk` answer: one item per operation, in order, with its `id`, HTTP `code` and `body`.
 * Source: an Apps Script client reading `response.items[i].code`; BulkRequestBuilder.php says results
 * are per operation and keyed by op id. The top-level `errors` flag (true when an item failed) and the
 * item `body` are a GUESS from memory of Shoper's docs.
 */
export const bulkAnswerSchema = z.looseObject({
  errors: z.boolean().optional(),
  items: z.array(z.looseObject({ id: z.string().optional(), code: wireInt, body: z.unknown().optional() })),
});
export type BulkAnswer = z.infer<typeof bulkAnswerSchema>;
