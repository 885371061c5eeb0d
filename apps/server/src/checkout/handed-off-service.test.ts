import { createSandboxAdapter } from '@kasa/adapter-sandbox';
import { KasaError, type OrderView, type StorefrontAdapter } from '@kasa/core';
import { createSandboxPaymentProvider } from '@kasa/payments';
import { createSandboxPickupProvider } from '@kasa/pickup';
import {
  createSqliteCheckoutStore,
  createSqliteOrderJournal,
  createSqlitePaymentStore,
  openSqlite,
} from '@kasa/storage';
import { describe, expect, it } from 'vitest';
import { createCheckoutService } from './service.ts';

/**
 * A store whose own checkout makes the orders (Shopify mode A), with the order either readable
 * through its Admin API (`admin`, as a live Shopify answers getOrder) or not (only the verified
 * webhook body names the checkout).
 */
async function setup(options: { handedOffOrders: boolean; admin: boolean }) {
  const db = openSqlite(':memory:');
  const shop = createSandboxAdapter({ db });
  const orders = new Map<string, OrderView>();
  const adapter: StorefrontAdapter = {
    ...shop,
    async verifyWebhook(request) {
      const payload = JSON.parse(request.body) as { id: number };
      return { topic: request.headers.topic ?? '', orderId: String(payload.id), payload };
    },
    async getOrder(orderId) {
      const order = options.admin ? orders.get(orderId) : undefined;
      if (!order) throw new KasaError('order_not_found');
      return order;
    },
  };
  const paid: string[] = [];
  const service = createCheckoutService({
    adapter,
    handedOffOrders: options.handedOffOrders,
    payments: createSandboxPaymentProvider({ bankPageBaseUrl: 'http://kasa.test/bank' }),
    pickup: createSandboxPickupProvider(),
    checkouts: createSqliteCheckoutStore(db),
    paymentStore: createSqlitePaymentStore(db),
    journal: createSqliteOrderJournal(db),
    publicUrl: 'http://kasa.test',
    onOrderPaid: async ({ checkoutId }) => {
      paid.push(checkoutId);
    },
  });
  const cartRef = await shop.createCart([{ productId: shop.listProducts()[0]?.id ?? '', quantity: 1 }]);
  const { id } = await service.create({ cartRef });
  /** The shop's checkout made order 7001 for this checkout; its webhook with `topic`. */
  const webhook = (topic: string, financial = 'paid') => {
    const body = {
      id: 7001,
      name: '#1001',
      currency: 'PLN',
      total_price: '61.98',
      financial_status: financial,
      note_attributes: [{ name: 'kasa_checkout_id', value: id }],
    };
    orders.set('7001', {
      id: '7001',
      number: '1001',
      checkoutId: id,
      total: { amount: 6198, currency: 'PLN' },
      status: financial === 'paid' ? 'paid' : 'awaiting_payment',
    });
    return service.handleStoreWebhook('sandbox', { headers: { topic }, body: JSON.stringify(body) });
  };
  return { service, id, paid, webhook };
}

describe('an order the store’s own checkout made for a handed-over checkout', () => {
  it.each([true, false])(
    'completes the checkout and counts one purchase (order in the Admin API: %s)',
    async (admin) => {
      const { service, id, paid, webhook } = await setup({ handedOffOrders: true, admin });
      expect(await webhook('order.created', 'pending')).toMatchObject({
        outcome: 'updated',
        checkoutId: id,
        checkoutStatus: 'awaiting_payment',
      });
      expect(paid).toEqual([id]);
      expect((await service.get(id)).order).toMatchObject({
        id: '7001',
        number: '1001',
        total: { amount: 6198 },
      });
      expect(await webhook('order.paid')).toMatchObject({ outcome: 'updated', checkoutStatus: 'paid' });
      expect(await webhook('order.paid')).toMatchObject({ outcome: 'in_sync' });
      expect(await webhook('order.created')).toMatchObject({ outcome: 'in_sync' });
      expect((await service.get(id)).status).toBe('paid');
      expect(paid).toEqual([id]);
    },
  );

  it('is not Kasa’s when the store does not hand checkouts over (mode B, other platforms)', async () => {
    const { service, id, paid, webhook } = await setup({ handedOffOrders: false, admin: false });
    expect(await webhook('order.created')).toMatchObject({ outcome: 'not_kasa' });
    expect((await service.get(id)).status).toBe('open');
    expect(paid).toEqual([]);
  });
});
