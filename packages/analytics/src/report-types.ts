/**
 * What the dashboard and `kasa report` show, as one serialisable object: the answer of
 * `GET /api/analytics/report`. Built by `dashboardReport` from {@link Aggregates}.
 */
import type { ChannelCostRow } from './channels.ts';
import type { PaymentFailureRow, PaymentFailureRows } from './definitions.ts';
import type { ExperimentResults } from './experiments.ts';
import type { FieldReport } from './fields.ts';
import type { Filters, Rate } from './filters.ts';
import type { CartFunnel, FunnelGroup } from './funnel.ts';
import type { PeriodComparison } from './headline.ts';
import type { TrendPoint } from './okr.ts';
import type { Ice, KeyResult } from './okr-schema.ts';
import type { Verdict } from './verdict.ts';

export interface InitiativeCard {
  readonly key: string;
  readonly title: string;
  readonly ice: Ice;
  readonly iceScore: number;
  /** The experiment testing it, when one is linked and configured. */
  readonly experiment: string | null;
  /** 'running' | 'stopped' | … from the experiment configuration; null without one. */
  readonly status: string | null;
  /** The experiment's verdict (kind and words) under the report's filters; null without an experiment. */
  readonly verdict: Verdict | null;
}

/**
 * Where a key result stands: 'no-data' without a value; 'not-enough-data' while its period holds
 * fewer than `minSample` units; then 'reached' (progress ≥ 1), 'wrong-way' (< 0) or 'in-progress'.
 */
export type KrStatus = 'no-data' | 'not-enough-data' | 'reached' | 'wrong-way' | 'in-progress';

export interface KrCard {
  readonly objective: { readonly key: string; readonly title: string };
  readonly keyResult: KeyResult;
  /** The metric over the KR's period (decided checkouts only); null with nothing to measure. */
  readonly current: number | null;
  /** (current − baseline) / (target − baseline); null without a current value. */
  readonly progress: number | null;
  /**
   * The units `current` is computed over: decided checkouts (abandonment, conversion), decided carts
   * (cart abandonment), purchases (median time to purchase), payment attempts (payment failure rate)
   * or BLIK payment attempts (BLIK failure rate).
   */
  readonly sample: number;
  /** The sample needed before the card is judged (KR_MIN_SAMPLE). */
  readonly minSample: number;
  readonly status: KrStatus;
  readonly trend: readonly TrendPoint[];
  /**
   * The objective's initiatives that name this key result, or name none (they serve the whole
   * objective), highest ICE score first.
   */
  readonly initiatives: readonly InitiativeCard[];
}

export interface DashboardReport {
  /** Epoch ms the report was computed at. */
  readonly now: number;
  readonly windowMs: number;
  readonly filters: Filters;
  /** Share of the checkouts in range that `kasa simulate` generated; the dashboard labels them. */
  readonly simulatedShare: number;
  /**
   * Simulated checkouts (decided or pending) the filters leave out because they ask for real data
   * only (`simulated: false`, the default of the API and `kasa report`); 0 otherwise.
   */
  readonly simulatedHidden: number;
  readonly headline: {
    readonly cartAbandonment: Rate;
    readonly checkoutAbandonment: Rate;
    readonly checkoutConversion: Rate;
    readonly medianTimeToPurchase: { readonly medianMs: number | null; readonly count: number };
    readonly paymentFailure: PaymentFailureRow;
    /** Orders, revenue, average order value and conversion beside the previous period of the same length. */
    readonly period: PeriodComparison;
  };
  readonly krs: readonly KrCard[];
  /** One group per layout variant. */
  readonly funnel: readonly FunnelGroup[];
  /** The whole shop's funnel from the cart: cart → checkout → … → paid, over decided carts. */
  readonly cartFunnel: CartFunnel;
  /** One per configured experiment. */
  readonly experiments: readonly ExperimentResults[];
  readonly fields: FieldReport;
  readonly channels: {
    readonly firstTouch: readonly ChannelCostRow[];
    readonly lastTouch: readonly ChannelCostRow[];
  };
  readonly payments: PaymentFailureRows;
}
