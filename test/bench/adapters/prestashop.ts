/**
 * PrestaShop adapter: platform calls per completed order, from getCart to markPaid, against the
 * local fake (webservice + Kasa module + PrestaShop 9 Admin API) on 127.0.0.1. Counts every HTTP
 * request the shop receives, split by webservice, module and Admin API, per scenario. Orders are
 * placed as the Kasa server places them: `resumed: false` on a fresh journal record (no look-up
 * before creating), `true` when the journal already had the key. Fails (exit 1) when a scenario's
 * steady state is above its budget: 6, plus one for the extra work a scenario names.
 *
 *   pnpm --filter @kasa/bench exec tsx adapters/prestashop.ts
 */

import { createPrestaShopAdapter, type PrestaShopAdapter } from '@kasa/adapter-prestashop';
import { type FakePrestaShop, startFakePrestaShop } from '@kasa/adapter-prestashop/fake';
import { cashOnDelivery, orderInput, polishAddress, polishCompany } from '@kasa/adapter-testing';
import type { PlaceOrderInput } from '@kasa/core';

const ORDERS = Math.max(2, Number(process.env.BENCH_ORDERS ?? 50));
const GOAL = 6;

interface Scenario {
  readonly name: string;
  readonly adminApi?: boolean;
  /** Builds the order from the quoted options. */
  readonly input: (made: Parameters<typeof orderInput>) => PlaceOrderInput;
  /** markPaid from a fresh adapter, as after a server restart between placing and paying. */
  readonly restartBeforePay?: boolean;
  /** The journal already had the key: a retry that looks for an earlier attempt's work first. */
  readonly resumed?: boolean;
  readonly pays: boolean;
  /** Calls above the goal this scenario may make, and why. */
  readonly extra?: { readonly calls: number; readonly why: string };
}

const locker = (args: Parameters<typeof orderInput>) => orderInput(args[0], args[1], { company: undefined });
const courier = (args: Parameters<typeof orderInput>) =>
  orderInput(args[0], args[1], {
    company: undefined,
    address: polishAddress,
    shipping: args[1].find((o) => o.kind === 'courier'),
  });

const scenarios: Scenario[] = [
  { name: 'BLIK, InPost locker', input: locker, pays: true },
  { name: 'BLIK, courier', input: courier, pays: true },
  {
    name: 'BLIK, courier, company invoice address',
    input: (args) =>
      orderInput(args[0], args[1], {
        address: polishAddress,
        shipping: args[1].find((o) => o.kind === 'courier'),
      }),
    pays: true,
    extra: { calls: 1, why: 'a second address (invoice ≠ delivery)' },
  },
  {
    name: 'BLIK, InPost locker, company invoice',
    input: (args) => orderInput(args[0], args[1], { company: polishCompany }),
    pays: true,
  },
  {
    name: 'BLIK, InPost locker, server restarted before paying',
    input: locker,
    pays: true,
    restartBeforePay: true,
    extra: { calls: 1, why: 'markPaid reads the placement back' },
  },
  {
    name: 'BLIK, InPost locker, resumed placement',
    input: locker,
    pays: true,
    resumed: true,
    extra: { calls: 1, why: 'the look-up before creating' },
  },
  {
    name: 'cash on delivery, InPost locker',
    input: (args) => orderInput(args[0], args[1], { company: undefined, paymentMethod: cashOnDelivery }),
    pays: false,
  },
  { name: 'PS 9 Admin API: BLIK, InPost locker', adminApi: true, input: locker, pays: true },
  {
    name: 'PS 9 Admin API: cash on delivery, locker',
    adminApi: true,
    input: (args) => orderInput(args[0], args[1], { company: undefined, paymentMethod: cashOnDelivery }),
    pays: false,
  },
];

const kindOf = (path: string, action?: string) =>
  action ? 'module' : path.startsWith('/admin-api/') ? 'admin' : path.startsWith('/api/') ? 'ws' : 'other';

async function oneOrder(fake: FakePrestaShop, adapter: PrestaShopAdapter, scenario: Scenario, n: number) {
  const made = await fake.createCart();
  const from = fake.requests.length;
  const started = performance.now();
  const cart = await adapter.getCart(made.ref);
  const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
  const order = await adapter.placeOrder({
    ...scenario.input([cart, options]),
    resumed: scenario.resumed ?? false,
  });
  if (scenario.pays) {
    const payer = scenario.restartBeforePay ? createPrestaShopAdapter(fake.config) : adapter;
    await payer.markPaid({ orderId: order.id, payment: { provider: 'payu', transactionId: `TX-${n}` } });
  }
  const ms = performance.now() - started;
  const calls = fake.requests.slice(from);
  const split = { ws: 0, module: 0, admin: 0 };
  for (const call of calls) {
    const kind = kindOf(call.path, call.action);
    if (kind !== 'other') split[kind] += 1;
  }
  return {
    total: calls.length,
    split,
    ms,
    sequence: calls.map((c) => (c.action ? `module:${c.action}` : `${c.method} ${c.path}`)),
  };
}

async function run(scenario: Scenario) {
  const fake = await startFakePrestaShop({ ...(scenario.adminApi ? { adminApi: true } : {}) });
  try {
    const adapter = createPrestaShopAdapter(fake.config);
    const results: Awaited<ReturnType<typeof oneOrder>>[] = [];
    for (let n = 0; n < ORDERS; n++) results.push(await oneOrder(fake, adapter, scenario, n));
    const [first, ...rest] = results;
    // The first order may carry one-off calls (the Admin API token); the rest show the steady state.
    const steady = rest.map((r) => r.total);
    const low = Math.min(...steady);
    const high = Math.max(...steady);
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    return {
      scenario: scenario.name,
      'calls/order (first)': first?.total,
      'calls/order (steady)': low === high ? low : `${low}–${high}`,
      webservice: rest[0]?.split.ws,
      module: rest[0]?.split.module,
      'admin API': rest[0]?.split.admin,
      'p50 ms': Number((ms[Math.floor(ms.length / 2)] ?? 0).toFixed(1)),
      budget: GOAL + (scenario.extra?.calls ?? 0),
      'within budget': high <= GOAL + (scenario.extra?.calls ?? 0) ? 'yes' : 'NO',
      why: scenario.extra?.why ?? '',
      over: high > GOAL + (scenario.extra?.calls ?? 0),
      sequence: first?.sequence ?? [],
    };
  } finally {
    await fake.close();
  }
}

const rows = [];
for (const scenario of scenarios) rows.push(await run(scenario));

console.log(
  `\nPrestaShop adapter: platform calls per completed order (getCart → quoteShipping → placeOrder → markPaid), ${ORDERS} orders per scenario, local fake on 127.0.0.1\n`,
);
console.table(rows.map(({ sequence: _sequence, over: _over, ...row }) => row));
for (const row of rows) console.log(`${row.scenario}:\n  ${row.sequence.join('\n  ')}\n`);
const over = rows.filter((r) => r.over);
if (over.length > 0) {
  console.error(`Over budget: ${over.map((r) => r.scenario).join(', ')}`);
  process.exit(1);
}
