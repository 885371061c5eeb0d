/**
 * Kasa's order ↔ Shopify's Admin GraphQL order: the `orderCreate` variables of a placement, and the
 * OrderView of an order read back. Pure; the calls are in adapter.ts.
 */
import {
  fromDecimalString,
  KasaError,
  type OrderView,
  type PlacedOrder,
  type PlaceOrderInput,
  toDecimalString,
} from '@kasa/core';
import { z } from 'zod';

/** The custom attributes (order "additional details") Kasa writes; the warehouse reads `inpost_point`. */
export const ATTR = {
  checkoutId: 'kasa_checkout_id',
  locker: 'inpost_point',
  nip: 'kasa_nip',
  company: 'kasa_company',
  payment: 'kasa_payment',
} as const;

/** The tag an order of a Kasa checkout carries: what `orders(query: "tag:…")` finds it by. */
export const checkoutTag = (checkoutId: string): string => `kasa-${checkoutId}`;
export const COD_TAG = 'kasa-cod';

const shopMoney = z.strictObject({ amount: z.string(), currencyCode: z.string().regex(/^[A-Z]{3}$/) });

/** An order as Kasa's operations select it (admin/operations.ts ORDER_FIELDS). */
export const adminOrderSchema = z.object({
  id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/),
  name: z.string(),
  createdAt: z.string(),
  tags: z.array(z.string()),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })),
  totalPriceSet: z.object({ shopMoney }),
  transactions: z
    .array(z.object({ kind: z.string(), status: z.string(), gateway: z.string().nullable() }))
    .optional(),
});
export type AdminOrder = z.infer<typeof adminOrderSchema>;

/** `gid://shopify/Order/5001001` → `5001001` (the id webhooks and the admin URL use). */
export const legacyIdOf = (gid: string): string => gid.slice(gid.lastIndexOf('/') + 1);
/** Kasa's order id (digits, or a gid) → the gid; undefined for anything else. */
export function orderGidOf(orderId: string): string | undefined {
  if (/^\d{1,20}$/.test(orderId)) return `gid://shopify/Order/${orderId}`;
  return /^gid:\/\/shopify\/Order\/\d{1,20}$/.test(orderId) ? orderId : undefined;
}
const variantGidOf = (productId: string): string =>
  /^\d+$/.test(productId) ? `gid://shopify/ProductVariant/${productId}` : productId;

/** The separator between the gateway name and the PSP's reference in a payment Kasa recorded. */
const REFERENCE = ' · ';

/**
 * The payment method name Kasa records a payment under: the gateway and the PSP's reference, so
 * the reference is on the transaction itself (Shopify's manual payment has no reference field).
 *
 * @example gatewayWithReference('BLIK (payu)', 'PAYU-123'); // 'BLIK (payu) · PAYU-123'
 */
export const gatewayWithReference = (gateway: string, reference: string): string =>
  `${gateway}${REFERENCE}${reference}`;

/** The PSP's reference of the successful sale Kasa recorded on an order, if any. */
export function paidReferenceOf(order: AdminOrder): string | undefined {
  for (const t of order.transactions ?? []) {
    if (t.kind !== 'SALE' || t.status !== 'SUCCESS' || t.gateway === null) continue;
    const at = t.gateway.lastIndexOf(REFERENCE);
    if (at >= 0) return t.gateway.slice(at + REFERENCE.length);
  }
  return undefined;
}

export const attributeOf = (order: AdminOrder, key: string): string | undefined =>
  order.customAttributes.find((a) => a.key === key)?.value ?? undefined;

const moneyInput = (m: { amount: number; currency: string }) => ({
  shopMoney: { amount: toDecimalString(m), currencyCode: m.currency },
});

/**
 * What `orderCreate` gets for a placement: the cart's lines at the prices Shopify gave (the cart was
 * read from Shopify), the chosen shipping, a guest customer upserted by e-mail, the locker and Kasa's
 * checkout id as custom attributes, the checkout tag, inventory decremented. Payment is recorded
 * later (markPaid), so the order starts PENDING.
 *
 * @example orderCreateVariables(input).options; // { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY', sendReceipt: false, … }
 */
