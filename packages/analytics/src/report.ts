/**
 * The dashboard report: every section of {@link DashboardReport} from a few aggregate queries, so one
 * function serves summaries in memory (`summaryAggregates`) and an event store over a million checkouts.
 */
import type { Aggregates, Cells } from './aggregates.ts';
import { type CostScope, channelQuery, channelRowsFromCells, joinCosts } from './channels.ts';
import type { CostRow } from './costs.ts';
import {
  abandonmentFromCells,
  CHECKOUTS,
  conversionFromCells,
  paymentFailureRowsFrom,
} from './definitions.ts';
import {
  type ExperimentSpec,
  experimentFromCells,
  experimentOptions,
  experimentQuery,
} from './experiments.ts';
import { fieldReportFrom, LEAVE_FIELD_QUERY } from './fields.ts';
import { DEFAULT_WINDOW_MS, type Filters, type MetricOptions } from './filters.ts';
import { CART_FUNNEL_QUERY, cartFunnelFromCells, funnelFromCells, funnelQuery } from './funnel.ts';
import { sumCells } from './group.ts';
import { periodComparison, previousPeriod } from './headline.ts';
import { krCard, type LinkedExperiment, readKeyResult } from './kr-cards.ts';
import type { OkrConfig } from './okr-schema.ts';
import type { DashboardReport } from './report-types.ts';

/** An experiment as configured: what its results need, and its status for the initiative cards. */
export interface ReportExperiment extends ExperimentSpec {
  /** 'draft' | 'running' | 'stopped'. */
  readonly status: string;
}

export interface ReportInput {
  /** The time to evaluate at (epoch ms). */
  readonly now: number;
  /** Default 24 h. */
  readonly windowMs?: number;
  /** Applied to every section; key results are measured over their period within them. */
  readonly filters?: Filters;
  readonly okr: OkrConfig;
  /** One result each in the report. */
  readonly experiments: readonly ReportExperiment[];
  /** Joined to the channels; only rows within the filters' dates, source and device count (`costScope`). */
  readonly costs: readonly CostRow[];
}

/**
 * Share of the checkouts in range (decided or pending) that are simulated; 0 without checkouts.
 *
 * @example
 * simulatedShare(await aggregates.cells(CHECKOUTS, options), await aggregates.cells(CHECKOUTS, simulatedOnly)); // 0.25
 */
export function simulatedShare(all: Cells, simulated: Cells): number {
  const total = checkoutCount(all);
  return total ? checkoutCount(simulated) / total : 0;
}

/** Checkouts in the cells, decided or pending. */
const checkoutCount = (c: Cells): number => sumCells(c.cells).checkouts + c.pending;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/**
 * The cost rows the filters keep for the table of one touch: dated within [from, to) (inclusive ISO
 * dates here), of the filtered source and device; and why cost per order and ROAS cannot be read when
 * the filters split a channel in a way costs are not (a layout; a source of the other touch).
 */
export const costScope = (
  { from, to, source, device, variant, touch = 'last' }: Filters,
  table: 'first' | 'last',
): CostScope => ({
  ...(from === undefined ? {} : { from: isoDate(from) }),
  ...(to === undefined ? {} : { to: isoDate(to - 1) }),
  ...(source === undefined ? {} : { source }),
  ...(device === undefined ? {} : { device }),
  ...(variant !== undefined
    ? { notComparable: 'variant' as const }
    : source !== undefined && touch !== table
      ? { notComparable: 'touch' as const }
      : {}),
});

/**
 * The dashboard report from the aggregates: 10 port calls for the sections (9 without a previous period
 * to compare the headline with), two per experiment (its cells and its payment tallies), and per key
 * result 2 (1 + one per trend bucket for
 * median time to purchase and payment failure rate), run concurrently.
 * `await` takes the answers of summaries in memory as they are.
 *
 * @example
 * const report = await dashboardReport(summaryAggregates(summaries), { now, okr, experiments, costs: [] });
 * report.headline.checkoutConversion.rate; // 0.3
 * report.krs[0]?.initiatives[0]?.verdict?.en; // 'multi-step wins with 97% chance'
 */
export async function dashboardReport(
  aggregates: Aggregates<boolean>,
  input: ReportInput,
): Promise<DashboardReport> {
  const { now, okr, costs } = input;
  const windowMs = input.windowMs ?? DEFAULT_WINDOW_MS;
  const filters = input.filters ?? {};
  const options: MetricOptions = { now, windowMs, filters };
  const simulatedOnly = { ...options, filters: { ...filters, simulated: true } };
  const before = previousPeriod(filters, now);
  const [
    carts,
    previous,
    byLayout,
    simulated,
    leave,
    fieldErrors,
    tallies,
    timeToPurchase,
    first,
    last,
    tested,
    krs,
  ] = await Promise.all([
    aggregates.cells(CART_FUNNEL_QUERY, options),
    before ? aggregates.cells(CHECKOUTS, { ...options, filters: { ...filters, ...before } }) : null,
    aggregates.cells(funnelQuery(['layout']), options),
    // Under real-only filters the same call counts the simulated checkouts the view hides.
    aggregates.cells(CHECKOUTS, simulatedOnly),
    aggregates.cells(LEAVE_FIELD_QUERY, options),
    aggregates.fieldErrors(options),
    aggregates.paymentTallies(options),
    aggregates.timeToPurchase(options),
    aggregates.cells(channelQuery('first'), options),
    aggregates.cells(channelQuery('last'), options),
    Promise.all(
      input.experiments.map(async ({ status, ...spec }) => {
        const own = experimentOptions(spec, options);
        const [cells, payments] = await Promise.all([
          aggregates.cells(experimentQuery(spec.key), own),
          aggregates.paymentTallies(own, { experiment: spec.key }),
        ]);
        return { status, results: experimentFromCells(spec, cells, options, payments) };
      }),
    ),
    Promise.all(
      okr.objectives.flatMap((objective) =>
        objective.keyResults.map(async (keyResult) => ({
          objective,
          keyResult,
          values: await readKeyResult(aggregates, keyResult, options),
        })),
      ),
    ),
  ]);
  const linked = new Map<string, LinkedExperiment>(tested.map((t) => [t.results.key, t]));
  const payments = paymentFailureRowsFrom(tallies);
  return {
    now,
    windowMs,
    filters,
    simulatedShare: filters.simulated === false ? 0 : simulatedShare(byLayout, simulated),
    simulatedHidden: filters.simulated === false ? checkoutCount(simulated) : 0,
    headline: {
      cartAbandonment: abandonmentFromCells(carts),
      checkoutAbandonment: abandonmentFromCells(byLayout),
      checkoutConversion: conversionFromCells(byLayout),
      medianTimeToPurchase: timeToPurchase,
      paymentFailure: payments.total,
      period: periodComparison(byLayout, previous, filters, now, before),
    },
    krs: krs.map(({ objective, keyResult, values }) => krCard(objective, keyResult, values, linked)),
    funnel: funnelFromCells(byLayout, ['layout']),
    cartFunnel: cartFunnelFromCells(carts),
    experiments: tested.map((t) => t.results),
    fields: fieldReportFrom(leave, fieldErrors),
    channels: {
      firstTouch: joinCosts(channelRowsFromCells(first), costs, costScope(filters, 'first')),
      lastTouch: joinCosts(channelRowsFromCells(last), costs, costScope(filters, 'last')),
    },
    payments,
  };
}
