/**
 * zod schemas of the checkout API's answers (`CheckoutView`, `PaymentView` in api.ts), for the
 * OpenAPI document and for clients that check what they read. Apart from api.ts so the widget, which
 * only needs the types, never bundles zod.
 */
import { z } from 'zod';
import type { CheckoutStatus, CheckoutView, PaymentView } from './api.ts';
import type { MissingPart } from './checkout-rules.ts';
import {
  addressSchema,
  cartSchema,
  companySchema,
  consentsSchema,
  contactSchema,
  localeSchema,
  paymentKindSchema,
  paymentMethodSchema,
  paymentStatusSchema,
  pickupPointSchema,
  shippingOptionSchema,
  totalsSchema,
} from './schemas.ts';
import { moneySchema } from './validator-schemas.ts';

export const checkoutStatusSchema = z.enum([
  'open',
  'awaiting_payment',
  'paid',
  'cash_on_delivery',
  'cancelled',
] as const satisfies readonly CheckoutStatus[]);

export const missingPartSchema = z.enum([
  'contact',
  'delivery',
  'paymentMethod',
] as const satisfies readonly MissingPart[]);

/** A payment attempt as the API answers it. */
export const paymentViewSchema = z.strictObject({
  id: z.string(),
  method: paymentKindSchema,
  status: paymentStatusSchema,
  /** Why it failed: an error code such as `blik_code_rejected`. */
  reason: z.string().optional(),
  /** BLIK: when the bank-app confirmation window closes (epoch ms). */
  confirmBy: z.number().int().optional(),
  /** Pay-by-link and card: the bank page to send the shopper to. */
  redirectUrl: z.string().optional(),
}) satisfies z.ZodType<PaymentView>;

/** A checkout as the API answers it: prices computed by the server from the storefront. */
export const checkoutViewSchema = z.strictObject({
  id: z.string(),
  locale: localeSchema,
  status: checkoutStatusSchema,
  cart: cartSchema,
  totals: totalsSchema,
  shippingOptions: z.array(shippingOptionSchema),
  paymentMethods: z.array(paymentMethodSchema),
  contact: contactSchema.optional(),
  delivery: z
    .strictObject({
      optionId: z.string(),
      pickupPoint: pickupPointSchema.optional(),
      address: addressSchema.optional(),
    })
    .optional(),
  company: companySchema.optional(),
  consents: consentsSchema,
  paymentMethodId: z.string().optional(),
  order: z.strictObject({ id: z.string(), number: z.string(), total: moneySchema }).optional(),
  payment: paymentViewSchema.optional(),
  /** What the order still lacks, in the order the checkout asks for it. */
  missing: z.array(missingPartSchema),
}) satisfies z.ZodType<CheckoutView>;
