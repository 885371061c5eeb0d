/**
 * @kasa/experiments: A/B testing for checkout (one-page vs multi-step) with pure functions only.
 * {@link assignVariation} buckets a unit as GrowthBook's SDKs do for an {@link experimentSchema}
 * config; {@link compareProportions}, {@link compareMeans} and {@link srm} read the results with
 * gbstats' definitions, {@link remainingToDecision} plans how long is left.
 *
 * @example
 * import { assignVariation, compareProportions, experimentSchema } from '@kasa/experiments';
 * const experiment = experimentSchema.parse(config);
 * const { variation, inExperiment } = assignVariation(experiment, shopperId);
 * const result = compareProportions({ control: { n: 20000, conversions: 6000 }, treatment: { n: 20000, conversions: 6300 } });
 */
export type { Comparison } from './compare.ts';
export { compareMeans, compareProportions } from './compare.ts';
export type { Experiment, ExperimentConfig } from './experiment.ts';
export { assignVariation, experimentSchema } from './experiment.ts';
export type { Remaining } from './power.ts';
export { remainingToDecision, sampleSize } from './power.ts';
export type { SrmResult } from './srm.ts';
export { srm } from './srm.ts';
export type { ExperimentTemplate } from './templates.ts';
export { EXPERIMENT_TEMPLATES, TEMPLATE_KEYS, templateOf } from './templates.ts';
