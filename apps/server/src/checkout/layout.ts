import { assignVariation, type Experiment } from '@kasa/experiments';

export const LAYOUT_EXPERIMENT = 'checkout-layout';
export type Layout = 'one-page' | 'multi-step';

const isLayout = (value: string): value is Layout => value === 'one-page' || value === 'multi-step';

/**
 * The layout a checkout is shown in: the running layout experiment's variation for this unit, or
 * one-page when no experiment runs. The unit is the checkout id on the server-rendered road (the
 * server has no visitor id there); `experiment` is set only when the unit is enrolled, so only
 * enrolled checkouts report an exposure.
 */
export function layoutFor(
  experiments: readonly Experiment[],
  unitId: string,
): { layout: Layout; experiment?: { key: string; variation: Layout } } {
  const experiment = experiments.find((candidate) => candidate.key === LAYOUT_EXPERIMENT);
  if (!experiment) return { layout: 'one-page' };
  const assignment = assignVariation(experiment, unitId);
  const layout = isLayout(assignment.variation) ? assignment.variation : 'one-page';
  return assignment.inExperiment
    ? { layout, experiment: { key: experiment.key, variation: layout } }
    : { layout };
}
