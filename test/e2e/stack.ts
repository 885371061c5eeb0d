import { createDemoShop } from '@kasa/demo-shop';
import { configSchema, createRuntime, freePort, type KasaConfig, listen } from '@kasa/server';
import { loadWidgetAssets, renderCheckoutFragment } from '@kasa/widget/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';

/**
 * What `pnpm start` runs, on free ports and an in-memory store: the API and the demo shop on two
 * origins. `configure` adds settings that depend on the shop's address (e.g. its pages).
 */
export async function startStack(
  overrides: Partial<KasaConfig['sandbox']> = {},
  configure: (shopUrl: string) => Partial<KasaConfig> = () => ({}),
) {
  const [apiPort, shopPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const shopUrl = `http://127.0.0.1:${shopPort}`;
  const config = configSchema.parse({
    port: apiPort,
    databaseFile: ':memory:',
    allowedOrigins: [shopUrl],
    logLevel: 'warn',
    rateLimit: { max: 10_000 },
    sandbox: { blikApproveAfterMs: 500, blikApprovalWindowMs: 4_000, ...overrides },
    ...configure(shopUrl),
  });
  const widget = await loadWidgetAssets();
  const runtime = createRuntime({
    config,
    publicUrl: apiUrl,
    widget: { assets: widget, render: renderCheckoutFragment },
  });
  const api = await listen(runtime.app.fetch, apiPort);
  const shop = await listen(createDemoShop({ store: runtime.sandbox, kasaUrl: apiUrl }).fetch, shopPort);
  return {
    apiUrl,
    shopUrl,
    config,
    runtime,
    widget,
    async close() {
      await Promise.all([api, shop].map((server) => new Promise((resolve) => server.close(resolve))));
      runtime.close();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * Chromium and a Kasa stack for the tests of one `describe`: started before them, closed after.
 * Read `browser` and `stack` inside the tests (they exist once `beforeAll` has run).
 */
export function chromiumAndStack(...args: Parameters<typeof startStack>) {
  const session = {} as { browser: Browser; stack: Stack };
  beforeAll(async () => {
    [session.browser, session.stack] = await Promise.all([launchChromium(), startStack(...args)]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.stack?.close();
  });
  return session;
}
