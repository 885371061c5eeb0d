/**
 * The answer of `GET /api/analytics/report` (`DashboardReport` in @kasa/analytics), for the OpenAPI
 * document. The headline, the KRs, the payments and the field report are written out in full; the
 * rows of the funnel, experiments and channels name the fields a client reads and allow more, so
 * the analytics package can add a figure without this document lying about it.
 */
import { z } from 'zod';

/** A share with what it is made of; `rate` is null when there is nothing to divide by. */
const rate = z.object({
  count: z.number().int(),
  total: z.number().int(),
  rate: z.number().nullable(),
  pending: z.number().int(),
});

/** Words for the merchant in both languages. */
const text = z.object({ pl: z.string(), en: z.string() });

const verdict = text.extend({
  kind: z.enum(['winner', 'control-wins', 'more-data', 'no-difference', 'srm']),
  variation: z.string().nullable(),
  chance: z.number().nullable(),
  moreCheckouts: z.number().nullable(),
});

const paymentFailureRow = z.object({
  method: z.enum(['blik', 'pbl', 'card', 'bnpl', 'cod', 'all']),
  attempts: z.number().int(),
  failures: z.number().int(),
  rate: z.number().nullable(),
  blikRejected: z.number().int(),
  blikTimeouts: z.number().int(),
  otherFailures: z.number().int(),
});

const keyResult = z.object({
  key: z.string(),
  metric: z.string(),
  baseline: z.number(),
  target: z.number(),
  /** Epoch ms; `to` is exclusive. */
  period: z.object({ from: z.number(), to: z.number() }),
});

const krCard = z.object({
  objective: z.object({ key: z.string(), title: z.string() }),
  keyResult,
  current: z.number().nullable(),
  progress: z.number().nullable(),
  /** The units `current` is computed over: checkouts, carts, purchases or payment attempts. */
  sample: z.number().int(),
  /** The sample needed before the card is judged ('not-enough-data' below it). */
  minSample: z.number().int(),
  status: z.enum(['no-data', 'not-enough-data', 'reached', 'wrong-way', 'in-progress']),
  trend: z.array(
    z.object({ from: z.number(), to: z.number(), value: z.number().nullable(), complete: z.boolean() }),
  ),
  initiatives: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      ice: z.object({ impact: z.number(), confidence: z.number(), ease: z.number() }),
      iceScore: z.number(),
      experiment: z.string().nullable(),
      status: z.string().nullable(),
      verdict: verdict.nullable(),
    }),
  ),
});

const funnelRow = z.looseObject({
  name: z.string(),
  reached: z.number().int(),
  shareOfStart: z.number().nullable(),
  dropOff: z.number().nullable(),
});

/** A figure of the period beside the previous one (`change` relative, `difference` absolute). */
const comparison = z.object({
  current: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
  difference: z.number().nullable(),
});

const channelRow = z.looseObject({
  source: z.string(),
  medium: z.string(),
  campaign: z.string(),
  sessions: z.number().int(),
  orders: z.number().int(),
  revenue: z.number(),
  conversionRate: z.number().nullable(),
  cost: z.number(),
  costPerOrder: z.number().nullable(),
  roas: z.number().nullable(),
  /** Why cost per order and ROAS are null although there is a cost: 'device', 'variant' or 'touch'. */
  notComparable: z.enum(['device', 'variant', 'touch']).nullable(),
});

export const dashboardReportSchema = z.object({
  /** When the report was computed (epoch ms). */
  now: z.number(),
  /** How long after its start a checkout without a purchase counts as abandoned. */
  windowMs: z.number(),
  /** The filters applied, as epoch bounds (`to` exclusive). */
  filters: z.object({
    variant: z.string().optional(),
    device: z.enum(['mobile', 'tablet', 'desktop']).optional(),
    source: z.string().optional(),
    touch: z.enum(['first', 'last']).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    simulated: z.boolean().optional(),
  }),
  /** Share of the checkouts in range that `kasa simulate` made. */
  simulatedShare: z.number(),
  /** Simulated checkouts left out because the view asks for real ones only (the default). */
  simulatedHidden: z.number().int(),
  headline: z.object({
    cartAbandonment: rate,
    checkoutAbandonment: rate,
    checkoutConversion: rate,
    medianTimeToPurchase: z.object({ medianMs: z.number().nullable(), count: z.number().int() }),
    paymentFailure: paymentFailureRow,
    /** Orders, revenue, average order value (grosze) and conversion beside the previous period. */
    period: z.object({
      period: z.object({ from: z.number().nullable(), to: z.number() }),
      previousPeriod: z.object({ from: z.number(), to: z.number() }).nullable(),
      orders: comparison,
      revenue: comparison,
      averageOrderValue: comparison,
      conversion: comparison,
    }),
  }),
  krs: z.array(krCard),
  /** One group per layout variant. */
  funnel: z.array(
    z.looseObject({
      key: z.record(z.string(), z.string()),
      label: z.string(),
      checkouts: z.number().int(),
      sections: z.array(funnelRow),
      steps: z.array(funnelRow),
    }),
  ),
  /** The whole shop's funnel from the cart (cart → checkout → … → paid), over decided carts. */
  cartFunnel: z.object({
    carts: z.number().int(),
    pending: z.number().int(),
    sections: z.array(funnelRow),
    steps: z.array(funnelRow),
  }),
  /** One per configured experiment. */
  experiments: z.array(
    z.looseObject({
      key: z.string(),
      control: z.string(),
      /** The analysis in force: 'sequential' (default) or 'fixed', in words. */
      method: text.extend({
        kind: z.enum(['sequential', 'fixed']),
        alpha: z.number(),
        tuning: z.number().nullable(),
      }),
      plan: z.object({
        mde: z.number(),
        power: z.number(),
        alpha: z.number(),
        perArm: z.number().int().nullable(),
        more: z.number().int().nullable(),
        perDay: z.number().nullable(),
        expectedDate: z.string().nullable(),
      }),
      startDate: z.string().nullable(),
      phase: z.string(),
      variants: z.array(
        z.looseObject({
          variation: z.string(),
          sessions: z.number().int(),
          conversions: z.number().int(),
          conversionRate: z.number().nullable(),
          revenuePerVisitor: z.number().nullable(),
          averageOrderValue: z.number().nullable(),
          payments: z.object({
            attempts: z.number().int(),
            failures: z.number().int(),
            rate: z.number().nullable(),
          }),
          /** Against the control: average order value and payment failure rate; null for the control. */
          guardrails: z
            .object({ averageOrderValue: z.looseObject({}), paymentFailure: z.looseObject({}) })
            .nullable(),
        }),
      ),
      srm: z.looseObject({ pValue: z.number(), mismatch: z.boolean() }),
      srmWarning: text.nullable(),
      unknownVariations: z.number().int(),
      pending: z.number().int(),
      verdict,
    }),
  ),
  fields: z.object({
    abandoned: z.number().int(),
    withoutField: z.number().int(),
    abandonmentRate: z.number().nullable(),
    lastFields: z.array(z.object({ field: z.string(), count: z.number().int(), share: z.number() })),
    errors: z.array(
      z.object({
        field: z.string(),
        errors: z.number().int(),
        checkouts: z.number().int(),
        abandoned: z.number().int(),
        abandonShare: z.number(),
      }),
    ),
  }),
  channels: z.object({ firstTouch: z.array(channelRow), lastTouch: z.array(channelRow) }),
  payments: z.object({ methods: z.array(paymentFailureRow), total: paymentFailureRow }),
});
