import { z } from 'zod';
import type { Locale } from './errors.ts';
import { emailSchema, moneySchema, nipSchema, phoneSchema, postcodeSchema } from './validator-schemas.ts';

/** Short free text from a shopper: trimmed, bounded, never empty. */
const text = (max: number) =>
  z.string().trim().min(1, { message: 'required' }).max(max, { message: 'too_long' });

/** The languages Kasa answers in: a checkout's, an API answer's, the CLI's. */
export const localeSchema = z.enum(['pl', 'en']) satisfies z.ZodType<Locale>;

export const vatRateSchema = z.number().min(0).max(100);

export const lineItemSchema = z.strictObject({
  id: text(100),
  productId: text(100),
  sku: text(100).optional(),
  name: text(200),
  quantity: z.number().int().min(1).max(999),
  /** Gross price of one unit, VAT included (Polish consumer prices are gross). */
  unitPrice: moneySchema,
  /** Gross price of the line: unitPrice × quantity, minus line discounts. */
  total: moneySchema,
  vatRate: vatRateSchema,
  imageUrl: z.url().max(2000).optional(),
});
export type LineItem = z.infer<typeof lineItemSchema>;

/**
 * The longest cart ref a platform may hand over. Refs are opaque platform tokens: WooCommerce's
 * Store API Cart-Token is a signed JWT (212 characters for a guest, longer with more claims); a
 * Shoper basket ref carries the basket itself (about 40 characters a line), so 4,096 holds ~100 lines.
 */
export const CART_REF_MAX = 4096;

export const cartSchema = z.strictObject({
  ref: text(CART_REF_MAX),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(lineItemSchema).max(500),
  subtotal: moneySchema,
});
export type Cart = z.infer<typeof cartSchema>;

export const contactSchema = z.strictObject({
  email: emailSchema,
  phone: phoneSchema,
  firstName: text(100),
  lastName: text(100),
});
export type Contact = z.infer<typeof contactSchema>;

export const countrySchema = z.literal('PL', { message: 'country_unsupported' });

/** Street, building and flat are separate: InPost and couriers want them split. Villages may have no street. */
export const addressSchema = z.strictObject({
  street: text(150).optional(),
  buildingNumber: text(20),
  flatNumber: text(20).optional(),
  postcode: postcodeSchema,
  city: text(100),
  country: countrySchema.default('PL'),
});
export type Address = z.infer<typeof addressSchema>;

export const companySchema = z.strictObject({
  nip: nipSchema,
  name: text(200),
  /** Invoice address when it differs from the delivery address. */
  address: addressSchema.optional(),
});
export type Company = z.infer<typeof companySchema>;

export const latLngSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof latLngSchema>;

export const shippingKindSchema = z.enum(['locker', 'courier', 'pickup']);
export type ShippingKind = z.infer<typeof shippingKindSchema>;

export const shippingOptionSchema = z.strictObject({
  id: text(100),
  carrier: text(50),
  kind: shippingKindSchema,
  name: text(100),
  price: moneySchema,
  /** Price before a free-shipping threshold applied, so the saving can be shown. */
  regularPrice: moneySchema.optional(),
  eta: z.strictObject({ minDays: z.number().int().min(0), maxDays: z.number().int().min(0) }),
  /** For `locker` and `pickup`: the carrier whose points the shopper chooses from. */
  pickupCarrier: text(50).optional(),
  /** The VAT rate the platform charges on delivery (0 in a shop with taxes off); absent: Polish standard 23%. */
  vatRate: vatRateSchema.optional(),
});
export type ShippingOption = z.infer<typeof shippingOptionSchema>;

