/**
 * Shoper REST calls per completed order: getCart → quoteShipping → placeOrder → markPaid against
 * the local fake (real HTTP: the token, the leaky bucket with Shoper's default 10 calls draining 2/s,
 * bulk order lines). The first order of an adapter also pays for its token and for reading the
 * shop's ids (statuses, taxes, currencies), so it is shown apart from the steady state. Also what an
 * order whose POST /orders answer was lost, and a resumed placement, cost. Fails (exit 1) when the
 * steady state without a fault is above the budget. Loopback only, about half a minute (the bucket
 * makes Kasa wait, as a real shop would).
 *
 *   pnpm --filter @kasa/bench exec tsx adapters/shoper.ts
 */

import { createShoperAdapter } from '@kasa/adapter-shoper';
import { createShoperFake } from '@kasa/adapter-shoper/fake';
import { measureOrders, onFake, type Scenario, spanOf } from './calls-per-order.ts';

const BUDGET = 7;
const ORDERS = Math.max(2, Number(process.env.BENCH_ORDERS ?? 10));

const scenarios: Scenario[] = [
  { name: 'fresh placement', resumed: false },
  { name: 'POST /orders answer lost', fault: 'lost POST /orders answer' },
  { name: 'resumed placement', resumed: true },
];

async function run(scenario: Scenario) {
  const fake = await createShoperFake();
  const calls: string[] = [];
  const adapter = createShoperAdapter(
    { ...fake.config, timeoutMs: 2_000, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } },
    { onCall: (call) => calls.push(call.operation) },
  );
  try {
    const lines = fake.products.slice(0, 2).map((p, i) => ({ productId: p.id, quantity: 2 - i }));
    const { perOrder, perStep, msPerOrder } = await measureOrders(
      onFake(fake, adapter, calls, lines),
      scenario,
      ORDERS,
    );
    const [first = 0, ...rest] = perOrder;
    return {
      scenario: scenario.name,
      'first order': first,
      'calls/order after': spanOf(rest),
      ...perStep,
      'ms/order': msPerOrder,
      steady: Math.max(...rest),
      faulted: scenario.fault !== undefined || scenario.resumed === true,
    };
  } finally {
    await fake.close();
  }
}

const rows = [];
for (const scenario of scenarios) rows.push(await run(scenario));
console.log(
  `Shoper REST calls per order (token, bucket 10 draining 2/s, bulk lines), ${ORDERS} orders each, budget ${BUDGET} after the first:`,
);
console.table(rows.map(({ steady: _steady, faulted: _faulted, ...row }) => row));
const over = rows.filter((r) => !r.faulted && r.steady > BUDGET);
console.log(
  over.length === 0
    ? `Shoper calls per order: meets the budget of ${BUDGET} (${rows[0]?.steady} after the first order).`
    : `Shoper calls per order: misses the budget of ${BUDGET}: ${over.map((r) => `${r.scenario} ${r.steady}`).join(', ')}.`,
);
if (over.length > 0) process.exit(1);
