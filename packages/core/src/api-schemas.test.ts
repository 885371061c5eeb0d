import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CheckoutView, PaymentView } from './api.ts';
import { checkoutViewSchema, paymentViewSchema } from './api-schemas.ts';

const pln = (amount: number) => ({ amount, currency: 'PLN' });

const view: CheckoutView = {
  id: 'chk_1',
  locale: 'pl',
  status: 'awaiting_payment',
  cart: {
    ref: 'cart-1',
    currency: 'PLN',
    lines: [
      {
        id: 'l1',
        productId: 'krowki-250',
        name: 'Krówki 250 g',
        quantity: 2,
        unitPrice: pln(1299),
        total: pln(2598),
        vatRate: 5,
      },
    ],
    subtotal: pln(2598),
  },
  totals: { subtotal: pln(2598), shipping: pln(0), paymentFee: pln(0), total: pln(2598), vat: [] },
  shippingOptions: [],
  paymentMethods: [{ id: 'blik', kind: 'blik', provider: 'sandbox', label: 'BLIK' }],
  consents: { terms: true, marketingEmail: false, marketingSms: false },
  paymentMethodId: 'blik',
  order: { id: 'ord_1', number: '1001', total: pln(2598) },
  payment: { id: 'pay_1', method: 'blik', status: 'awaiting_confirmation', confirmBy: 1_700_000_060_000 },
  missing: [],
};

describe('the checkout API answer schemas', () => {
  it('describe the same shapes as the CheckoutView and PaymentView types', () => {
    expectTypeOf<z.output<typeof checkoutViewSchema>>().toExtend<CheckoutView>();
    expectTypeOf<CheckoutView>().toExtend<z.output<typeof checkoutViewSchema>>();
    expectTypeOf<z.output<typeof paymentViewSchema>>().toExtend<PaymentView>();
    expectTypeOf<PaymentView>().toExtend<z.output<typeof paymentViewSchema>>();
  });

  it('accept a checkout awaiting its BLIK confirmation', () => {
    expect(checkoutViewSchema.parse(view)).toEqual(view);
  });

  it('refuse a field the API does not answer with, and a status it does not have', () => {
    expect(checkoutViewSchema.safeParse({ ...view, secret: 1 }).success).toBe(false);
    expect(checkoutViewSchema.safeParse({ ...view, status: 'shipped' }).success).toBe(false);
    expect(paymentViewSchema.safeParse({ id: 'pay_1', method: 'blik', status: 'approved' }).success).toBe(
      false,
    );
  });
});
