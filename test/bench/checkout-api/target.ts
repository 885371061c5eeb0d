/**
 * A server for the checkout-API benchmark, run in its own process so the load generator does not
 * steal its event loop. Prints one JSON line: { url, paths: { read, quote } }.
 *
 *   kasa          the real server on the sandbox with one ready checkout, with the garbage
 *                 collector set as `kasa start` sets it;
 *   bare <file>   a bare Hono handler per path answering the same JSON as Kasa did (the file holds
 *                 { read, quote } as Kasa answered them): the floor, with the same bytes on the wire.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { singleThreadScavengeOnFewCores } from '@kasa/server';
import { Hono } from 'hono';
import { benchCheckout } from './checkout.ts';

const [kind, bodiesFile] = process.argv.slice(2);

function listen(fetch: (request: Request) => Response | Promise<Response>, paths: Record<string, string>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, paths })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (kind === 'bare') {
  const bodies = JSON.parse(readFileSync(bodiesFile ?? '', 'utf8')) as { read: string; quote: string };
  const read = JSON.parse(bodies.read) as object;
  const quote = JSON.parse(bodies.quote) as object;
  const app = new Hono();
  app.get('/read', (c) => c.json(read));
  app.get('/quote', (c) => c.json(quote));
  listen(app.fetch, { read: '/read', quote: '/quote' });
} else {
  singleThreadScavengeOnFewCores();
  const { runtime, paths } = await benchCheckout();
  listen(runtime.app.fetch, paths);
}
