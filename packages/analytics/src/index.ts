/**
 * @kasa/analytics: pure checkout analytics. Events fold into one {@link CheckoutSummary} per checkout
 * ({@link applyEvent}); metrics, funnels, field drop-off, experiment results, channel reports and OKR
 * progress are computed from a few {@link Aggregates} of summaries (in memory or in an event store),
 * with time passed in (`now`), never read from the clock.
 *
 * @example
 * import { dashboardReport, summarize, summaryAggregates } from '@kasa/analytics';
 * const summaries = summarize(events);
 * const report = await dashboardReport(summaryAggregates(summaries), { now, okr, experiments, costs });
 */
export type {
  Aggregates,
  Cell,
  CellDimension,
  CellQuery,
  Cells,
  FieldErrorTally,
  PaymentTally,
  PaymentTallyQuery,
} from './aggregates.ts';
export { median, summaryAggregates, tallyPayments, UNKNOWN } from './aggregates.ts';
export type { ChannelCostRow, NotComparable } from './channels.ts';
export type { CostRow } from './costs.ts';
export { COSTS_HEADER, parseCostsCsv } from './costs.ts';
export type { PaymentFailureRow } from './definitions.ts';
export type {
  AnalysisMethod,
  ExperimentPlan,
  ExperimentResults,
  Guardrails,
  VariantResult,
} from './experiments.ts';
export { analysisMethod, phaseOf } from './experiments.ts';
export type { FieldReport } from './fields.ts';
export type { Filters, MetricOptions, Rate } from './filters.ts';
export { DAY_MS, DEFAULT_WINDOW_MS, HOUR_MS } from './filters.ts';
export type { Locale } from './format.ts';
export { formatCount, formatDecimal, polishPlural, roughly } from './format.ts';
export type { CartFunnel, FunnelGroup, FunnelRow } from './funnel.ts';
export type { Comparison, Period, PeriodComparison } from './headline.ts';
export { krPeriodText, lastIncludedDay } from './kr-period.ts';
export type { OkrConfig, OkrIssueCode, TrendPoint } from './okr.ts';
export { KR_METRICS, KR_MIN_SAMPLE, OKR_ISSUE_MESSAGES, okrIssueCode, okrSchema } from './okr.ts';
export type { Random } from './random.ts';
export { between, seededRandom } from './random.ts';
export type { ReportExperiment, ReportInput } from './report.ts';
export { dashboardReport } from './report.ts';
export type { DashboardReport, InitiativeCard, KrCard, KrStatus } from './report-types.ts';
export { shopperFactory } from './shopper.ts';
export { simulateCheckout, simulateCheckouts } from './simulate.ts';
export type { SimulationInput } from './simulate-config.ts';
export { resolveSimulation } from './simulate-config.ts';
export { applyEvent, summarize } from './summary.ts';
export type { TrackedLink, Tracker } from './trackers.ts';
export { trackerOf } from './trackers.ts';
export type { CheckoutSummary } from './types.ts';
export { leaveField, sectionRank } from './types.ts';
