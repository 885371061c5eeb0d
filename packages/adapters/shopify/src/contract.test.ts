import { type AdapterHarness, describeStorefrontAdapter } from '@kasa/adapter-testing';
import { money } from '@kasa/core';
import { createShopifyAdapter } from './adapter.ts';
import { createShopifyFake } from './fake/index.ts';
import { FAKE_SHOPIFY_VARIANTS } from './fake/storefront-catalogue.ts';

const LINES = [
  { productId: 'kawa-etiopia-250', quantity: 2 },
  { productId: 'kubek-350', quantity: 1 },
];

describeStorefrontAdapter('shopify mode B (custom app) against the Admin and Storefront fakes', harness);

async function harness(): Promise<AdapterHarness> {
  const fake = await createShopifyFake();
  // Short backoff so the outages do not take minutes; a Retry-After of 1 s is still honoured.
  const config = {
    ...fake.config,
    timeoutMs: 1_000,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 1_500 },
    orderSearchLagMs: 20,
  };
  const adapter = createShopifyAdapter(config);
  return {
    adapter,
    async createCart() {
      const ref = await fake.createCart(LINES);
      const lines = LINES.map((l) => {
        const variant = FAKE_SHOPIFY_VARIANTS.find((v) => v.kasaId === l.productId);
        if (!variant) throw new Error(`no variant ${l.productId}`);
        return {
          productId: String(variant.id),
          sku: variant.sku,
          quantity: l.quantity,
          unitPrice: variant.price,
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
    restart: () => createShopifyAdapter(config),
    close: () => fake.close(),
  };
}
