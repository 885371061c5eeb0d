/**
 * @kasa/experiments: A/B testing for checkout (one-page vs multi-step) with pure functions only.
 *
 * - Bucketing identical to GrowthBook's SDKs: {@link hash}, {@link getBucketRanges}, {@link chooseVariation},
 *   {@link inNamespace}, {@link getEqualWeights}; {@link assignVariation} puts them together for an
 *   {@link experimentSchema} config.
 * - Statistics with GrowthBook gbstats' definitions: {@link compareProportions}, {@link compareMeans},
 *   {@link srm}; planning with {@link sampleSize} and {@link remainingToDecision}.
 *
 * @example
 * import { assignVariation, compareProportions, experimentSchema } from '@kasa/experiments';
 * const experiment = experimentSchema.parse(config);
 * const { variation, inExperiment } = assignVariation(experiment, shopperId);
 * const result = compareProportions({ control: { n: 20000, conversions: 6000 }, treatment: { n: 20000, conversions: 6300 } });
 */
export type { CompareOptions, Comparison, MeanArm, ProportionArm } from './compare.ts';
export { COMPARISON_REASONS, compareMeans, compareProportions } from './compare.ts';
export type { Assignment, Experiment, ExperimentConfig } from './experiment.ts';
export { assignVariation, experimentSchema } from './experiment.ts';
export type { BucketRange, Namespace } from './hash.ts';
export { chooseVariation, getBucketRanges, getEqualWeights, hash, inNamespace } from './hash.ts';
export type { Remaining, RemainingInput, SampleSizeInput } from './power.ts';
export { remainingToDecision, sampleSize } from './power.ts';
export type { SrmResult } from './srm.ts';
export { srm } from './srm.ts';
