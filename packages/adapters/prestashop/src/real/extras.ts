/**
 * What the real PrestaShop showed that the contract suite does not pin: a cart whose lines PrestaShop
 * rounds one by one (its total a grosz under the products' sum) ordered and paid at PrestaShop's
 * total, the shopper's storefront cart emptied once Kasa's order exists, the order in PrestaShop's
 * paid state with the transaction id on its payment, and the platform calls one order costs.
 */
import { blik, cashOnDelivery, orderInput, polishAddress } from '@kasa/adapter-testing';
import { withDetails } from '@kasa/adapter-testing/real';
import { expect, it } from 'vitest';
import { createPrestaShopAdapter } from '../adapter.ts';
import type { CallRecord } from '../http.ts';
import { adapterConfig, cartRefOf, createVisitorCart, kasaOrders, type RealContext } from './harness.ts';

/** Calls per order, by kind, for the report at the end of the run. */
export const callsPerOrder: Record<string, number> = {};

/** The hummingbird T-shirt (S, white; 20% off in the demo data) twice and the mug once. */
const ROUNDED_LINES = [
  { product: 1, attribute: 1, quantity: 2 },
  { product: 6, quantity: 1 },
];

export function describeRealExtras(context: () => RealContext): void {
  const make = (calls: CallRecord[] = []) =>
    withDetails(createPrestaShopAdapter(adapterConfig(context()), { onCall: (c) => calls.push(c) }));

  async function checkout(lines: Parameters<typeof createVisitorCart>[1], calls: CallRecord[] = []) {
    const ctx = context();
    const adapter = make(calls);
    const cartId = await createVisitorCart(ctx, lines);
    const cart = await adapter.getCart(cartRefOf(cartId, ctx.moduleKey));
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    return { adapter, cartId, cart, options };
  }

  it("orders a cart PrestaShop rounds line by line at PrestaShop's total, paid, with the transaction id", async () => {
    const { adapter, cart, options } = await checkout(ROUNDED_LINES);
    const linesSum = cart.lines.reduce((sum, line) => sum + line.total.amount, 0);
    expect(linesSum - cart.subtotal.amount, 'the products sum a grosz over the cart total').toBe(1);
    const input = orderInput(cart, options, { company: undefined, resumed: false, paymentMethod: blik });
    const order = await adapter.placeOrder(input);
    await adapter.markPaid({
      orderId: order.id,
      payment: { provider: 'kasa-test', transactionId: `TX-R-${order.id}` },
    });

    const row = (await kasaOrders(context().shop)).find((r) => r.cartId === Number(order.id));
    expect(row?.order).toMatchObject({
      paid: true,
      module: 'kasa',
      totalPaid: (input.total.amount / 100).toFixed(6),
    });
    expect(row?.transactionId).toBe(`TX-R-${order.id}`);
    expect(row?.point).toBe(input.pickupPoint?.id);
    expect((await adapter.getOrder(order.id)).status).toBe('paid');
  });

  it("empties the shopper's storefront cart once Kasa's order exists", async () => {
    const { adapter, cartId, cart, options } = await checkout([
      { product: context().polish.coffeeId, quantity: 1 },
    ]);
    const order = await adapter.placeOrder(orderInput(cart, options, { company: undefined, resumed: false }));
    const rows = async () =>
      (
        await context().shop.ws<{ cart: { associations?: { cart_rows?: unknown[] } } }>(
          'GET',
          `carts/${cartId}`,
        )
      ).body.cart.associations?.cart_rows ?? [];
    expect(await rows()).toHaveLength(1);
    await adapter.markPaid({
      orderId: order.id,
      payment: { provider: 'kasa-test', transactionId: `TX-E-${order.id}` },
    });
    expect(await rows()).toEqual([]);
  });

  it('counts the platform calls of one BLIK order to a locker and one cash-on-delivery order', async () => {
    const blikCalls: CallRecord[] = [];
    const paid = await checkout([{ product: context().polish.coffeeId, quantity: 1 }], blikCalls);
    const order = await paid.adapter.placeOrder(
      orderInput(paid.cart, paid.options, { company: undefined, resumed: false }),
    );
    await paid.adapter.markPaid({
      orderId: order.id,
      payment: { provider: 'kasa-test', transactionId: `TX-C-${order.id}` },
    });
    callsPerOrder['BLIK to a locker'] = blikCalls.length;

    const codCalls: CallRecord[] = [];
    const cod = await checkout([{ product: context().polish.coffeeId, quantity: 1 }], codCalls);
    const codOrder = await cod.adapter.placeOrder(
      orderInput(cod.cart, cod.options, {
        company: undefined,
        resumed: false,
        paymentMethod: cashOnDelivery,
      }),
    );
    callsPerOrder['cash on delivery to a locker'] = codCalls.length;
    expect((await cod.adapter.getOrder(codOrder.id)).status).toBe('cash_on_delivery');
    // The README's figures: module info once per process, then cart, customer, address, cart, attach
    // and (BLIK) the order.
    expect(blikCalls.length).toBeLessThanOrEqual(7);
    expect(codCalls.length).toBeLessThanOrEqual(6);
  });
}
