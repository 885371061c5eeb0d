/**
 * @kasa/analytics: pure checkout analytics. Events fold into one {@link CheckoutSummary} per checkout
 * ({@link applyEvent}); metrics, funnels, field drop-off, experiment results, channel reports and OKR
 * progress are computed from summaries, with time passed in (`now`), never read from the clock.
 *
 * @example
 * import { checkoutAbandonmentRate, experimentResults, summarize } from '@kasa/analytics';
 * const summaries = summarize(events);
 * checkoutAbandonmentRate(summaries, { now }).rate; // 0.64
 * experimentResults(summaries, { key: 'checkout-layout', variations: ['one-page', 'multi-step'] }, { now }).verdict.pl;
 */
export type { ChannelCostRow, ChannelRow } from './channels.ts';
export { channelReport, joinCosts } from './channels.ts';
export type { CostRow } from './costs.ts';
export { COSTS_HEADER, parseCostsCsv, parseZloty } from './costs.ts';
export type { PaymentFailureRow } from './definitions.ts';
export {
  cartAbandonmentRate,
  checkoutAbandonmentRate,
  checkoutConversionRate,
  median,
  medianTimeToPurchase,
  paymentFailureRates,
} from './definitions.ts';
export type { ExperimentResults, ExperimentSpec, VariantResult } from './experiments.ts';
export { experimentResults } from './experiments.ts';
export type { FieldErrorRow, FieldReport, LastFieldRow } from './fields.ts';
export { fieldDropOff, leaveField } from './fields.ts';
export type { Decided, Filters, MetricOptions, Rate } from './filters.ts';
export {
  applyFilters,
  converted,
  convertedWithin,
  DAY_MS,
  DEFAULT_WINDOW_MS,
  decidedCheckouts,
  HOUR_MS,
} from './filters.ts';
export type { Locale, Text } from './format.ts';
export { formatCount, formatPercent, polishPlural, roughly } from './format.ts';
export type { FunnelGroup, FunnelOptions, FunnelRow } from './funnel.ts';
export { funnel, STEPS } from './funnel.ts';
export type { GroupDimension, GroupKey } from './group.ts';
export { dimensionValue, groupSummaries, UNKNOWN } from './group.ts';
export type { Ice, Initiative, KeyResult, KrMetric, Objective, OkrConfig, TrendPoint } from './okr.ts';
export {
  backlog,
  iceSchema,
  iceScore,
  initiativeSchema,
  KR_METRICS,
  keyResultSchema,
  krProgress,
  krTrend,
  metricValue,
  objectiveSchema,
  okrSchema,
} from './okr.ts';
export type { Random } from './random.ts';
export { pickWeighted, seededRandom, standardNormal } from './random.ts';
export { simulateCheckouts } from './simulate.ts';
export type {
  ChannelShare,
  FormSection,
  LayoutBehaviour,
  SimulationConfig,
  SimulationInput,
} from './simulate-config.ts';
export { DEFAULT_BEHAVIOUR, DEFAULT_SIMULATION, resolveSimulation } from './simulate-config.ts';
export { applyEvent, summarize } from './summary.ts';
export type {
  Channel,
  CheckoutSummary,
  Device,
  PaymentFailure,
  ProgressSection,
  Stamp,
  StampKey,
} from './types.ts';
export { DIRECT, emptySummary, LAYOUT_EXPERIMENT, SECTION_ORDER, sectionRank } from './types.ts';
export type { Verdict, VerdictKind } from './verdict.ts';
export { srmWarning, verdict } from './verdict.ts';