export const pickupPointSchema = z.strictObject({
  /** The carrier's point id, e.g. `KRA010`: what the shipment needs. */
  id: text(50),
  carrier: text(50),
  type: z.enum(['parcel_locker', 'pop', 'store']),
  status: z.enum(['operating', 'disabled']),
  address: z.strictObject({
    street: z.string().max(150).optional(),
    buildingNumber: z.string().max(20).optional(),
    postcode: postcodeSchema,
    city: text(100),
    province: z.string().max(100).optional(),
  }),
  location: latLngSchema,
  description: z.string().max(300).optional(),
  openingHours: z.string().max(200).optional(),
  open247: z.boolean(),
  acceptsCashOnDelivery: z.boolean(),
  distanceMetres: z.number().min(0).optional(),
  /** Demo points are made up and marked so. */
  demo: z.boolean().optional(),
});
export type PickupPoint = z.infer<typeof pickupPointSchema>;

/** Polish-market order: BLIK, pay-by-link, card, BNPL, cash on delivery. */
export const paymentKindSchema = z.enum(['blik', 'pbl', 'card', 'bnpl', 'cod']);
export type PaymentKind = z.infer<typeof paymentKindSchema>;
export const PAYMENT_KIND_ORDER: readonly PaymentKind[] = paymentKindSchema.options;

export const paymentMethodSchema = z.strictObject({
  id: text(50),
  kind: paymentKindSchema,
  provider: text(50),
  label: text(100),
  /** Extra charge for this method (e.g. cash on delivery). */
  fee: moneySchema.optional(),
  /**
   * What the payment processor requires the shopper be told beside the method when Kasa shows its
   * own form instead of the processor's page (PayU's payer information: who processes the payment,
   * its payment terms, who controls the payment data). The widget shows `text`, linking `termsUrl`
   * and, with `links`, the first place in `text` where each `label` occurs (P24's "regulaminem").
   *
   * `requiresConsent: true` makes it a consent the shopper gives, not a notice: the widget shows
   * `text` as an unticked checkbox that must be ticked, and the server starts no payment with the
   * method unless the request says it was (`processorConsent: true`, else `processor_consent_required`),
   * then tells the provider (`StartPayment.processorConsent`). Przelewy24 sets it whenever it sends
   * `regulationAccept` (always for BLIK), since P24 then wants its consent on the merchant's page.
   *
   * @example { text: 'Oświadczam, że zapoznałem się z regulaminem…', links: [{ label: 'regulaminem', url: 'https://www.przelewy24.pl/regulamin' }], requiresConsent: true }
   */
  processorNotice: z
    .strictObject({
      text: text(1000),
      termsUrl: z.url().max(500).optional(),
      links: z
        .array(z.strictObject({ label: text(100), url: z.url({ protocol: /^https?$/ }).max(500) }))
        .max(5)
        .optional(),
      requiresConsent: z.literal(true).optional(),
    })
    .optional(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const deliverySchema = z.strictObject({
  optionId: text(100),
  pickupPointId: text(50).optional(),
  address: addressSchema.optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const consentsSchema = z.strictObject({
  terms: z.boolean().default(false),
  marketingEmail: z.boolean().default(false),
  marketingSms: z.boolean().default(false),
});
export type Consents = z.infer<typeof consentsSchema>;

export const vatLineSchema = z.strictObject({
  rate: vatRateSchema,
  gross: moneySchema,
  net: moneySchema,
  vat: moneySchema,
});

export const totalsSchema = z.strictObject({
  subtotal: moneySchema,
  shipping: moneySchema,
  paymentFee: moneySchema,
  total: moneySchema,
  vat: z.array(vatLineSchema),
});
export type Totals = z.infer<typeof totalsSchema>;

export const orderStatusSchema = z.enum(['awaiting_payment', 'paid', 'cash_on_delivery', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const orderSchema = z.strictObject({
  id: text(100),
  /** The platform's human-facing order number. */
  number: text(100),
  platform: text(30),
  checkoutId: text(100),
  status: orderStatusSchema,
  total: moneySchema,
  createdAt: z.iso.datetime(),
});
export type Order = z.infer<typeof orderSchema>;

export const paymentStatusSchema = z.enum([
  'pending',
  'awaiting_confirmation',
  'redirect',
  'paid',
  'rejected',
  'expired',
  'timeout',
  'cancelled',
  'failed',
]);
export type PaymentStatusValue = z.infer<typeof paymentStatusSchema>;
