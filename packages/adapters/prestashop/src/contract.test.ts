import { describeStorefrontAdapter } from '@kasa/adapter-testing';
import { createPrestaShopAdapter } from './adapter.ts';
import { startFakePrestaShop } from './fake/index.ts';

/**
 * Short timeouts and no real waiting, so every fault at every call plays in seconds. The cart cache
 * is off: the suite plays faults at each of an operation's calls, and a quote answered from the
 * cart read (the default) makes none. adapter.test.ts covers the cached path.
 */
const fast = { timeoutMs: 300, retries: 2, retryBaseMs: 1, retryMaxMs: 5, cartCacheMs: 0 } as const;

describeStorefrontAdapter('prestashop (webservice + Kasa module)', async () => {
  const fake = await startFakePrestaShop({ config: fast });
  return {
    adapter: createPrestaShopAdapter(fake.config),
    createCart: () => fake.createCart(),
    platformOrders: () => fake.platformOrders(),
    signWebhook: (body) => fake.signWebhook(body),
    inject: (fault) => fake.faults.inject(fault),
    upstreamCalls: () => fake.faults.calls(),
    close: () => fake.close(),
  };
});

describeStorefrontAdapter('prestashop 9 (Admin API for totals and cash on delivery)', async () => {
  const fake = await startFakePrestaShop({ adminApi: true, config: fast });
  return {
    adapter: createPrestaShopAdapter(fake.config),
    createCart: () => fake.createCart(),
    platformOrders: () => fake.platformOrders(),
    signWebhook: (body) => fake.signWebhook(body),
    inject: (fault) => fake.faults.inject(fault),
    upstreamCalls: () => fake.faults.calls(),
    close: () => fake.close(),
  };
});
