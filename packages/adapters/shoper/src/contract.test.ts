import { type AdapterHarness, describeStorefrontAdapter } from '@kasa/adapter-testing';
import { money } from '@kasa/core';
import { createShoperAdapter } from './adapter.ts';
import { createShoperFake, testAdapterConfig } from './fake/index.ts';

/** A product's own stock and a variant (Kawa Brazylia, mielona: the base price + 2 zł). */
const LINES = [
  { productId: '11', quantity: 2 },
  { productId: '12-202', quantity: 1 },
];

describeStorefrontAdapter('shoper', async (): Promise<AdapterHarness> => {
  // A roomy bucket: the suite makes hundreds of calls; the bucket's own tests use the documented one.
  const fake = await createShoperFake({ bucket: { limit: 10_000, bandwidth: 10_000 } });
  const adapter = () => createShoperAdapter(testAdapterConfig(fake));
  return {
    adapter: adapter(),
    async createCart() {
      const ref = await fake.createCart(LINES);
      const lines = LINES.map((line) => {
        const product = fake.products.find((p) => p.id === line.productId);
        return {
          productId: line.productId,
          sku: product?.sku,
          quantity: line.quantity,
          unitPrice: product?.price ?? money(0),
        };
      });
      const subtotal = money(lines.reduce((s, l) => s + l.unitPrice.amount * l.quantity, 0));
      return { ref, expected: { lines, subtotal } };
    },
    platformOrders: async () => fake.shop.platformOrders(),
    signWebhook: (body) => fake.shop.signWebhook(body),
    inject: (fault) => fake.faults.inject(fault),
    clearFaults: () => fake.faults.clear(),
    upstreamCalls: () => fake.faults.calls(),
    restart: adapter,
    close: () => fake.close(),
  };
});
