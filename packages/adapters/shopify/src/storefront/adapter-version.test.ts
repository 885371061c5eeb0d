import { ApiVersion } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyAdapter } from '../adapter.ts';
import { createShopifyFake, type ShopifyFake } from '../fake/index.ts';

/** The adapter's Storefront calls (getCart, quoteShipping) use the configured API version. */
describe('the Shopify adapter’s Storefront API version', () => {
  let fake: ShopifyFake;
  beforeAll(async () => {
    fake = await createShopifyFake();
  });
  afterAll(() => fake?.close());

  it.each([ApiVersion.July25, ApiVersion.April26])('is the configured %s', async (apiVersion) => {
    const adapter = createShopifyAdapter({ ...fake.config, apiVersion });
    const before = fake.shop.requests.length;
    const cart = await adapter.getCart(await fake.createCart([{ productId: 'kubek-350', quantity: 1 }]));
    expect(cart.lines).toHaveLength(1);
    const storefront = fake.shop.requests
      .slice(before)
      .map((request) => (request as { path: string }).path)
      .filter((path) => !path.startsWith('/admin/'));
    expect(storefront.length).toBeGreaterThan(0);
    for (const path of storefront) expect(path).toBe(`/api/${apiVersion}/graphql.json`);
  });
});
