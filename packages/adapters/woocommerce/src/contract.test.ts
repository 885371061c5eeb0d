import { type AdapterHarness, describeStorefrontAdapter } from '@kasa/adapter-testing';
import { money } from '@kasa/core';
import { createWooCommerceAdapter } from './adapter.ts';
import { FAKE_PRODUCTS, startFakeWooCommerce, testAdapterConfig } from './fake/index.ts';

const LINES = [
  { productId: 101, quantity: 2 },
  { productId: 103, quantity: 1 },
];

for (const kasaPlugin of [true, false]) {
  const name = kasaPlugin ? 'woocommerce with the Kasa plugin' : 'woocommerce without the Kasa plugin';
  describeStorefrontAdapter(name, () => harness(kasaPlugin));
}

async function harness(kasaPlugin: boolean): Promise<AdapterHarness> {
  const shop = await startFakeWooCommerce({ kasaPlugin });
  // Without the plugin there is no "kasa" gateway: Kasa's paid orders take bank transfer (on hold).
  const config = () =>
    testAdapterConfig(shop, kasaPlugin ? {} : { gateways: { prepaid: 'bacs', cod: 'cod' } });
  const adapter = createWooCommerceAdapter(config());
  return {
    adapter,
    async createCart() {
      const ref = await shop.createCart(LINES);
      const lines = LINES.map((l) => {
        const product = FAKE_PRODUCTS.find((p) => p.id === l.productId);
        return {
          productId: String(l.productId),
          sku: product?.sku,
          quantity: l.quantity,
          unitPrice: money(product?.price ?? 0),
        };
      });
      const subtotal = money(lines.reduce((s, l) => s + l.unitPrice.amount * l.quantity, 0));
      return { ref, expected: { lines, subtotal } };
    },
    platformOrders: async () => shop.platformOrders(),
    signWebhook: (body) => shop.signWebhook(body),
    inject: (fault) => shop.faults.inject(fault),
    clearFaults: () => shop.faults.clear(),
    upstreamCalls: () => shop.faults.calls(),
    restart: () => createWooCommerceAdapter(config()),
    close: () => shop.close(),
  };
}
