/**
 * What real WooCommerce showed that the contract suite does not pin: whose account an order lands
 * in, the billing address of a locker order, delivery tax as the shop charges it, the plugin's
 * refusal of a second order for one Kasa checkout, and the platform calls one order costs.
 */
import { orderInput, polishAddress } from '@kasa/adapter-testing';
import { expect, it } from 'vitest';
import { createWooCommerceAdapter } from '../adapter.ts';
import type { WooCommerceConfigInput } from '../config.ts';
import type { CallRecord } from '../http.ts';
import { adapterConfig, allOrders, type RealContext } from './harness.ts';
import type { Shopper } from './shopper.ts';

interface RestOrderView {
  id: number;
  customer_id: number;
  status: string;
  billing: Record<string, string>;
  shipping: Record<string, string>;
  shipping_lines: { method_id: string; total: string; total_tax: string }[];
  meta_data: { key: string; value: unknown }[];
}

/** Calls per order, by variant, for the report at the end of the run. */
export const callsPerOrder: Record<string, Record<string, number>> = {};

export function describeRealExtras(
  label: string,
  context: () => RealContext,
  shoppers: () => { guest: Shopper; customer: Shopper },
  { plugin, config = {} }: { plugin: boolean; config?: Partial<WooCommerceConfigInput> },
): void {
  const make = (calls: CallRecord[] = []) =>
    createWooCommerceAdapter(adapterConfig(context(), config), { onCall: (c) => calls.push(c) });

  async function place(
    shopper: Shopper,
    overrides: Parameters<typeof orderInput>[2] = {},
    calls: CallRecord[] = [],
  ) {
    const adapter = make(calls);
    const ref = await shopper.createCart([{ productId: context().shop.productId, quantity: 1 }]);
    const cart = await adapter.getCart(ref);
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const input = orderInput(cart, options, { resumed: false, ...overrides });
    const order = await adapter.placeOrder(input);
    const rest = await context().shop.wp<RestOrderView>('GET', `/wc/v3/orders/${order.id}`);
    return { adapter, input, options, order, rest: rest.body };
  }

  it(`${label}: a logged-in customer's order lands in their account, a guest's in none`, async () => {
    const { customer, guest } = shoppers();
    expect((await place(customer)).rest.customer_id).toBe(customer.userId);
    expect((await place(guest)).rest.customer_id).toBe(0);
  });

  it(`${label}: delivery is taxed as the shop says (taxes off: no VAT), not at an assumed 23%`, async () => {
    const { options, rest } = await place(shoppers().guest);
    expect(options.map((o) => o.vatRate)).toEqual(options.map(() => 0));
    expect(rest.shipping_lines[0]?.total_tax).toBe('0.00');
  });

  if (plugin) {
    it(`${label}: a locker order without an invoice keeps the locker out of the billing address`, async () => {
      const { rest } = await place(shoppers().guest, { company: undefined });
      expect(rest.billing).toMatchObject({
        first_name: 'Anna',
        address_1: '',
        city: '',
        postcode: '',
        country: 'PL',
      });
      expect(rest.shipping).toMatchObject({ address_1: 'ul. Karmelicka 5', address_2: 'Paczkomat KRA010' });
    });

    it(`${label}: the plugin refuses a second order for one Kasa checkout, and the adapter returns the first`, async () => {
      const { input, order } = await place(shoppers().guest);
      // Another process (nothing in memory), another cart, told the placement is fresh: the plugin's
      // duplicate check is all that stands between the shopper and a second order.
      const adapter = make();
      const ref = await shoppers().guest.createCart([{ productId: context().shop.productId, quantity: 1 }]);
      const cart = await adapter.getCart(ref);
      const options = await adapter.quoteShipping({
        cart,
        destination: { postcode: polishAddress.postcode },
      });
      const again = orderInput(cart, options, { checkoutId: input.checkoutId, resumed: false });
      expect((await adapter.placeOrder(again)).id).toBe(order.id);
      const placed = (await allOrders(context().shop)).filter(
        (o) =>
          o.status !== 'checkout-draft' &&
          o.meta_data.some((m) => m.key === '_kasa_checkout_id' && m.value === input.checkoutId),
      );
      expect(placed.map((o) => String(o.id))).toEqual([order.id]);
    });
  }

  it(`${label}: counts the platform calls of one order (cart, quote, place, mark paid)`, async () => {
    const calls: CallRecord[] = [];
    const { adapter, order } = await place(shoppers().guest, {}, calls);
    const before = calls.length;
    await adapter.markPaid({
      orderId: order.id,
      payment: { provider: 'kasa-test', transactionId: `TX-${order.id}` },
    });
    const count = (op: string) => calls.filter((c) => c.operation.startsWith(op)).length;
    callsPerOrder[label] = {
      getCart: count('getCart'),
      quoteShipping: count('quoteShipping'),
      placeOrder: count('placeOrder'),
      markPaid: calls.length - before,
      total: calls.length,
    };
    expect(calls.every((c) => c.status !== undefined && c.status < 400)).toBe(true);
    await expect(adapter.getOrder(order.id)).resolves.toMatchObject({ status: 'paid' });
  });
}
