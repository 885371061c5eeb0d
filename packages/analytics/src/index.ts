/**
 * @kasa/analytics: pure checkout analytics. Events fold into one {@link CheckoutSummary} per checkout
 * ({@link applyEvent}); metrics, funnels, field drop-off, experiment results, channel reports and OKR
 * progress are computed from a few {@link Aggregates} of summaries (in memory or in an event store),
 * with time passed in (`now`), never read from the clock.
 *
 * @example
 * import { checkoutAbandonmentRate, dashboardReport, summarize, summaryAggregates } from '@kasa/analytics';
 * const summaries = summarize(events);
 * checkoutAbandonmentRate(summaries, { now }).rate; // 0.64
 * const report = await dashboardReport(summaryAggregates(summaries), { now, okr, experiments, costs });
 */
export type {
  Aggregates,
  Answer,
  Cell,
  CellDimension,
  CellKey,
  CellQuery,
  Cells,
  FieldErrorTally,
  PaymentTally,
} from './aggregates.ts';
export {
  allAnswers,
  cellsOf,
  fieldErrorsOf,
  mapAnswer,
  median,
  paymentTalliesOf,
  summaryAggregates,
  tallyPayments,
  UNKNOWN,
} from './aggregates.ts';
export type { ChannelCostRow, ChannelRow } from './channels.ts';
export { channelQuery, channelReport, channelRowsFromCells, joinCosts } from './channels.ts';
export type { CostRow } from './costs.ts';
export { COSTS_HEADER, parseCostsCsv, parseZloty } from './costs.ts';
export type { PaymentFailureRow, PaymentFailureRows } from './definitions.ts';
export {
  abandonmentFromCells,
  CARTS,
  CHECKOUTS,
  cartAbandonmentRate,
  checkoutAbandonmentRate,
  checkoutConversionRate,
  conversionFromCells,
  medianTimeToPurchase,
  paymentFailureRates,
  paymentFailureRowsFrom,
} from './definitions.ts';
export type { ExperimentResults, ExperimentSpec, VariantResult } from './experiments.ts';
export { experimentFromCells, experimentQuery, experimentResults } from './experiments.ts';
export type { FieldErrorRow, FieldReport, LastFieldRow } from './fields.ts';
export { fieldDropOff, fieldReportFrom, LEAVE_FIELD_QUERY } from './fields.ts';
export type { Decided, Filters, MetricOptions, Rate } from './filters.ts';
export {
  applyFilters,
  converted,
  convertedWithin,
  DAY_MS,
  DEFAULT_WINDOW_MS,
  decidedCheckouts,
  HOUR_MS,
  withinRange,
} from './filters.ts';
export type { Locale, Text } from './format.ts';
export { formatCount, formatDecimal, formatPercent, polishPlural, roughly } from './format.ts';
export type { FunnelGroup, FunnelOptions, FunnelRow } from './funnel.ts';
export { funnel, funnelFromCells, funnelQuery, STEPS } from './funnel.ts';
export type { CellTotals, GroupDimension, GroupKey } from './group.ts';
export { groupCells, sumCells } from './group.ts';
export type { LinkedExperiment } from './kr-cards.ts';
export { DAILY_TREND_MAX_MS, initiativeCards, krCard, readKeyResult } from './kr-cards.ts';
export type {
  Ice,
  Initiative,
  KeyResult,
  KrMetric,
  Objective,
  OkrConfig,
  TrendOptions,
  TrendPoint,
} from './okr.ts';
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
  readKrTrend,
  readMetric,
} from './okr.ts';
export type { Random } from './random.ts';
export { between, pickWeighted, seededRandom, standardNormal } from './random.ts';
export type { ReportExperiment, ReportInput } from './report.ts';
export { dashboardReport, simulatedShare } from './report.ts';
export type { DashboardReport, InitiativeCard, KrCard } from './report-types.ts';
export { type Shopper, shopperFactory } from './shopper.ts';
export { type CheckoutSetting, simulateCheckout, simulateCheckouts } from './simulate.ts';
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
export { DIRECT, emptySummary, LAYOUT_EXPERIMENT, leaveField, SECTION_ORDER, sectionRank } from './types.ts';
export type { Verdict, VerdictKind } from './verdict.ts';
export { srmWarning, verdict } from './verdict.ts';
