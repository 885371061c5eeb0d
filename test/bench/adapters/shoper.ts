/**
 * Shoper REST calls per completed order: getCart → quoteShipping → placeOrder → markPaid against
 * the local fake (real HTTP: the token, the leaky bucket with Shoper's default 10 calls draining 2/s,
 * bulk order lines). The first order of an adapter also pays for its token and for reading the
 * shop's ids (statuses, payments, shippings, taxes), so it is shown apart from the steady state.
 * Also what an order whose POST /orders answer was lost, and a resumed placement, cost. Fails
 * (exit 1) when the steady state without a fault is above the budget. Loopback only, well under a minute
 * (the bucket makes Kasa wait, as a real shop would).
 *
 *   pnpm --filter @kasa/bench exec tsx adapters/shoper.ts
 */

import { createShoperAdapter } from '@kasa/adapter-shoper';
import { createShoperFake } from '@kasa/adapter-shoper/fake';
import { orderInput, polishAddress } from '@kasa/adapter-testing';

const BUDGET = 7;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 10);

interface Scenario {
  readonly name: string;
  /** POST /orders' answer is cut after the shop created the order. */
  readonly fault?: 'lost POST /orders answer';
  /** The journal already had the key (a retry, perhaps after a restart): the adapter looks up first. */
  readonly resumed?: boolean;
}

const scenarios: Scenario[] = [
  { name: 'fresh placement', resumed: false },
  { name: 'POST /orders answer lost', fault: 'lost POST /orders answer' },
  { name: 'resumed placement', resumed: true },
];

const STEPS = ['getCart', 'quoteShipping', 'placeOrder', 'markPaid'] as const;

async function run(scenario: Scenario) {
  const fake = await createShoperFake();
  const calls: string[] = [];
  const adapter = createShoperAdapter(
    { ...fake.config, timeoutMs: 2_000, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } },
    { onCall: (call) => calls.push(call.operation) },
  );
  const perOrder: number[] = [];
  const byStep = new Map<string, number>(STEPS.map((s) => [s, 0]));
  const step = async <T>(name: (typeof STEPS)[number], work: () => Promise<T>): Promise<T> => {
    const before = calls.length;
    const result = await work();
    byStep.set(name, (byStep.get(name) ?? 0) + calls.length - before);
    return result;
  };
  const started = performance.now();
  try {
    for (let i = 0; i < ORDERS; i++) {
      const ref = await fake.createCart([
        { productId: fake.products[0]?.id ?? '', quantity: 2 },
        { productId: fake.products[1]?.id ?? '', quantity: 1 },
      ]);
      const shopBefore = fake.faults.calls();
      const before = calls.length;
      const cart = await step('getCart', () => adapter.getCart(ref));
      const options = await step('quoteShipping', () =>
        adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } }),
      );
      if (scenario.fault) fake.faults.inject({ kind: 'reset', after: true, atCall: 0 });
      const order = await step('placeOrder', () =>
        adapter.placeOrder({ ...orderInput(cart, options), resumed: scenario.resumed ?? false }),
      );
      await step('markPaid', () =>
        adapter.markPaid({ orderId: order.id, payment: { provider: 'bench', transactionId: `TX-${i}` } }),
      );
      const made = calls.length - before;
      // The shop's own count is the truth; the adapter's record must agree with it.
      const seen = fake.faults.calls() - shopBefore;
      if (seen !== made) throw new Error(`the shop saw ${seen} calls, the adapter recorded ${made}`);
      perOrder.push(made);
    }
    const orders = await fake.shop.platformOrders();
    if (orders.length !== ORDERS)
      throw new Error(`one order per checkout expected, the shop has ${orders.length}`);
  } finally {
    await fake.close();
  }
  const ms = performance.now() - started;
  const [first = 0, ...rest] = perOrder;
  const steady = rest.length > 0 ? Math.max(...rest) : first;
  return {
    scenario: scenario.name,
    'first order': first,
    'calls/order after':
      rest.length > 0 && steady !== Math.min(...rest) ? `${Math.min(...rest)}–${steady}` : String(steady),
    ...Object.fromEntries(STEPS.map((s) => [s, Math.round(((byStep.get(s) ?? 0) / ORDERS) * 10) / 10])),
    'ms/order': Math.round((ms / ORDERS) * 10) / 10,
    steady,
    faulted: scenario.fault !== undefined || scenario.resumed === true,
  };
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
