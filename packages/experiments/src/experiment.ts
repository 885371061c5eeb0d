/**
 * Experiment configuration (validated with zod at the edge) and assignment of a unit to a variation.
 */
import { z } from 'zod';
import { chooseVariation, getBucketRanges, getEqualWeights, hash, inNamespace } from './hash.ts';

const unitShare = (field: string) =>
  z
    .number(`${field} must be a number between 0 and 1`)
    .min(0, `${field} must be at least 0`)
    .max(1, `${field} must be at most 1`);

/**
 * An experiment as configured by the merchant, e.g. one-page vs multi-step checkout. Parse config with
 * it; the output always carries weights that sum to 1.
 *
 * - `key` is also the hash seed: renaming a running experiment reshuffles every unit.
 * - `variations`: names, control first.
 * - `weights`: traffic split on any scale ([1, 1], [50, 50], [0.5, 0.5]); default equal. Weights that
 *   already sum to 1 within GrowthBook's ±0.01 are kept verbatim so assignments match GrowthBook's SDKs
 *   exactly; others are rescaled to sum to 1.
 * - `coverage`: share of traffic enrolled, 0–1 (default 1). `hashVersion`: 2 (default) or legacy 1.
 * - `kr`: the key result the experiment serves. `namespace`: `[name, start, end)` slice shared with
 *   other experiments so they get disjoint traffic.
 * - `alpha` (default 0.05) and `sequential` (`{ tuning }`, on by default; `false` for a fixed-horizon
 *   test read once): how its results are read.
 * - `mde` (relative, default 0.05) and `power` (default 0.8): what the experiment is planned to detect;
 *   the sample needed and "N more" come from them, never from the observed effect.
 * - `status`: draft, running, stopped (everyone gets the control) or shipped (everyone gets `shipped`,
 *   the winner made the layout of all).
 * - `startDate`: the start of the current phase (`phase`, 1 when absent). Only checkouts from that day (UTC) are analysed; when
 *   weights, variations or coverage change, set it to the day of the change so the new phase is read
 *   apart (the report's `phase` fingerprint changes with them, so a stale start shows).
 *
 * @example
 * const experiment = experimentSchema.parse({
 *   key: 'checkout-layout',
 *   variations: ['one-page', 'multi-step'],
 *   status: 'running',
 *   startDate: '2025-03-01',
 *   kr: 'checkout-conversion',
 * }); // weights [0.5, 0.5], coverage 1, hashVersion 2
 */
export const experimentSchema = z
  .object({
    key: z.string().trim().min(1, 'key must be a non-empty string such as "checkout-layout"'),
    variations: z
      .array(z.string().trim().min(1, 'variation names must be non-empty'))
      .min(2, 'list at least two variations, control first, e.g. ["one-page", "multi-step"]'),
    weights: z.array(z.number().nonnegative('weights must be 0 or more')).optional(),
    coverage: unitShare('coverage').default(1),
    hashVersion: z
      .union([z.literal(1), z.literal(2)], 'hashVersion must be 2 (recommended) or 1 (legacy)')
      .default(2),
    status: z.enum(
      ['draft', 'running', 'stopped', 'shipped'],
      'status must be "draft", "running", "stopped" or "shipped"',
    ),
    /** The variation everyone gets once the experiment is shipped; present exactly when status is "shipped". */
    shipped: z.string().trim().min(1, 'shipped must name one of the variations').optional(),
    /**
     * The current phase, 1 for the first; a change of weights, variations or coverage (or a restart)
     * starts the next one, read apart from `startDate`. Absent is read as 1.
     */
    phase: z.number().int('phase must be a whole number').positive('phase must be 1 or more').optional(),
    startDate: z.iso.date('startDate must be a date such as "2025-03-01"'),
    kr: z
      .string()
      .trim()
      .min(1, 'kr must name the key result this experiment serves, e.g. "checkout-conversion"'),
    namespace: z
      .tuple([
        z.string().trim().min(1, 'namespace name must be non-empty'),
        unitShare('namespace start'),
        unitShare('namespace end'),
      ])
      .optional(),
    /** Two-sided significance level of the analysis, default 0.05. */
    alpha: z
      .number('alpha must be a number such as 0.05')
      .gt(0, 'alpha must be above 0')
      .lt(0.5, 'alpha must be below 0.5')
      .default(0.05),
    /**
     * Always-valid (sequential) analysis, the default when absent (tuning 5000, see `@kasa/analytics`
     * analysisMethod), so a merchant who looks every day is not misled; `tuning` is the two-arm total the
     * intervals are tightest at (GrowthBook's default 5000). `false` reads a fixed-horizon test, valid
     * only when read once at the planned sample. Left absent rather than defaulted here so configs
     * written before keep their shape; the reader applies the default.
     */
    sequential: z
      .union(
        [
          z.literal(false),
          z.strictObject({
            tuning: z.number().int().positive('tuning must be a positive whole number').default(5000),
          }),
        ],
        'sequential must be false or { "tuning": 5000 }',
      )
      .optional(),
    /** Minimum detectable effect relative to the control's conversion rate (default 0.05 when read). */
    mde: z
      .number('mde must be a number such as 0.05 for a 5% relative change')
      .gt(0, 'mde must be above 0, e.g. 0.05 for 5%')
      .lt(1, 'mde must be below 1 (100%), e.g. 0.05 for 5%')
      .optional(),
    /** Chance of detecting a true effect of size `mde` (default 0.8 when read). */
    power: z
      .number('power must be a number such as 0.8')
      .gt(0.5, 'power must be above 0.5, e.g. 0.8')
      .lt(1, 'power must be below 1, e.g. 0.8')
      .optional(),
  })
  .refine((e) => new Set(e.variations).size === e.variations.length, {
    path: ['variations'],
    message: 'variation names must be unique',
  })
  .refine((e) => e.weights === undefined || e.weights.length === e.variations.length, {
    path: ['weights'],
    message: 'give exactly one weight per variation, or leave weights out for an equal split',
  })
  .refine((e) => e.weights === undefined || e.weights.some((w) => w > 0), {
    path: ['weights'],
    message: 'at least one weight must be above 0',
  })
  .refine((e) => (e.status === 'shipped') === (e.shipped !== undefined), {
    path: ['shipped'],
    message: 'name the shipped variation exactly when status is "shipped", e.g. "shipped": "one-page"',
  })
  .refine((e) => e.shipped === undefined || e.variations.includes(e.shipped), {
    path: ['shipped'],
    message: 'shipped must be one of the variations',
  })
  .refine((e) => e.namespace === undefined || e.namespace[1] < e.namespace[2], {
    path: ['namespace'],
    message: 'namespace start must be below its end, e.g. ["checkout", 0, 0.5]',
  })
  .transform((e) => ({ ...e, weights: normaliseWeights(e.weights ?? getEqualWeights(e.variations.length)) }));

function normaliseWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  // Inside GrowthBook's tolerance the SDKs use weights verbatim; rescaling would move range ends by an
  // ulp and could flip a unit whose 4-decimal hash sits exactly on a boundary.
  if (total >= 0.99 && total <= 1.01) return [...weights];
  return weights.map((w) => w / total);
}

/** A parsed experiment (weights always present and summing to 1). */
export type Experiment = z.output<typeof experimentSchema>;
/** Experiment configuration as written by the merchant, before defaults. */
export type ExperimentConfig = z.input<typeof experimentSchema>;

export interface Assignment {
  /**
   * Variation to serve; the shipped one for everyone once shipped, else the control (first variation)
   * whenever the unit is not in the experiment.
   */
  readonly variation: string;
  readonly index: number;
  /** Whether the unit is enrolled and its outcome belongs in the analysis. */
  readonly inExperiment: boolean;
  /** The unit's hash in [0, 1) (GrowthBook calls it the bucket); null for an empty unit id. */
  readonly hashValue: number | null;
}

/**
 * Assigns a unit (e.g. a stable anonymous shopper id) to a variation, as GrowthBook's SDKs would for the
 * same key, weights, coverage, namespace and hash version. Units are only enrolled while the experiment
 * is running and when they fall inside the namespace and coverage; everyone else gets the control, or
 * the shipped variation once the experiment is shipped (never enrolled: it is no longer a test).
 *
 * @example
 * assignVariation(experiment, 'anon-3f9c2a'); // { variation: 'multi-step', index: 1, inExperiment: true, hashValue: 0.9785 }
 */
export function assignVariation(experiment: Experiment, unitId: string): Assignment {
  const { key, variations, weights, coverage, hashVersion, namespace, status, shipped } = experiment;
  const hashValue = unitId === '' ? null : hash(key, unitId, hashVersion);
  const shippedIndex = status === 'shipped' && shipped !== undefined ? variations.indexOf(shipped) : -1;
  const servedIndex = Math.max(shippedIndex, 0);
  const notEnrolled: Assignment = {
    variation: variations[servedIndex] ?? '',
    index: servedIndex,
    inExperiment: false,
    hashValue,
  };
  if (status !== 'running' || hashValue === null) return notEnrolled;
  if (namespace && !inNamespace(unitId, namespace)) return notEnrolled;
  const index = chooseVariation(hashValue, getBucketRanges(variations.length, coverage, weights));
  const variation = variations[index];
  if (variation === undefined) return notEnrolled;
  return { variation, index, inExperiment: true, hashValue };
}
