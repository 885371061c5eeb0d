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
import { measureOrders, onFake, type Scenario, STEPS, spanOf } from './calls-per-order.ts';

const BUDGET = 6;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20);

const scenarios: Scenario[] = [
  { name: 'mode B', resumed: false },
  { name: 'mode B, orderCreate answer lost', fault: 'lost orderCreate answer' },
  { name: 'mode B, resumed placement', resumed: true },
];

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
  try {
    const lines = [
      { productId: 'kawa-etiopia-250', quantity: 2 },
      { productId: 'kubek-350', quantity: 1 },
    ];
    // orderCreate is placeOrder's first call on a fresh record: a lost answer cuts it after the work.
    const { perOrder, perStep, msPerOrder } = await measureOrders(
      onFake(fake, adapter, calls, lines),
      scenario,
      ORDERS,
    );
    return {
      scenario: scenario.name,
      'calls/order': spanOf(perOrder),
      ...Object.fromEntries(STEPS.map((s) => [s, perStep[s]])),
      'ms/order': msPerOrder,
      max: Math.max(...perOrder),
      faulted: scenario.fault !== undefined || scenario.resumed === true,
    };
  } finally {
    await fake.close();
  }
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
