import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { createDemoShop } from '@kasa/demo-shop';
import { configSchema, createRuntime, type KasaConfig } from '@kasa/server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const listen = (fetch: (request: Request) => Response | Promise<Response>, port: number) =>
  new Promise<ReturnType<typeof serve>>((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
  });

/** What `pnpm start` runs, on free ports and an in-memory store: the API and the demo shop on two origins. */
export async function startStack(overrides: Partial<KasaConfig['sandbox']> = {}) {
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
  });
  const runtime = createRuntime({ config, publicUrl: apiUrl });
  const api = await listen(runtime.app.fetch, apiPort);
  const shop = await listen(createDemoShop({ sandbox: runtime.sandbox, kasaUrl: apiUrl }).fetch, shopPort);
  return {
    apiUrl,
    shopUrl,
    runtime,
    async close() {
      await Promise.all([api, shop].map((server) => new Promise((resolve) => server.close(resolve))));
      runtime.close();
    },
  };
}
