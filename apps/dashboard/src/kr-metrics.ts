/**
 * The metrics a key result can measure, for the OKR editor's select. The list is @kasa/analytics'
 * KR_METRICS written out again because importing the value would bundle zod with the schema (25 kB
 * gzip); the type rejects a name the schema does not know, and kr-metrics.test.ts fails when the
 * schema gains a metric this list lacks.
 */
import type { KR_METRICS } from '@kasa/analytics';

export const KR_METRIC_CHOICES: readonly (typeof KR_METRICS)[number][] = [
  'checkout_abandonment',
  'cart_abandonment',
  'checkout_conversion',
  'median_time_to_purchase',
  'payment_failure_rate',
  'blik_failure_rate',
];
