import { createHash } from 'node:crypto';
import { VISITOR_DIGEST_LENGTH, VISITOR_DIGEST_PREFIX } from '@kasa/core';
import { assignVariation, type Experiment } from '@kasa/experiments';
import { z } from 'zod';

export const LAYOUT_EXPERIMENT = 'checkout-layout';
const layoutSchema = z.enum(['one-page', 'multi-step']);
export type Layout = z.infer<typeof layoutSchema>;

/** The layout a checkout is shown in and, when it is enrolled, its experiment arm. */
export const layoutAssignmentSchema = z.object({
  layout: layoutSchema,
  experiment: z.object({ key: z.string(), variation: layoutSchema }).optional(),
});
export type LayoutAssignment = z.infer<typeof layoutAssignmentSchema>;

const isLayout = (value: string): value is Layout => layoutSchema.safeParse(value).success;

/**
 * The visitor id a checkout stands for when the shop passed none: a digest of the checkout id (see
 * VISITOR_DIGEST_PREFIX in @kasa/core), which the tracker adopts if the shopper consents.
 *
 * @example checkoutVisitorId('chk_first'); // 22 base64url characters
 */
export const checkoutVisitorId = (checkoutId: string): string =>
  createHash('sha256')
    .update(`${VISITOR_DIGEST_PREFIX}${checkoutId}`)
    .digest('base64url')
    .slice(0, VISITOR_DIGEST_LENGTH);

/**
 * The layout for a unit: the running layout experiment's variation, or one-page when no experiment
 * runs. The unit is the consented visitor id when the shop passed one, else the checkout's own
 * (`checkoutVisitorId`): per checkout, and the id the tracker then keeps for the visitor.
 * `experiment` is set only when the unit is enrolled, so only enrolled checkouts report an exposure.
 */
export function layoutFor(experiments: readonly Experiment[], unitId: string): LayoutAssignment {
  const experiment = experiments.find((candidate) => candidate.key === LAYOUT_EXPERIMENT);
  if (!experiment) return { layout: 'one-page' };
  const assignment = assignVariation(experiment, unitId);
  const layout = isLayout(assignment.variation) ? assignment.variation : 'one-page';
  return assignment.inExperiment
    ? { layout, experiment: { key: experiment.key, variation: layout } }
    : { layout };
}
