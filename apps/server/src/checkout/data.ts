import {
  addressSchema,
  CART_REF_MAX,
  cartSchema,
  companySchema,
  consentsSchema,
  contactSchema,
  deliverySchema,
  ID_PATTERN,
  localeSchema,
  shippingOptionSchema,
} from '@kasa/core';
import { z } from 'zod';
import { presentationSchema, storedLayoutSchema } from './presentation.ts';

/** What the shopper has told us so far; persisted as JSON beside the checkout. */
export const checkoutDataSchema = z
  .object({
    locale: localeSchema,
    contact: contactSchema.optional(),
    delivery: deliverySchema.optional(),
    company: companySchema.optional(),
    consents: consentsSchema,
    paymentMethodId: z.string().optional(),
    orderId: z.string().optional(),
    orderStatus: z.enum(['awaiting_payment', 'paid', 'cash_on_delivery', 'cancelled']).optional(),
    /**
     * The cart and shipping quote the order is placed with, as the platform priced them just before.
     * Written before the platform is asked, so a retry after a crash places the same cart (a platform
     * such as WooCommerce empties the cart once the order exists); the checkout shows it from then on.
     */
    orderCart: z.object({ cart: cartSchema, shippingOptions: z.array(shippingOptionSchema) }).optional(),
    /** How the checkout was first shown, so a reload, a later consent and the order keep its arms. */
    presentation: presentationSchema.optional(),
    /**
     * The shopper's consented visitor id, as the shop's page passed it to the fragment (the tracker's
     * cookie); what Shopify mode A hands to Kasa's pixel. Never derived.
     */
    visitorId: z.string().regex(ID_PATTERN).optional(),
    /** How a checkout shown before presentations existed was stored: read as its presentation. */
    layout: storedLayoutSchema.optional(),
  })
  .transform(({ layout, ...data }) =>
    data.presentation || !layout ? data : { ...data, presentation: layout },
  );
export type CheckoutData = z.infer<typeof checkoutDataSchema>;

// Request bodies: strict, so unknown fields are refused rather than silently dropped.
export const createCheckoutBody = z.strictObject({
  cartRef: z.string().min(1).max(CART_REF_MAX),
  locale: localeSchema.optional(),
});
export const cartBody = z.strictObject({ cartRef: createCheckoutBody.shape.cartRef });
export const contactBody = contactSchema;
export const deliveryBody = z.strictObject({
  optionId: z.string().min(1).max(100),
  pickupPointId: z.string().min(1).max(50).optional(),
  address: addressSchema.optional(),
});
export const invoiceBody = z.strictObject({ company: companySchema.nullable() });
export const paymentMethodBody = z.strictObject({ methodId: z.string().min(1).max(50) });
export const consentsBody = consentsSchema;
export const startPaymentBody = z.strictObject({
  /** Defaults to the chosen payment method. */
  methodId: z.string().min(1).max(50).optional(),
  blikCode: z.string().max(16).optional(),
  /** The shopper ticked the method's processor consent (when its `processorNotice.requiresConsent`). */
  processorConsent: z.boolean().optional(),
  /** Where a bank page sends the shopper back: honoured only on an allowed shop origin. */
  returnUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
