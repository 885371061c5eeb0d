import type { WooCommerceConfigInput } from '../config.ts';
import type { FakeWooCommerce } from './index.ts';

/** The adapter's configuration for a fake shop, with test-sized timeouts and backoff. */
export const testAdapterConfig = (
  shop: Pick<FakeWooCommerce, 'url' | 'consumerKey' | 'consumerSecret' | 'webhookSecret'>,
  overrides: Partial<WooCommerceConfigInput> = {},
): WooCommerceConfigInput => ({
  url: shop.url,
  consumerKey: shop.consumerKey,
  consumerSecret: shop.consumerSecret,
  webhookSecret: shop.webhookSecret,
  timeoutMs: 200,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  ...overrides,
});
