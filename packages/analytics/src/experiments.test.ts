import type { CheckoutEvent } from '@kasa/core';
import { compareMeans, compareProportions, remainingToDecision, sampleSize } from '@kasa/experiments';
import { describe, expect, it } from 'vitest';
import { experimentResults, phaseOf } from './experiments.ts';
import { summarize } from './summary.ts';
import { event, H, T0 } from './test-helpers.ts';

const NOW = T0 + 72 * H;
/** Read as a fixed-horizon test, so the counts below pin its classic numbers; the default is sequential. */
const spec = { key: 'checkout-layout', variations: ['one-page', 'multi-step'], sequential: false } as const;
const sequentialSpec = { key: 'checkout-layout', variations: ['one-page', 'multi-step'] } as const;

/** `n` checkouts begun in a variation, the first `orders` of them bought for `value` each. */
function arm(
  variation: string | undefined,
  n: number,
  orders: number,
  value = 10_000,
  began = T0,
): CheckoutEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const context = {
      checkoutId: `${variation ?? 'none'}-${began}-${i}`,
      ...(variation ? { experiments: { 'checkout-layout': variation } } : {}),
    };
    const begin = event('begin_checkout', { value, currency: 'PLN', items: [] }, began, context);
    const purchase = { value, currency: 'PLN', transaction_id: 'o', shipping: 0, tax: 0, items: [] };
    return i < orders ? [begin, event('purchase', purchase, began + H, context)] : [begin];
  }).flat();
}

