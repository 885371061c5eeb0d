/**
 * Shopify platform calls per completed order in mode B (a merchant's custom app): getCart →
 * quoteShipping → placeOrder → markPaid against the local fakes (real HTTP through
 * @shopify/shopify-api: Storefront Cart API + Admin GraphQL), plus what a lost orderCreate answer
 * and a resumed placement cost. The order is placed as the Kasa server places it: `resumed: false`
 * on a fresh journal record, `true` when the journal already had the key. Fails (exit 1) when a
 * scenario without a fault is above the budget of 6 calls per order. Loopback only, a second or two.
 *
 *   pnpm --filter @kasa/bench exec tsx adapters/shopify.ts
 */

import { createShopifyAdapter } from '@kasa/adapter-shopify';
import { createShopifyFake } from '@kasa/adapter-shopify/fake';
import { orderInput, polishAddress } from '@kasa/adapter-testing';

const BUDGET = 6;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20);

interface Scenario {
  readonly name: string;
  /** orderCreate's answer is cut after the shop created the order. */
  readonly fault?: 'lost orderCreate answer';
  /** The journal already had the key (a retry, perhaps after a restart): the adapter looks up first. */
  readonly resumed?: boolean;
}

const scenarios: Scenario[] = [
  { name: 'mode B', resumed: false },
  { name: 'mode B, orderCreate answer lost', fault: 'lost orderCreate answer' },
  { name: 'mode B, resumed placement', resumed: true },
];

const STEPS = ['getCart', 'quoteShipping', 'placeOrder', 'markPaid'] as const;

async function run(scenario: Scenario) {
  const fake = await createShopifyFake();
  const calls: string[] = [];
  const adapter = createShopifyAdapter(
    {
      ...fake.config,
      timeoutMs: 2_000,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
      orderSearchLagMs: 20,
    },
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
        { productId: 'kawa-etiopia-250', quantity: 2 },
        { productId: 'kubek-350', quantity: 1 },
      ]);
      const shopBefore = fake.faults.calls();
      const before = calls.length;
      const cart = await step('getCart', () => adapter.getCart(ref));
      const options = await step('quoteShipping', () =>
        adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } }),
      );
      // orderCreate is placeOrder's first call on a fresh record: its answer is cut after the work.
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
    if (fake.shop.platformOrders().length !== ORDERS) throw new Error('one order per checkout expected');
  } finally {
    await fake.close();
  }
  const ms = performance.now() - started;
  const max = Math.max(...perOrder);
  return {
    scenario: scenario.name,
    'calls/order': max === Math.min(...perOrder) ? String(max) : `${Math.min(...perOrder)}–${max}`,
    ...Object.fromEntries(STEPS.map((s) => [s, (byStep.get(s) ?? 0) / ORDERS])),
    'ms/order': Math.round((ms / ORDERS) * 10) / 10,
    max,
    faulted: scenario.fault !== undefined || scenario.resumed === true,
  };
}

const rows = [];
for (const scenario of scenarios) rows.push(await run(scenario));
console.log(
  `Shopify platform calls per order (Storefront Cart API + Admin GraphQL, mode B), ${ORDERS} orders each, budget ${BUDGET}:`,
);
console.table(rows.map(({ max: _max, faulted: _faulted, ...row }) => row));
const over = rows.filter((r) => !r.faulted && r.max > BUDGET);
if (over.length > 0) {
  console.error(`Over budget: ${over.map((r) => r.scenario).join(', ')}`);
  process.exit(1);
}
