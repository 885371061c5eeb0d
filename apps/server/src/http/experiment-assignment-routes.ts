import { ID_PATTERN, KasaError } from '@kasa/core';
import { assignVariation, EXPERIMENT_TEMPLATES, type Experiment, templateOf } from '@kasa/experiments';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ApiRouteDoc } from './openapi.ts';
import { langParam, readQuery } from './request.ts';

/**
 * Shopify mode A's cart page asks here whether to offer Kasa's step at all: the `shopify-step`
 * experiment (Kasa's step against going straight to Shopify's checkout) is decided before any Kasa
 * checkout exists, by the cart block's loader. Public like the widget's routes: no token, nothing
 * personal in or out; the unit is the shopper's consented visitor id (`kasa_vid`).
 */
export const ASSIGNMENT_PATH = '/api/experiments/assignment';

export const assignmentQuerySchema = z.strictObject({
  /** Kasa's shop id, as the block's settings have it. */
  shop: z.string().regex(ID_PATTERN, 'shop must be Kasa’s shop id'),
  /** The consented visitor id; without it (no consent) nobody is enrolled. */
  visitor: z.string().regex(ID_PATTERN, 'visitor must be a Kasa visitor id').optional(),
  lang: langParam,
});

const STEP_VARIATIONS = EXPERIMENT_TEMPLATES['shopify-step'];

export const assignmentAnswerSchema = z.object({
  /** The running or shipped shopify-step experiment's key; null when there is none. */
  experiment: z.string().nullable(),
  /** What the cart page offers: Kasa's step, or only the shop's own checkout button. */
  variation: z.enum(STEP_VARIATIONS),
  /** The visitor counts in the experiment: the page writes the arm into the cart's attributes. */
  inExperiment: z.boolean(),
});
export type Assignment = z.infer<typeof assignmentAnswerSchema>;

/**
 * What a cart page offers a visitor: with no shopify-step experiment running or shipped, Kasa's
 * step for everyone (as before the experiment); while one runs, the visitor's arm when enrolled, else
 * the control (the shop's own checkout: without consent there is no unit to keep an arm stable);
 * once shipped, the winner for everyone, enrolling nobody.
 *
 * @example
 * assignmentFor([], 'vis_1'); // { experiment: null, variation: 'kasa-step', inExperiment: false }
 * assignmentFor([running], undefined); // { experiment: 'shopify-step', variation: 'shopify-checkout', inExperiment: false }
 */
export function assignmentFor(experiments: readonly Experiment[], visitor: string | undefined): Assignment {
  const experiment = experiments.find(
    (e) => templateOf(e) === 'shopify-step' && (e.status === 'running' || e.status === 'shipped'),
  );
  if (!experiment) return { experiment: null, variation: 'kasa-step', inExperiment: false };
  const { variation, inExperiment } = assignVariation(experiment, visitor ?? '');
  return {
    experiment: experiment.key,
    variation: variation === 'kasa-step' ? 'kasa-step' : 'shopify-checkout',
    inExperiment,
  };
}

/**
 * `GET /api/experiments/assignment?shop=…&visitor=…`. CORS comes from the app's origin policy
 * (the shop's origins in `allowedOrigins`), as for the other routes a shop page calls.
 *
 * @example mountExperimentAssignment(app, { shopId: 'demo', experiments: registry.list });
 */
export function mountExperimentAssignment(
  app: Hono,
  deps: { readonly shopId: string; readonly experiments: () => readonly Experiment[] },
) {
  app.get(ASSIGNMENT_PATH, (c) => {
    const query = readQuery(c, assignmentQuerySchema);
    if (query.shop !== deps.shopId) throw new KasaError('not_found');
    // The answer depends on the visitor and on the experiment's state, which the merchant changes.
    c.header('Cache-Control', 'no-store');
    return c.json(assignmentFor(deps.experiments(), query.visitor));
  });
}

export const assignmentRouteDocs: readonly ApiRouteDoc[] = [
  {
    method: 'get',
    path: ASSIGNMENT_PATH,
    summary:
      "Shopify mode A's cart page: whether to offer Kasa's step or only the shop's own checkout (the shopify-step experiment), for the consented visitor id if any",
    query: assignmentQuerySchema,
    success: { status: 200, description: 'The variation to offer', schema: assignmentAnswerSchema },
  },
];