describe('experimentResults', () => {
  it('counts sessions, conversions and revenue per variant, only for checkouts in the experiment', () => {
    const summaries = summarize([
      ...arm('one-page', 1000, 300),
      ...arm('multi-step', 1000, 345, 20_000),
      ...arm(undefined, 500, 100),
      ...arm('three-step', 7, 1),
      ...arm('one-page', 50, 50, 10_000, NOW - H),
    ]);
    const r = experimentResults(summaries, spec, { now: NOW });
    const [control, treatment] = r.variants;
    expect(control).toMatchObject({
      sessions: 1000,
      conversions: 300,
      conversionRate: 0.3,
      revenue: 3_000_000,
      revenuePerVisitor: 3000,
    });
    // Σ revenue² = 345 × 20,000² = 1.38e11.
    expect(treatment).toMatchObject({
      sessions: 1000,
      conversions: 345,
      revenue: 6_900_000,
      revenueSumSquares: 345 * 20_000 ** 2,
    });
    expect(r.unknownVariations).toBe(7);
    expect(r.pending).toBe(50);
    expect(control?.conversion).toBeNull();
    expect(treatment?.conversion).toEqual(
      compareProportions({
        control: { n: 1000, conversions: 300 },
        treatment: { n: 1000, conversions: 345 },
      }),
    );
    // Guardrail: average order value over the purchases only (10,000 → 20,000 grosze, +100%).
    expect(control?.averageOrderValue).toBe(10_000);
    expect(treatment?.averageOrderValue).toBe(20_000);
    expect(treatment?.guardrails?.averageOrderValue).toEqual(
      compareMeans(
        {
          control: { n: 300, sum: 3_000_000, sumSquares: 300 * 10_000 ** 2 },
          treatment: { n: 345, sum: 6_900_000, sumSquares: 345 * 20_000 ** 2 },
        },
        { alpha: 0.05 },
      ),
    );
    expect(treatment?.revenuePerVisitorComparison).toEqual(
      compareMeans({
        control: { n: 1000, sum: 3_000_000, sumSquares: 300 * 10_000 ** 2 },
        treatment: { n: 1000, sum: 6_900_000, sumSquares: 345 * 20_000 ** 2 },
      }),
    );
  });

  it('names the winner with its chance in Polish and English', () => {
    // 30.0% → 34.5%: relative lift +15%, p ≈ 0.045 < 0.05, chance to win ≈ 97.75%, shown rounded down.
    const r = experimentResults(
      summarize([...arm('one-page', 1000, 300), ...arm('multi-step', 1000, 345)]),
      spec,
      { now: NOW },
    );
    expect(r.verdict).toMatchObject({ kind: 'winner', variation: 'multi-step' });
    expect(r.verdict.pl).toBe('multi-step wygrywa z prawdopodobieństwem 97%');
    expect(r.verdict.en).toBe('multi-step wins with 97% chance');
  });

  it('says the control wins when the treatment is significantly worse', () => {
    const r = experimentResults(
      summarize([...arm('one-page', 1000, 345), ...arm('multi-step', 1000, 300)]),
      spec,
      { now: NOW },
    );
    expect(r.verdict.kind).toBe('control-wins');
    expect(r.verdict.en).toMatch(/^one-page wins with 9\d% chance$/);
  });

  it('asks for about N more checkouts, planned from the configured mde (5%), not the observed lift', () => {
    // 30% vs 31%: the plan is for ±5% at 80% power, whatever the observed +3.3%.
    const summaries = summarize([...arm('one-page', 1000, 300), ...arm('multi-step', 1000, 310)]);
    const more = remainingToDecision({
      control: { n: 1000, conversions: 300 },
      treatment: { n: 1000, conversions: 310 },
      mde: 0.05,
    }).more;
    expect(more).toBe(27_712); // rounded to two significant digits: 28,000
    const r = experimentResults(summaries, spec, { now: NOW });
    expect(r.verdict).toMatchObject({ kind: 'more-data', moreCheckouts: 28_000 });
    expect(r.verdict.pl).toBe('za mało danych: jeszcze około 28\u00a0000 checkoutów');
    expect(r.verdict.en).toBe('not enough data: about 28,000 more checkouts');
    const other = experimentResults(
      summarize([...arm('one-page', 1000, 300), ...arm('multi-step', 1000, 290)]),
      spec,
      { now: NOW },
    );
    expect(other.verdict.moreCheckouts).toBe(28_000);
  });

  it('reads sequentially by default, says so, and plans the sample and date for that method', () => {
    const summaries = summarize([...arm('one-page', 1000, 300), ...arm('multi-step', 1000, 345)]);
    const r = experimentResults(summaries, { ...sequentialSpec, startDate: '2026-01-01' }, { now: NOW });
    expect(r.method).toMatchObject({ kind: 'sequential', alpha: 0.05, tuning: 5000 });
    expect(r.method.en).toBe('sequential test (always valid, safe to check daily), α = 0.05, tuning 5,000');
    expect(r.method.pl).toContain('test sekwencyjny');
    // Significant read once (p ≈ 0.045), not across looks: the sequential reading waits.
    expect(r.verdict.kind).toBe('more-data');
    expect(r.plan.perArm).toBe(sampleSize({ baseline: 0.3, mde: 0.05, sequential: { tuning: 5000 } }));
    expect(experimentResults(summaries, spec, { now: NOW }).method.kind).toBe('fixed');
    expect(experimentResults(summaries, spec, { now: NOW }).method.en).toBe(
      'fixed-horizon test (read once, at the planned sample), α = 0.05',
    );
  });

  it('reads only checkouts from the start date, and dates the planned sample at the current pace', () => {
    const day = 24 * H;
    const summaries = summarize([
      ...arm('one-page', 500, 100, 10_000, T0 - 10 * day),
      ...arm('one-page', 1000, 300),
      ...arm('multi-step', 1000, 300),
    ]);
    const start = new Date(T0).toISOString().slice(0, 10);
    const r = experimentResults(summaries, { ...spec, startDate: start }, { now: T0 + 3 * day });
    expect(r.startDate).toBe(start);
    expect(r.variants[0]?.sessions).toBe(1000);
    expect(experimentResults(summaries, spec, { now: T0 + 3 * day }).variants[0]?.sessions).toBe(1500);
    // 2,000 decided checkouts over (3 days − 24 h window) since the start, less T0's hours into its day.
    const days = (T0 + 2 * day - Date.parse(`${start}T00:00:00Z`)) / day;
    expect(r.plan.perDay).toBeCloseTo(2000 / Math.max(days, 1), 9);
    const perDay = r.plan.perDay ?? 0;
    const more = r.plan.more ?? 0;
    expect(more).toBe(2 * (sampleSize({ baseline: 0.3, mde: 0.05 }) - 1000));
    expect(r.plan.expectedDate).toBe(
      new Date(T0 + 3 * day + Math.ceil(more / perDay) * day).toISOString().slice(0, 10),
    );
  });

  it('shows the payment failure rate per variant and its change against the control as a guardrail', () => {
    /** `failed` of the checkouts in a variation had one failed BLIK payment before their purchase. */
    const failures = (variation: string, failed: number) =>
      Array.from({ length: failed }, (_, i) =>
        event('payment_failed', { payment_type: 'blik', reason: 'blik_code_rejected' }, T0 + 1, {
          checkoutId: `${variation}-${T0}-${i}`,
          experiments: { 'checkout-layout': variation },
        }),
      );
    const summaries = summarize([
      ...arm('one-page', 1000, 300),
      ...arm('multi-step', 1000, 300),
      ...failures('one-page', 30),
      ...failures('multi-step', 90),
    ]);
    const r = experimentResults(summaries, spec, { now: NOW });
    // One-page: 300 purchases + 30 failures = 330 attempts; multi-step 300 + 90 = 390.
    expect(r.variants[0]?.payments).toEqual({ attempts: 330, failures: 30, rate: 30 / 330 });
    expect(r.variants[1]?.payments).toEqual({ attempts: 390, failures: 90, rate: 90 / 390 });
    const guard = r.variants[1]?.guardrails?.paymentFailure;
    expect(guard).toEqual(
      compareProportions({ control: { n: 330, conversions: 30 }, treatment: { n: 390, conversions: 90 } }),
    );
    expect(guard?.effect).toBeGreaterThan(1);
    expect(guard?.pValue).toBeLessThan(0.05);
  });

  it('changes the phase fingerprint with weights, variations or coverage', () => {
    const base = phaseOf(spec);
    expect(phaseOf({ ...spec, weights: [1, 1] })).toBe(base);
    expect(phaseOf({ ...spec, weights: [0.3, 0.7] })).not.toBe(base);
    expect(phaseOf({ ...spec, coverage: 0.5 })).not.toBe(base);
    expect(phaseOf({ ...spec, variations: ['one-page', 'two-step'] })).not.toBe(base);
  });

  it('warns in plain words when the traffic split does not match the weights', () => {
    const r = experimentResults(
      summarize([...arm('one-page', 600, 180), ...arm('multi-step', 400, 120)]),
      spec,
      { now: NOW },
    );
    expect(r.srm.mismatch).toBe(true);
    expect(r.verdict.kind).toBe('srm');
    expect(r.srmWarning?.en).toMatch(
      /^The traffic split does not match the settings: expected one-page 50.0% \/ multi-step 50.0%, got one-page 60.0% \/ multi-step 40.0% \(p < 0.0001\)\./,
    );
    expect(r.srmWarning?.pl).toContain(
      'oczekiwano one-page 50,0% / multi-step 50,0%, jest one-page 60,0% / multi-step 40,0%',
    );
    const weighted = experimentResults(
      summarize([...arm('one-page', 600, 180), ...arm('multi-step', 400, 120)]),
      { ...spec, weights: [0.6, 0.4] },
      { now: NOW },
    );
    expect(weighted.srm.mismatch).toBe(false);
    expect(weighted.srmWarning).toBeNull();
  });

  it('passes sequential testing through to the comparisons', () => {
    const summaries = summarize([...arm('one-page', 1000, 300), ...arm('multi-step', 1000, 345)]);
    const r = experimentResults(summaries, { ...spec, sequential: { tuning: 2000 } }, { now: NOW });
    const expected = compareProportions(
      { control: { n: 1000, conversions: 300 }, treatment: { n: 1000, conversions: 345 } },
      { sequential: { tuning: 2000 } },
    );
    expect(r.variants[1]?.conversion).toEqual(expected);
    expect(expected.pValue).toBeGreaterThan(
      compareProportions({ control: { n: 1000, conversions: 300 }, treatment: { n: 1000, conversions: 345 } })
        .pValue,
    );
  });

  it('says there is not enough data before both arms have conversions', () => {
    const r = experimentResults(summarize(arm('one-page', 3, 0)), spec, { now: NOW });
    expect(r.verdict.en).toBe('not enough data yet to estimate how many more checkouts are needed');
    expect(() => experimentResults([], { key: 'x', variations: ['a'] }, { now: NOW })).toThrow(RangeError);
  });
});
