import { type CheckoutEvent, checkoutEventSchema } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { cartAbandonmentRate, checkoutConversionRate, paymentFailureRates } from './definitions.ts';
import { experimentResults } from './experiments.ts';
import { fieldDropOff } from './fields.ts';
import { DAY_MS } from './filters.ts';
import { simulateCheckouts } from './simulate.ts';
import type { SimulationInput } from './simulate-config.ts';
import { applyEvent, summarize } from './summary.ts';
import type { CheckoutSummary } from './types.ts';

const summariesOf = (input: SimulationInput): CheckoutSummary[] =>
  [...simulateCheckouts(input)].flatMap((events) => summarize(events));
const START = Date.UTC(2026, 0, 1);
const now = START + 40 * DAY_MS;

describe('simulateCheckouts', () => {
  it('yields events valid under the checkout event schema, all marked simulated', () => {
    const events = [...simulateCheckouts({ seed: 11, checkouts: 300 })].flat();
    expect(events.length).toBeGreaterThan(1000);
    for (const e of events) {
      const parsed = checkoutEventSchema.safeParse(e);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(e.simulated).toBe(true);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const names = checkoutEventSchema.options
      .map((o) => o.shape.name.value)
      .filter((n) => n !== 'remove_from_cart');
    expect(new Set(events.map((e) => e.name))).toEqual(new Set(names));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number) => [...simulateCheckouts({ seed, checkouts: 50 })];
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('streams: the first checkouts come without generating the rest', () => {
    const stream = simulateCheckouts({ checkouts: 1e12 });
    const first: CheckoutEvent[][] = [];
    for (const events of stream) if (first.push(events) === 3) break;
    expect(first[2]?.[0]?.checkoutId).toBe('sim_1_2');
  });

  it('produces realistic metrics with the defaults (about 70% of carts abandoned, as in Baymard)', () => {
    const summaries = summariesOf({ seed: 2, checkouts: 8000 });
    const cart = cartAbandonmentRate(summaries, { now }).rate ?? 0;
    expect(cart).toBeGreaterThan(0.65);
    expect(cart).toBeLessThan(0.78);
    const conversion = checkoutConversionRate(summaries, { now }).rate ?? 0;
    expect(conversion).toBeGreaterThan(0.45);
    expect(conversion).toBeLessThan(0.65);
    const blik = paymentFailureRates(summaries, { now }).methods.find((m) => m.method === 'blik');
    expect(blik?.blikRejected).toBeGreaterThan(0);
    expect(blik?.blikTimeouts).toBeGreaterThan(0);
    // The NIP field fails a quarter of the time, so it leads the field errors by abandon share.
    const [worst] = [...fieldDropOff(summaries, { now }).errors].sort(
      (a, b) => b.abandonShare - a.abandonShare,
    );
    expect(worst?.field).toBe('nip');
  });

  it('summarises the same way event by event as in bulk', () => {
    const checkouts = [...simulateCheckouts({ seed: 9, checkouts: 200 })];
    const folded = checkouts.map((events) =>
      events.reduce<CheckoutSummary | undefined>(applyEvent, undefined),
    );
    expect(summarize(checkouts.flat())).toEqual(folded);
  });
});

describe('simulated experiments (20,000 checkouts per arm)', () => {
  const spec = { key: 'checkout-layout', variations: ['one-page', 'multi-step'] } as const;
  const base = { checkouts: 40_000, beginRate: 1, spanMs: 14 * DAY_MS } as const;

  it('detects a true +10% relative difference in conversion at alpha 0.05', () => {
    // Only the contact drop-off differs: 1 − 0.12 = 0.88 = 1.1 × (1 − 0.2), and every later stage is the same
    // for both layouts, so multi-step converts exactly 10% (relative) more often.
    const summaries = summariesOf({
      ...base,
      seed: 20260301,
      layouts: [{ name: 'one-page' }, { name: 'multi-step', behaviour: { dropOff: { contact: 0.12 } } }],
    });
    const r = experimentResults(summaries, spec, { now });
    const [control, treatment] = r.variants;
    expect(control?.sessions).toBeGreaterThan(19_000);
    expect(treatment?.sessions).toBeGreaterThan(19_000);
    expect(r.srm.mismatch).toBe(false);
    expect(treatment?.conversion?.pValue).toBeLessThan(0.05);
    expect(treatment?.conversion?.ci[0]).toBeLessThan(0.1);
    expect(treatment?.conversion?.ci[1]).toBeGreaterThan(0.1);
    expect(r.verdict).toMatchObject({ kind: 'winner', variation: 'multi-step' });
  });

  it('does not call an A/A simulation', () => {
    const summaries = summariesOf({
      ...base,
      seed: 7,
      layouts: [{ name: 'one-page' }, { name: 'multi-step' }],
    });
    const r = experimentResults(summaries, spec, { now });
    expect(r.variants[1]?.conversion?.pValue).toBeGreaterThanOrEqual(0.05);
    expect(r.srm.mismatch).toBe(false);
    expect(['more-data', 'no-difference']).toContain(r.verdict.kind);
  });
});
