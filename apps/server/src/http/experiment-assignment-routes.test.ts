import { type ExperimentConfig, experimentSchema } from '@kasa/experiments';
import { describe, expect, it } from 'vitest';
import { assignmentFor } from './experiment-assignment-routes.ts';

const stepTest = (extra: Partial<ExperimentConfig> = {}) =>
  experimentSchema.parse({
    key: 'koszyk-czy-kasa',
    variations: ['shopify-checkout', 'kasa-step'],
    status: 'running',
    startDate: '2026-11-01',
    kr: 'checkout-conversion',
    ...extra,
  });
const visitors = Array.from({ length: 400 }, (_, i) => `vis_${i.toString(36)}`);

describe("what the cart page offers (the shopify-step experiment's assignment)", () => {
  it("offers Kasa's step to everyone, enrolling nobody, while no shopify-step experiment runs", () => {
    const other = experimentSchema.parse({
      ...stepTest(),
      key: 'layout',
      variations: ['one-page', 'multi-step'],
    });
    for (const experiments of [
      [],
      [other],
      [stepTest({ status: 'stopped' })],
      [stepTest({ status: 'draft' })],
    ]) {
      expect(assignmentFor(experiments, 'vis_1')).toEqual({
        experiment: null,
        variation: 'kasa-step',
        inExperiment: false,
      });
    }
  });

  it('splits consented visitors about half and half, the same way every time', () => {
    const answers = visitors.map((visitor) => assignmentFor([stepTest()], visitor));
    const inStep = answers.filter((a) => a.variation === 'kasa-step').length;
    expect(inStep).toBeGreaterThan(160);
    expect(inStep).toBeLessThan(240);
    expect(answers.every((a) => a.inExperiment && a.experiment === 'koszyk-czy-kasa')).toBe(true);
    expect(visitors.map((visitor) => assignmentFor([stepTest()], visitor))).toEqual(answers);
  });

  it("gives a visitor without consent the shop's own checkout, not enrolled", () => {
    expect(assignmentFor([stepTest()], undefined)).toEqual({
      experiment: 'koszyk-czy-kasa',
      variation: 'shopify-checkout',
      inExperiment: false,
    });
  });

  it('serves a shipped winner to everyone without enrolling anyone', () => {
    const shipped = stepTest({ status: 'shipped', shipped: 'kasa-step' });
    for (const visitor of [...visitors.slice(0, 20), undefined]) {
      expect(assignmentFor([shipped], visitor)).toEqual({
        experiment: 'koszyk-czy-kasa',
        variation: 'kasa-step',
        inExperiment: false,
      });
    }
  });
});
