/**
 * Where a checkout read's time goes inside the server, measured in this process (no network): the
 * SQLite row, its JSON, the whole use case for a checkout nobody changed (the row's version check,
 * the platform's cart and quote from cache, the kept view: what the bench's reads cost, whose JSON
 * is kept too) and for one just changed (the write, the stored data's schema, totals, payment
 * methods, a new view), and the JSON of a new view. What the bench's per-request CPU has beyond
 * these is the HTTP layer: parsing, middleware, headers, the socket.
 */
import { benchCheckout } from './checkout.ts';

const ROUNDS = 20_000;
const CONTACT = { email: 'anna@example.pl', phone: '+48512345678', firstName: 'Anna', lastName: 'Kowalska' };

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
  let change = 0;
  const figures = {
    'SQLite row': await microseconds(() => row.get(id)),
    'stored JSON.parse': await microseconds(() => JSON.parse(stored)),
    'service.get, unchanged checkout (view kept)': await microseconds(() => runtime.service.get(id)),
    'a change and the read after it (setContact, service.get)': await microseconds(async () => {
      change += 1;
      await runtime.service.setContact(id, { ...CONTACT, firstName: `Anna ${change}` });
      return runtime.service.get(id);
    }),
    'JSON.stringify(view), for a view made anew': await microseconds(() => JSON.stringify(view)),
  };
  await runtime.close();
  return figures;
}
