import { type AdapterHarness, describeStorefrontAdapter } from '@kasa/adapter-testing';
import { createPrestaShopAdapter } from './adapter.ts';
import type { PrestaShopConfigInput } from './config.ts';
import { type FakePrestaShopOptions, startFakePrestaShop } from './fake/index.ts';

/** Short timeouts and no real waiting, so every fault at every call plays in seconds. */
const fast = { timeoutMs: 300, retries: 2, retryBaseMs: 1, retryMaxMs: 5 } as const;

async function harness(
  options: FakePrestaShopOptions,
  config: Partial<PrestaShopConfigInput>,
): Promise<AdapterHarness> {
  const fake = await startFakePrestaShop({ ...options, config: { ...fast, ...config } });
  return {
    adapter: createPrestaShopAdapter(fake.config),
    createCart: () => fake.createCart(),
    platformOrders: () => fake.platformOrders(),
    signWebhook: (body) => fake.signWebhook(body),
    inject: (fault) => fake.faults.inject(fault),
    clearFaults: () => fake.faults.clear(),
    upstreamCalls: () => fake.faults.calls(),
    restart: () => createPrestaShopAdapter(fake.config),
    close: () => fake.close(),
  };
}

// As in production: the quote is answered from the cart just read (no call, no fault to play).
describeStorefrontAdapter('prestashop (webservice + Kasa module)', () => harness({}, {}));

// The cart cache off, so faults also play at the quote's own cart read.
describeStorefrontAdapter('prestashop 9 (Admin API for totals and cash on delivery)', () =>
  harness({ adminApi: true }, { cartCacheMs: 0 }),
);
