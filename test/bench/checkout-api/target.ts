/**
 * A server for the checkout-API benchmark, run in its own process so the load generator does not
 * steal its event loop. `kasa`: the real server on the sandbox with one ready checkout; `bare`: a
 * Hono handler that answers a fixed JSON body, the floor we compare against.
 * Prints one JSON line: { url, paths }.
 */
import { serve } from '@hono/node-server';
import { configSchema, createRuntime } from '@kasa/server';
import { Hono } from 'hono';

const kind = process.argv[2];

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  paths: string[],
  onUrl?: (url: string) => Promise<void>,
) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, async (info) => {
    const url = `http://127.0.0.1:${info.port}`;
    await onUrl?.(url);
    process.stdout.write(`${JSON.stringify({ url, paths })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (kind === 'bare') {
  const app = new Hono();
  const body = { id: 'chk_bare', totals: { total: { amount: 12_345, currency: 'PLN' } } };
  app.get('/bare', (c) => c.json(body));
  listen(app.fetch, ['/bare']);
} else {
  const config = configSchema.parse({
    databaseFile: ':memory:',
    logLevel: 'silent',
    rateLimit: { max: 1_000_000 },
  });
  // The public URL is only used in payment links, which this benchmark never follows.
  const runtime = createRuntime({ config, publicUrl: 'http://127.0.0.1' });
  const product = runtime.sandbox.listProducts()[0]?.id ?? '';
  const cartRef = await runtime.sandbox.createCart([{ productId: product, quantity: 2 }]);
  const created = await runtime.app.request('/api/checkouts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cartRef }),
  });
  const { id } = (await created.json()) as { id: string };
  listen(runtime.app.fetch, [
    `/api/checkouts/${id}`,
    `/api/checkouts/${id}/shipping-options?postcode=30-001`,
  ]);
}
