/**
 * Which of Kasa's payment and delivery kinds a Shopify checkout's choice is, read from the names
 * Shopify gives them. An unknown payment method is left unknown rather than guessed.
 */
import type { Checkout } from '@shopify/web-pixels-extension';
import { attributeValue, CART_ATTRIBUTES } from './ids.ts';

export type PaymentKind = 'blik' | 'pbl' | 'card' | 'bnpl' | 'cod';
export type ShippingKind = 'locker' | 'courier' | 'pickup';

/** Checked in order: BLIK first, since a bank-transfer provider may list BLIK under its own name. */
const PAYMENT_WORDS: readonly (readonly [PaymentKind, RegExp])[] = [
  ['blik', /blik/],
  ['cod', /cash on delivery|paymentondelivery|pobrani|\bcod\b/],
  ['bnpl', /klarna|paypo|twisto|afterpay|installments|raty/],
  ['pbl', /przelewy24|\bp24\b|payu|tpay|pay ?by ?link|bank transfer|przelew/],
  ['card', /creditcard|credit card|\bcard\b|karta|visa|mastercard|apple pay|google pay|shop ?pay/],
];

/**
 * The payment kind of a checkout's first transaction, from its method's type and name and the
 * gateway; undefined when none is known (Shopify fills transactions mostly on `checkout_completed`).
 *
 * @example paymentKindOf(checkout); // 'blik'
 */
export function paymentKindOf(checkout: Checkout): PaymentKind | undefined {
  const transaction = checkout.transactions?.[0];
  if (!transaction) return undefined;
  const text = [transaction.paymentMethod?.type, transaction.paymentMethod?.name, transaction.gateway]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return PAYMENT_WORDS.find(([, words]) => words.test(text))?.[0];
}

/**
 * The delivery kind: a locker when Kasa's step put an InPost point into the attributes, a pickup for
 * Shopify's pickup options, else a courier.
 *
 * @example shippingKindOf(checkout); // 'locker'
 */
export function shippingKindOf(checkout: Checkout): ShippingKind {
  if (attributeValue(checkout.attributes, CART_ATTRIBUTES.locker)) return 'locker';
  const type = checkout.delivery?.selectedDeliveryOptions?.[0]?.type?.toLowerCase() ?? '';
  return type.startsWith('pickup') ? 'pickup' : 'courier';
}
