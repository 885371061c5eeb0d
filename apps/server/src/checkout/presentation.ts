import { createHash } from 'node:crypto';
import { VISITOR_DIGEST_LENGTH, VISITOR_DIGEST_PREFIX } from '@kasa/core';
import {
  assignVariation,
  EXPERIMENT_TEMPLATES,
  type Experiment,
  type ExperimentTemplate,
  templateOf,
} from '@kasa/experiments';
import { z } from 'zod';

/** The widget option each experiment template sets; its variations are the option's choices. */
const OPTION_OF_TEMPLATE = {
  'checkout-layout': 'layout',
  'payment-order': 'paymentOrder',
  'delivery-order': 'deliveryOrder',
  // Decided on the shop's cart page (whether Kasa's step is offered at all), not inside the step.
  'shopify-step': null,
} as const satisfies Record<ExperimentTemplate, string | null>;
type Option = NonNullable<(typeof OPTION_OF_TEMPLATE)[ExperimentTemplate]>;

const layoutSchema = z.enum(EXPERIMENT_TEMPLATES['checkout-layout']);
export type Layout = z.infer<typeof layoutSchema>;

/**
 * How a checkout is shown: its layout, where BLIK stands among the payment methods, which delivery
 * comes first, and the experiment arms it is enrolled in (key → variation), which its exposures,
 * purchase and failed payments count for.
 */
export const presentationSchema = z.object({
  layout: layoutSchema,
  paymentOrder: z.enum(EXPERIMENT_TEMPLATES['payment-order']),
  deliveryOrder: z.enum(EXPERIMENT_TEMPLATES['delivery-order']),
  arms: z.record(z.string(), z.string()),
});
export type Presentation = z.infer<typeof presentationSchema>;

/** What a checkout gets when no experiment sets anything. */
export const DEFAULT_PRESENTATION: Presentation = {
  layout: 'one-page',
  paymentOrder: 'blik-first',
  deliveryOrder: 'locker-first',
  arms: {},
};

/**
 * A checkout's layout as stored before presentations (only the layout experiment existed then):
 * still read, so a checkout shown before keeps its layout and its arm.
 */
export const storedLayoutSchema = z
  .object({
    layout: layoutSchema,
    experiment: z.object({ key: z.string(), variation: z.string() }).optional(),
  })
  .transform(
    ({ layout, experiment }): Presentation => ({
      ...DEFAULT_PRESENTATION,
      layout,
      arms: experiment ? { [experiment.key]: experiment.variation } : {},
    }),
  );

/** The statuses whose experiment decides what checkouts see (a shipped one, for everyone). */
const DECIDING = new Set<Experiment['status']>(['running', 'shipped']);

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
 * How a unit's checkout is shown: each running or shipped experiment of a known template (recognised
 * by its variations, whatever its key) sets its option to the unit's variation; the rest stay at the
 * default. Should two such experiments test one option, the first listed decides it and the other is
 * left out (its arm would count for what the checkout did not show). The unit is the consented
 * visitor id when the shop passed one, else the checkout's own (`checkoutVisitorId`). `arms` holds
 * only the experiments the unit is enrolled in, so only those report an exposure (a shipped
 * experiment enrols nobody).
 *
 * @example
 * // blikTest: key 'blik-test', variations ['blik-first', 'blik-among-others'], running
 * presentationFor([blikTest], 'qZWczDgKttzTQYkkjUav6N');
 * // { layout: 'one-page', paymentOrder: 'blik-among-others', deliveryOrder: 'locker-first',
 * //   arms: { 'blik-test': 'blik-among-others' } }
 */
export function presentationFor(experiments: readonly Experiment[], unitId: string): Presentation {
  const chosen: Partial<Record<Option, string>> = {};
  const arms: Record<string, string> = {};
  for (const experiment of experiments) {
    const template = templateOf(experiment);
    if (template === 'shopify-step') {
      // A step that is shown is the 'kasa-step' arm; the other arm never reaches Kasa's step.
      const { variation, inExperiment } = assignVariation(experiment, unitId);
      if (inExperiment && variation === 'kasa-step') arms[experiment.key] = variation;
      continue;
    }
    const option = template && OPTION_OF_TEMPLATE[template];
    if (!option || chosen[option] || !DECIDING.has(experiment.status)) continue;
    const { variation, inExperiment } = assignVariation(experiment, unitId);
    chosen[option] = variation;
    if (inExperiment) arms[experiment.key] = variation;
  }
  // The variations are the option's choices (templateOf), so this only fails on a bug.
  return presentationSchema.parse({ ...DEFAULT_PRESENTATION, ...chosen, arms });
}
