import { configSchema, createRuntime, freePort, listen } from '@kasa/server';
import { loadWidgetAssets, renderCheckoutFragment } from '@kasa/widget/server';

/**
 * A Kasa server as a merchant runs it for a real shop (the tests against real WordPress and
 * PrestaShop): the shop's `store` settings and its shop key, the shop's origin allowed, the widget
 * served, no demo shop, an in-memory store and a sandbox bank app that answers in half a second.
 */
export async function startKasaForShop(shop: {
  readonly shopUrl: string;
  readonly shopKey: string;
  readonly shopId: string;
  readonly store: unknown;
}) {
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const config = configSchema.parse({
    port,
    databaseFile: ':memory:',
    allowedOrigins: [shop.shopUrl],
    logLevel: 'warn',
    shopKey: shop.shopKey,
    shopId: shop.shopId,
    demoShop: { enabled: false },
    analytics: { seedCheckouts: 0 },
    sandbox: { blikApproveAfterMs: 500, blikApprovalWindowMs: 8_000 },
    store: shop.store,
  });
  const runtime = createRuntime({
    config,
    publicUrl: apiUrl,
    widget: { assets: await loadWidgetAssets(), render: renderCheckoutFragment },
  });
  const api = await listen(runtime.app.fetch, port);
  return {
    apiUrl,
    runtime,
    async close() {
      await new Promise((resolve) => api.close(resolve));
      await runtime.close();
    },
  };
}

export type KasaForShop = Awaited<ReturnType<typeof startKasaForShop>>;
