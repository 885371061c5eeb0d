import { add, type Cart, money, type PlaceOrderInput } from '@kasa/core';
import { quoteSandboxShipping } from './shipping.ts';

/** Test-only: a complete order input for a cart, paid by BLIK unless overridden. */
export function orderInput(cart: Cart, overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  const [locker] = quoteSandboxShipping({ subtotal: cart.subtotal });
  if (locker === undefined) throw new Error('no shipping options');
  return {
    idempotencyKey: 'idem_1',
    checkoutId: 'chk_1',
    cart,
    contact: { email: 'jan@example.pl', phone: '+48512345678', firstName: 'Jan', lastName: 'Kowalski' },
    shipping: locker,
    consents: { terms: true, marketingEmail: false, marketingSms: false },
    paymentMethod: { id: 'blik', kind: 'blik', provider: 'sandbox', label: 'BLIK' },
    total: add(cart.subtotal, money(locker.price.amount)),
    ...overrides,
  };
}
