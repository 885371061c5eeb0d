/**
 * The experiments a merchant can start from the dashboard: each compares real options of the widget,
 * and is recognised by its variation names (control first), whatever the experiment's key.
 */
import type { Experiment } from './experiment.ts';

/** Template keys with their variations, control first. */
export const EXPERIMENT_TEMPLATES = {
  'checkout-layout': ['one-page', 'multi-step'],
  'payment-order': ['blik-first', 'blik-among-others'],
  'delivery-order': ['locker-first', 'courier-first'],
  /**
   * Shopify mode A: the shop's own checkout button (the shop as it is) against Kasa's step on the
   * cart page, assigned there by the cart block's loader (GET /api/experiments/assignment).
   */
  'shopify-step': ['shopify-checkout', 'kasa-step'],
} as const satisfies Record<string, readonly [string, string]>;

export type ExperimentTemplate = keyof typeof EXPERIMENT_TEMPLATES;

/** The template keys, in the order the dashboard offers them. */
export const TEMPLATE_KEYS = Object.keys(EXPERIMENT_TEMPLATES) as ExperimentTemplate[];

/**
 * Which template an experiment follows: the one with exactly its variations in the same order, else
 * null (an experiment written in the configuration by hand).
 *
 * @example
 * templateOf({ variations: ['blik-first', 'blik-among-others'] }); // 'payment-order'
 * templateOf({ variations: ['a', 'b'] }); // null
 */
export function templateOf(experiment: Pick<Experiment, 'variations'>): ExperimentTemplate | null {
  const { variations } = experiment;
  for (const key of TEMPLATE_KEYS) {
    const names: readonly string[] = EXPERIMENT_TEMPLATES[key];
    if (names.length === variations.length && names.every((name, i) => variations[i] === name)) return key;
  }
  return null;
}
