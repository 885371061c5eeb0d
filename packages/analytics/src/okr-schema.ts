/**
 * The OKR configuration a merchant writes, validated at the edge: objectives, their key results and the
 * initiatives (usually experiments) meant to move them.
 */
import { z } from 'zod';

export const KR_METRICS = [
  'checkout_abandonment',
  'cart_abandonment',
  'checkout_conversion',
  'median_time_to_purchase',
  'payment_failure_rate',
  'blik_failure_rate',
] as const;
export type KrMetric = (typeof KR_METRICS)[number];

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'use 1–64 letters, digits, _ or -, e.g. "abandonment-q1"');
const instant = z
  .union([z.number().int(), z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((t) => (typeof t === 'number' ? t : Date.parse(t)));
const score = z.number().int().min(1, 'ICE scores run from 1 to 10').max(10, 'ICE scores run from 1 to 10');

export const keyResultSchema = z
  .strictObject({
    key,
    metric: z.enum(KR_METRICS),
    /** Rates as fractions (0.7 for 70%), times in milliseconds. */
    baseline: z.number(),
    target: z.number(),
    /** Epoch ms or an ISO date ('2026-01-01' is UTC midnight); `to` is exclusive. */
    period: z.strictObject({ from: instant, to: instant }),
  })
  .superRefine((kr, ctx) => {
    if (kr.target === kr.baseline)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'target must differ from baseline' });
    if (!(kr.period.to > kr.period.from))
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'to'],
        message: 'period.to must be after period.from',
      });
    const isRate = kr.metric !== 'median_time_to_purchase';
    for (const field of ['baseline', 'target'] as const) {
      if (isRate && !(kr[field] >= 0 && kr[field] <= 1)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${kr.metric} is a rate: write 0.7 for 70%` });
      }
    }
  });
export type KeyResult = z.output<typeof keyResultSchema>;

export const iceSchema = z.strictObject({ impact: score, confidence: score, ease: score });
export type Ice = z.output<typeof iceSchema>;

export const initiativeSchema = z.strictObject({
  key,
  title: z.string().min(1).max(200),
  /** The experiment that tests it, e.g. 'checkout-layout'. */
  experiment: key.optional(),
  /** Keys of the key results it should move. */
  keyResults: z.array(key).default([]),
  ice: iceSchema,
});
export type Initiative = z.output<typeof initiativeSchema>;

export const objectiveSchema = z
  .strictObject({
    key,
    title: z.string().min(1).max(200),
    keyResults: z.array(keyResultSchema).min(1, 'an objective needs at least one key result'),
    initiatives: z.array(initiativeSchema).default([]),
  })
  .superRefine((objective, ctx) => {
    const known = new Set(objective.keyResults.map((kr) => kr.key));
    objective.initiatives.forEach((initiative, i) => {
      for (const krKey of initiative.keyResults) {
        if (!known.has(krKey)) {
          ctx.addIssue({
            code: 'custom',
            path: ['initiatives', i, 'keyResults'],
            message: `no key result '${krKey}' in this objective`,
          });
        }
      }
    });
  });
export type Objective = z.output<typeof objectiveSchema>;

/**
 * OKR configuration as merchants write it.
 *
 * @example
 * okrSchema.parse({ objectives: [{ key: 'checkout', title: 'Więcej zamówień z tych samych koszyków',
 *   keyResults: [{ key: 'abandonment', metric: 'checkout_abandonment', baseline: 0.7, target: 0.5, period: { from: '2026-01-01', to: '2026-04-01' } }],
 *   initiatives: [{ key: 'multi-step', title: 'Checkout w krokach', experiment: 'checkout-layout', keyResults: ['abandonment'], ice: { impact: 8, confidence: 5, ease: 7 } }] }] });
 */
export const okrSchema = z.strictObject({ objectives: z.array(objectiveSchema) });
export type OkrConfig = z.output<typeof okrSchema>;
