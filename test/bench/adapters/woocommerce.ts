/**
 * WooCommerce platform calls per completed order: getCart → quoteShipping → placeOrder → markPaid
 * against the local fake shop (real HTTP, Store API + REST v3 with OAuth 1.0a), with and without
 * the Kasa WordPress plugin, plus what a lost answer at checkout and a resumed placement cost. The
 * order is placed as the Kasa server places it: `resumed: false` on a fresh journal record, `true`
 * when the journal already had the key. Fails (exit 1) when the setup the README recommends (with
 * the plugin) is above the budget of 6 calls per order without a fault; without the plugin the
 * adapter needs two more calls to find and mark its order, shown for comparison. Loopback only.
 *
 *   pnpm --filter @kasa/bench exec tsx adapters/woocommerce.ts
 */
import { orderInput, polishAddress } from '@kasa/adapter-testing';
import { type CallRecord, createWooCommerceAdapter } from '@kasa/adapter-woocommerce';
import { startFakeWooCommerce, testAdapterConfig } from '@kasa/adapter-woocommerce/fake';

const BUDGET = 6;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20);

interface Scenario {
  readonly name: string;
  readonly kasaPlugin: boolean;
  /** Plays a fault in the middle of placeOrder, as the adapter sees it. */
  readonly fault?: 'lost checkout answer';
  /** The journal already had the key (a retry, perhaps after a restart): the adapter looks up first. */
  readonly resumed?: boolean;
}

const scenarios: Scenario[] = [
  { name: 'with the Kasa plugin', kasaPlugin: true },
  { name: 'without the Kasa plugin', kasaPlugin: false },
  { name: 'with the plugin, checkout answer lost', kasaPlugin: true, fault: 'lost checkout answer' },
  { name: 'with the plugin, resumed placement', kasaPlugin: true, resumed: true },
];

const OPERATIONS = ['getCart', 'quoteShipping', 'placeOrder', 'markPaid'] as const;

async function run(scenario: Scenario) {
  const shop = await startFakeWooCommerce({ kasaPlugin: scenario.kasaPlugin });
  const calls: CallRecord[] = [];
  // Without the plugin there is no 'kasa' gateway: orders go through the shop's own (as the README says).
  const gateways = scenario.kasaPlugin ? {} : { gateways: { prepaid: 'bacs', cod: 'cod' } };
  const adapter = createWooCommerceAdapter(testAdapterConfig(shop, { timeoutMs: 2_000, ...gateways }), {
    onCall: (call) => calls.push(call),
  });
  const perOrder: number[] = [];
  const byOperation = new Map<string, number>(OPERATIONS.map((o) => [o, 0]));
  const started = performance.now();
  try {
    for (let i = 0; i < ORDERS; i++) {
      const ref = await shop.createCart([
        { productId: 101, quantity: 2 },
        { productId: 104, quantity: 1 },
      ]);
      const shopBefore = shop.faults.calls();
      const before = calls.length;
      const cart = await adapter.getCart(ref);
      const options = await adapter.quoteShipping({
        cart,
        destination: { postcode: polishAddress.postcode },
      });
      // The checkout is the second call of placeOrder: its answer is cut after the shop did the work.
      if (scenario.fault) shop.faults.inject({ kind: 'reset', after: true, atCall: 1 });
      const order = await adapter.placeOrder({
        ...orderInput(cart, options),
        resumed: scenario.resumed ?? false,
      });
      await adapter.markPaid({ orderId: order.id, payment: { provider: 'bench', transactionId: `TX-${i}` } });
      const made = calls.slice(before);
      for (const call of made) {
        const operation = call.operation.split(':')[0] ?? '';
        byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
      }
      // The shop's own count is the truth; the adapter's record must agree with it.
      const seen = shop.faults.calls() - shopBefore;
      if (seen !== made.length)
        throw new Error(`the shop saw ${seen} calls, the adapter recorded ${made.length}`);
      perOrder.push(made.length);
    }
    if (shop.platformOrders().length !== ORDERS) throw new Error('one order per checkout expected');
  } finally {
    await shop.close();
  }
  const ms = performance.now() - started;
  const max = Math.max(...perOrder);
  return {
    scenario: scenario.name,
    'calls/order': max === Math.min(...perOrder) ? String(max) : `${Math.min(...perOrder)}–${max}`,
    ...Object.fromEntries(OPERATIONS.map((o) => [o, (byOperation.get(o) ?? 0) / ORDERS])),
    'ms/order': Math.round((ms / ORDERS) * 10) / 10,
    max,
    faulted: scenario.fault !== undefined || scenario.resumed === true,
    budgeted: scenario.kasaPlugin,
  };
}

const rows = [];
for (const scenario of scenarios) rows.push(await run(scenario));
console.log(
  `WooCommerce platform calls per order (Store API + REST v3), ${ORDERS} orders each, budget ${BUDGET}:`,
);
console.table(rows.map(({ max: _max, faulted: _faulted, budgeted: _budgeted, ...row }) => row));
const over = rows.filter((r) => !r.faulted && r.budgeted && r.max > BUDGET);
if (over.length > 0) {
  console.error(`Over budget: ${over.map((r) => r.scenario).join(', ')}`);
  process.exit(1);
}
