import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyOnFake, type KasaOnFake, SHOPPER, startKasaOnFake } from './harness.ts';

/**
 * `kasa start --store woocommerce-fake|prestashop-fake|shopify-fake|shoper-fake`: a whole purchase through the checkout API
 * against each platform's local fake, checked in the fake's own storage.
 */
describe.each<string>(['woocommerce-fake', 'prestashop-fake', 'shopify-fake', 'shoper-fake'])(
  'a purchase on %s',
  (name) => {
    let kasa: KasaOnFake;
    const operations: string[] = [];
    beforeAll(async () => {
      kasa = await startKasaOnFake(name, { onPlatformCall: (call) => operations.push(call.operation) });
    });
    afterAll(() => kasa?.close());

    it('goes from a cart made on the shop to one paid order with the locker', async () => {
      const before = operations.length;
      const { id, product, pointId, created, ready, placed, started, final } = await buyOnFake(kasa);
      expect(created.status).toBe(201);
      expect(created.body.cart.lines).toHaveLength(1);
      expect(created.body.cart.lines[0]).toMatchObject({ quantity: 2, unitPrice: product.unitPrice });
      expect(ready.body.missing).toEqual([]);
      expect(ready.body.delivery.pickupPoint.id).toBe(pointId);
      expect(placed.status).toBe(200);
      expect(placed.body.status).toBe('awaiting_payment');
      expect(placed.body.order.total).toEqual(ready.body.totals.total);
      // The cart the shopper bought stays on the checkout, even where the platform emptied it.
      expect(placed.body.cart).toEqual(ready.body.cart);
      expect(placed.body.totals).toEqual(ready.body.totals);
      expect(started.status).toBe(201);
      expect(final.body.status).toBe('paid');
      const after = await kasa.api('GET', `/api/checkouts/${id}`);
      expect(after.body).toMatchObject({ status: 'paid', totals: ready.body.totals });

      const orders = (await kasa.fake.platformOrders()).filter((o) => o.checkoutId === id);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({
        paid: true,
        pickupPointId: pointId,
        transactionId: expect.any(String),
      });

      // The platform is asked for the cart and the shipping price when the checkout starts and again
      // just before the order, never on the steps between (nor after the order).
      const reads = operations
        .slice(before)
        .filter((op) => /^(getCart|quoteShipping)\b|module cart$/.test(op));
      expect(reads.length).toBeLessThanOrEqual(4);
      console.info(
        `${name}: ${operations.length - before} platform calls by Kasa for one checkout through the API (${reads.length} cart or shipping reads); the fake received ${kasa.fake.requestCount()} requests in all, the storefront's included`,
      );
    });

    it("offers cash on delivery without the sandbox's fee, which the platform would not charge", async () => {
      const [product] = kasa.demoStore.listProducts();
      const cartRef = await kasa.demoStore.createCart([{ productId: product?.id ?? '', quantity: 1 }]);
      const created = await kasa.api('POST', '/api/checkouts', { cartRef });
      const id: string = created.body.id;
      const cod = created.body.paymentMethods.find((m: { kind: string }) => m.kind === 'cod');
      expect(cod).toBeDefined();
      expect(cod.fee).toBeUndefined();
      await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
      const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
      const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
      await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
        optionId: locker.id,
        pickupPointId: points.body.points[0].id,
      });
      await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: cod.id });
      const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
      expect(placed.status).toBe(200);
      expect(placed.body.status).toBe('cash_on_delivery');
      const orders = (await kasa.fake.platformOrders()).filter((o) => o.checkoutId === id);
      expect(orders).toHaveLength(1);
      expect(orders[0]?.paid).toBe(false);
    });
  },
);
