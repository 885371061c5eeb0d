import { add, money, sum, vatBreakdown } from './money.ts';
import type { Cart, PaymentMethod, ShippingOption, Totals } from './schemas.ts';

/** Polish standard VAT rate, which delivery charges follow when goods carry mixed rates. */
export const SHIPPING_VAT_RATE = 23;

/**
 * The authoritative totals of a checkout: goods, delivery and payment fee, all gross, with the VAT
 * split per rate. Computed by the server only; the browser never sends a price the server trusts.
 *
 * @example
 * computeTotals({ cart, shipping: lockerOption }).total; // { amount: 14298, currency: 'PLN' }
 */
export function computeTotals(input: {
  cart: Cart;
  shipping?: ShippingOption | undefined;
  paymentMethod?: PaymentMethod | undefined;
}): Totals {
  const { cart } = input;
  const zero = money(0, cart.currency);
  const subtotal = sum(
    cart.lines.map((line) => line.total),
    cart.currency,
  );
  const shipping = input.shipping?.price ?? zero;
  const paymentFee = input.paymentMethod?.fee ?? zero;
  // Delivery is taxed as the platform says (a shop with taxes off charges none); a payment fee
  // follows the standard rate, in one line with delivery when both have it.
  const shippingRate = input.shipping?.vatRate ?? SHIPPING_VAT_RATE;
  const charges =
    shippingRate === SHIPPING_VAT_RATE
      ? [{ gross: add(shipping, paymentFee), vatRate: SHIPPING_VAT_RATE }]
      : [
          { gross: shipping, vatRate: shippingRate },
          { gross: paymentFee, vatRate: SHIPPING_VAT_RATE },
        ];
  const vat = vatBreakdown([
    ...cart.lines.map((line) => ({ gross: line.total, vatRate: line.vatRate })),
    ...charges,
  ]).filter((line) => line.gross.amount !== 0);
  return { subtotal, shipping, paymentFee, total: add(add(subtotal, shipping), paymentFee), vat };
}