export function orderCreateVariables(input: PlaceOrderInput) {
  const { cart, contact, shipping, pickupPoint, address, company } = input;
  const cod = input.paymentMethod.kind === 'cod';
  const delivery = address ?? pickupPoint?.address;
  const street = delivery
    ? [delivery.street, delivery.buildingNumber].filter(Boolean).join(' ') +
      (address?.flatNumber ? `/${address.flatNumber}` : '')
    : undefined;
  const attributes: { key: string; value: string }[] = [{ key: ATTR.checkoutId, value: input.checkoutId }];
  if (pickupPoint) attributes.push({ key: ATTR.locker, value: pickupPoint.id });
  if (company)
    attributes.push({ key: ATTR.nip, value: company.nip }, { key: ATTR.company, value: company.name });
  attributes.push({
    key: ATTR.payment,
    value: `${input.paymentMethod.label} (${input.paymentMethod.provider})`,
  });
  return {
    order: {
      currency: cart.currency,
      email: contact.email,
      phone: contact.phone,
      lineItems: cart.lines.map((line) => ({
        variantId: variantGidOf(line.productId),
        quantity: line.quantity,
        priceSet: moneyInput(line.unitPrice),
      })),
      shippingLines: [
        { title: shipping.name, code: shipping.id, source: 'kasa', priceSet: moneyInput(shipping.price) },
      ],
      ...(delivery && street !== undefined
        ? {
            shippingAddress: {
              firstName: contact.firstName,
              lastName: contact.lastName,
              address1: pickupPoint && !address ? `Paczkomat ${pickupPoint.id}, ${street}` : street,
              city: delivery.city,
              zip: delivery.postcode,
              countryCode: 'PL',
              phone: contact.phone,
            },
          }
        : {}),
      ...(company
        ? {
            billingAddress: {
              company: company.name,
              firstName: contact.firstName,
              lastName: contact.lastName,
              address1: [company.address?.street, company.address?.buildingNumber].filter(Boolean).join(' '),
              city: company.address?.city ?? delivery?.city ?? '',
              zip: company.address?.postcode ?? delivery?.postcode ?? '',
              countryCode: 'PL',
            },
          }
        : {}),
      customer: {
        toUpsert: {
          email: contact.email,
          firstName: contact.firstName,
          lastName: contact.lastName,
          phone: contact.phone,
        },
      },
      customAttributes: attributes,
      tags: cod ? [checkoutTag(input.checkoutId), 'kasa', COD_TAG] : [checkoutTag(input.checkoutId), 'kasa'],
      financialStatus: 'PENDING',
      sourceIdentifier: input.checkoutId,
    },
    options: {
      inventoryBehaviour: 'DECREMENT_OBEYING_POLICY',
      sendReceipt: false,
      sendFulfillmentReceipt: false,
    },
  };
}

/** The order as Kasa's port returns a placement. */
export const placedOf = (order: AdminOrder): PlacedOrder => ({
  id: legacyIdOf(order.id),
  number: order.name.replace(/^#/, ''),
  total: fromDecimalString(order.totalPriceSet.shopMoney.amount, order.totalPriceSet.shopMoney.currencyCode),
  createdAt: new Date(order.createdAt).toISOString(),
});

/**
 * Kasa's view of an order; undefined for an order no Kasa checkout placed (no `kasa_checkout_id`).
 *
 * @example orderViewOf(order)?.status; // 'awaiting_payment'
 */
export function orderViewOf(order: AdminOrder): OrderView | undefined {
  const checkoutId = attributeOf(order, ATTR.checkoutId);
  if (checkoutId === undefined) return undefined;
  const nip = attributeOf(order, ATTR.nip);
  const companyName = attributeOf(order, ATTR.company);
  const locker = attributeOf(order, ATTR.locker);
  const transactionId = paidReferenceOf(order);
  const paid = order.displayFinancialStatus === 'PAID';
  const status: OrderView['status'] =
    order.cancelledAt !== null
      ? 'cancelled'
      : paid
        ? 'paid'
        : order.tags.includes(COD_TAG)
          ? 'cash_on_delivery'
          : 'awaiting_payment';
  const placed = placedOf(order);
  return {
    id: placed.id,
    number: placed.number,
    checkoutId,
    total: placed.total,
    status,
    ...(locker ? { pickupPointId: locker } : {}),
    ...(nip && companyName ? { company: { nip, name: companyName } } : {}),
    ...(paid && transactionId ? { transactionId } : {}),
  };
}

/**
 * Parses an order from an answer, naming the operation when Shopify's shape changed.
 *
 * @example parseOrder(data.order, 'KasaOrder');
 */
export function parseOrder(value: unknown, operation: string): AdminOrder {
  const parsed = adminOrderSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new KasaError('platform_response_invalid', {
    details: { platform: 'shopify', operation, field: parsed.error.issues[0]?.path.join('.') ?? 'order' },
  });
}
