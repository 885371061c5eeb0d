/**
 * Where a checkout read's time goes inside the server, measured in this process (no network): the
 * SQLite row, its JSON, the whole use case (the row, the stored data's schema, the platform's cart
 * and quote from cache, totals, payment methods, the view) and the view's JSON. What the bench's
 * per-request CPU has beyond these is the HTTP layer: parsing, middleware, headers, the socket.
 */
import { benchCheckout } from './checkout.ts';

const ROUNDS = 20_000;

async function microseconds(work: () => unknown): Promise<number> {
  for (let i = 0; i < ROUNDS / 10; i += 1) await work();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i += 1) await work();
  return ((performance.now() - started) / ROUNDS) * 1000;
}

export async function readBreakdown(): Promise<Record<string, number>> {
  const { runtime, id } = await benchCheckout();
  const row = runtime.db.prepare('SELECT * FROM kasa_checkouts WHERE id = ?');
  const stored = (row.get(id) as { data: string }).data;
  const view = await runtime.service.get(id);
  const figures = {
    'SQLite row': await microseconds(() => row.get(id)),
    'stored JSON.parse': await microseconds(() => JSON.parse(stored)),
    'service.get (row, schema, cart, totals, view)': await microseconds(() => runtime.service.get(id)),
    'JSON.stringify(view)': await microseconds(() => JSON.stringify(view)),
  };
  await runtime.close();
  return figures;
}
