import { loadDashboardAssets } from '@kasa/dashboard/server';
import { configSchema, createRuntime, freePort, listen } from '@kasa/server';
import { type CheckoutEvent, seededCheckouts, seededCosts, seededOkr } from './dashboard-data.ts';

export interface DashboardServer {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * A real Kasa server (in-memory SQLite) serving the dashboard at /dashboard/ and the analytics API,
 * seeded with simulated checkouts over the four weeks before now, the test's OKRs and, unless told
 * otherwise, their ad costs.
 */
export async function startDashboardServer(
  token: string,
  { costs = true }: { costs?: boolean } = {},
): Promise<DashboardServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = configSchema.parse({
    port,
    databaseFile: ':memory:',
    logLevel: 'warn',
    rateLimit: { max: 10_000 },
    analytics: { merchantToken: token },
  });
  const runtime = createRuntime({ config, publicUrl: url, dashboard: await loadDashboardAssets() });
  const now = Date.now();
  let batch: CheckoutEvent[] = [];
  for (const events of seededCheckouts({ now })) {
    batch.push(...events);
    if (batch.length < 5_000) continue;
    await runtime.events.append(batch);
    batch = [];
  }
  await runtime.events.append(batch);
  if (costs) runtime.analytics.settings.importCosts(seededCosts(now));
  runtime.analytics.settings.saveOkr(seededOkr(now));
  await runtime.analytics.summarizer.catchUp();
  const server = await listen(runtime.app.fetch, port);
  return {
    url,
    token: runtime.analytics.merchantToken,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      runtime.close();
    },
  };
}
