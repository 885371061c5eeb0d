/**
 * What the Shopify and Shoper benches share: one adapter against its local fake, `orders` times
 * getCart → quoteShipping → placeOrder → markPaid as the Kasa server runs them (`resumed: false` on
 * a fresh journal record, `true` when the journal already had the key), with the calls each step
 * made and a check that the shop's own count of requests agrees with the adapter's record.
 */
import { orderInput, polishAddress } from '@kasa/adapter-testing';
import type { FaultPlan } from '@kasa/adapter-testing/faults';
import type { CartRef, StorefrontAdapter } from '@kasa/core';

export const STEPS = ['getCart', 'quoteShipping', 'placeOrder', 'markPaid'] as const;

export interface OrderRun {
  readonly adapter: StorefrontAdapter;
  /** Operation names the adapter reported, one per call (its `onCall`). */
  readonly calls: readonly string[];
  readonly createCart: () => Promise<CartRef>;
  /** Requests the shop has received so far. */
  readonly shopCalls: () => number;
  /** Makes placeOrder's first call lose its answer after the shop did the work. */
  readonly loseNextAnswer: () => void;
  readonly platformOrders: () => Promise<readonly unknown[]> | readonly unknown[];
}

export interface Scenario {
  readonly name: string;
  /** placeOrder's first call loses its answer after the shop did the work. */
  readonly fault?: string;
  /** The journal already had the key (a retry, perhaps after a restart): the adapter looks up first. */
  readonly resumed?: boolean;
}

/** What the Shopify and Shoper fakes both offer a bench. */
interface BenchFake {
  readonly faults: FaultPlan;
  readonly shop: { platformOrders(): readonly unknown[] | Promise<readonly unknown[]> };
  createCart(lines: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
}

/**
 * An order run on a local fake: its carts of `lines`, its own count of requests, and a lost answer
 * played as a connection reset after the work.
 *
 * @example measureOrders(onFake(fake, adapter, calls, [{ productId: 'kubek-350', quantity: 1 }]), scenario, 20);
 */
export const onFake = (
  fake: BenchFake,
  adapter: StorefrontAdapter,
  calls: readonly string[],
  lines: readonly { productId: string; quantity: number }[],
): OrderRun => ({
  adapter,
  calls,
  createCart: () => fake.createCart(lines),
  shopCalls: () => fake.faults.calls(),
  loseNextAnswer: () => fake.faults.inject({ kind: 'reset', after: true, atCall: 0 }),
  platformOrders: () => fake.shop.platformOrders(),
});

/** Calls per order and per step over `orders` orders; throws when the shop and the adapter disagree. */
export async function measureOrders(run: OrderRun, scenario: Scenario, orders: number) {
  const perOrder: number[] = [];
  const byStep = new Map<string, number>(STEPS.map((s) => [s, 0]));
  const step = async <T>(name: (typeof STEPS)[number], work: () => Promise<T>): Promise<T> => {
    const before = run.calls.length;
    const result = await work();
    byStep.set(name, (byStep.get(name) ?? 0) + run.calls.length - before);
    return result;
  };
  const started = performance.now();
  for (let i = 0; i < orders; i++) {
    const ref = await run.createCart();
    const shopBefore = run.shopCalls();
    const before = run.calls.length;
    const cart = await step('getCart', () => run.adapter.getCart(ref));
    const options = await step('quoteShipping', () =>
      run.adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } }),
    );
    if (scenario.fault) run.loseNextAnswer();
    const order = await step('placeOrder', () =>
      run.adapter.placeOrder({ ...orderInput(cart, options), resumed: scenario.resumed ?? false }),
    );
    await step('markPaid', () =>
      run.adapter.markPaid({ orderId: order.id, payment: { provider: 'bench', transactionId: `TX-${i}` } }),
    );
    const made = run.calls.length - before;
    // The shop's own count is the truth; the adapter's record must agree with it.
    const seen = run.shopCalls() - shopBefore;
    if (seen !== made) throw new Error(`the shop saw ${seen} calls, the adapter recorded ${made}`);
    perOrder.push(made);
  }
  const placed = (await run.platformOrders()).length;
  if (placed !== orders) throw new Error(`one order per checkout expected, the shop has ${placed}`);
  return {
    perOrder,
    perStep: Object.fromEntries(STEPS.map((s) => [s, Math.round(((byStep.get(s) ?? 0) / orders) * 10) / 10])),
    msPerOrder: Math.round(((performance.now() - started) / orders) * 10) / 10,
  };
}

/** `6`, or `5–7` when the orders differ. */
export const spanOf = (values: readonly number[]): string => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? String(max) : `${min}–${max}`;
};
