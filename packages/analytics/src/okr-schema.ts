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

/**
 * Every complaint the schema makes about an OKR configuration, by a stable code, with its English text
 * (what the API sends as `message`). The dashboard shows its own Polish or English text for each code.
 */
export const OKR_ISSUE_MESSAGES = {
  key_format: 'use 1–64 letters, digits, _ or -, e.g. "abandonment-q1"',
  key_duplicate: 'this key is already used here; keys must be unique',
  title_length: 'write a title of 1–200 characters',
  metric_unknown: `choose one of the metrics: ${KR_METRICS.join(', ')}`,
  date_invalid: 'write a date as 2026-01-01 or epoch milliseconds',
  ice_range: 'ICE scores run from 1 to 10',
  target_equals_baseline: 'target must differ from baseline',
  period_order: 'period.to must be after period.from',
  rate_range: 'this metric is a rate: write 0.7 for 70%',
  key_results_required: 'an objective needs at least one key result',
  key_result_unknown: 'no such key result in this objective',
  link_url: 'write a full http(s) address, e.g. "https://kasa.atlassian.net/browse/KASA-12"',
  links_max: 'link at most 10 tasks',
} as const;
export type OkrIssueCode = keyof typeof OKR_ISSUE_MESSAGES;
const say = OKR_ISSUE_MESSAGES;
const codeOfMessage = new Map(Object.entries(say).map(([code, message]) => [message as string, code]));

/**
 * The stable code of a validation issue of {@link okrSchema}: one of {@link OkrIssueCode} for the
 * schema's own checks, otherwise zod's code ('invalid_type', 'unrecognized_keys', …).
 *
 * @example
 * okrSchema.safeParse(bad).error?.issues.map(okrIssueCode); // ['ice_range']
 */
export function okrIssueCode(issue: z.core.$ZodIssue): OkrIssueCode | string {
  const declared = issue.code === 'custom' ? issue.params?.['code'] : undefined;
  if (typeof declared === 'string') return declared;
  return codeOfMessage.get(issue.message) ?? issue.code;
}

/** A custom issue with its code in `params`; the message is the code's English text unless given. */
const issue = (code: OkrIssueCode, path: PropertyKey[], message: string = say[code]) =>
  ({ code: 'custom', path, message, params: { code } }) as const;

const key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, say.key_format);
const title = z.string().min(1, say.title_length).max(200, say.title_length);
const instant = z
  .union([z.number().int(), z.iso.date(), z.iso.datetime({ offset: true })], { error: say.date_invalid })
  .transform((t) => (typeof t === 'number' ? t : Date.parse(t)));
const score = z.number().int(say.ice_range).min(1, say.ice_range).max(10, say.ice_range);
/** A task where the work is tracked (Jira, Trello, GitLab…): any http(s) address. */
const link = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: say.link_url })
  .max(2000, say.link_url);

/** Issues for keys used twice in one list, at the second use. */
function uniqueKeys(items: readonly { readonly key: string }[], at: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) ctx.addIssue(issue('key_duplicate', [at, i, 'key']));
    seen.add(item.key);
  });
}

export const keyResultSchema = z
  .strictObject({
    key,
    metric: z.enum(KR_METRICS, { error: say.metric_unknown }),
    /** Rates as fractions (0.7 for 70%), times in milliseconds. */
    baseline: z.number(),
    target: z.number(),
    /** Epoch ms or an ISO date ('2026-01-01' is UTC midnight); `to` is exclusive. */
    period: z.strictObject({ from: instant, to: instant }),
  })
  .superRefine((kr, ctx) => {
    if (kr.target === kr.baseline) ctx.addIssue(issue('target_equals_baseline', ['target']));
    if (!(kr.period.to > kr.period.from)) ctx.addIssue(issue('period_order', ['period', 'to']));
    const isRate = kr.metric !== 'median_time_to_purchase';
    for (const field of ['baseline', 'target'] as const) {
      if (isRate && !(kr[field] >= 0 && kr[field] <= 1)) {
        ctx.addIssue(issue('rate_range', [field], `${kr.metric} is a rate: write 0.7 for 70%`));
      }
    }
  });
export type KeyResult = z.output<typeof keyResultSchema>;

export const iceSchema = z.strictObject({ impact: score, confidence: score, ease: score });
export type Ice = z.output<typeof iceSchema>;

export const initiativeSchema = z.strictObject({
  key,
  title,
  /** The experiment that tests it, e.g. 'checkout-layout'. */
  experiment: key.optional(),
  /** Keys of the key results it should move. */
  keyResults: z.array(key).default([]),
  ice: iceSchema,
  /** Where the work is tracked: Jira issues, Trello cards, GitLab issues… (see trackerOf). */
  links: z.array(link).max(10, say.links_max).default([]),
});
export type Initiative = z.output<typeof initiativeSchema>;

export const objectiveSchema = z
  .strictObject({
    key,
    title,
    keyResults: z.array(keyResultSchema).min(1, say.key_results_required),
    initiatives: z.array(initiativeSchema).default([]),
  })
  .superRefine((objective, ctx) => {
    uniqueKeys(objective.keyResults, 'keyResults', ctx);
    uniqueKeys(objective.initiatives, 'initiatives', ctx);
    const known = new Set(objective.keyResults.map((kr) => kr.key));
    objective.initiatives.forEach((initiative, i) => {
      for (const krKey of initiative.keyResults) {
        if (!known.has(krKey)) {
          const message = `no key result '${krKey}' in this objective`;
          ctx.addIssue(issue('key_result_unknown', ['initiatives', i, 'keyResults'], message));
        }
      }
    });
  });
export type Objective = z.output<typeof objectiveSchema>;

/**
 * OKR configuration as merchants write it. Every issue it reports has a stable code
 * ({@link okrIssueCode}).
 *
 * @example
 * okrSchema.parse({ objectives: [{ key: 'checkout', title: 'Więcej zamówień z tych samych koszyków',
 *   keyResults: [{ key: 'abandonment', metric: 'checkout_abandonment', baseline: 0.7, target: 0.5, period: { from: '2026-01-01', to: '2026-04-01' } }],
 *   initiatives: [{ key: 'multi-step', title: 'Checkout w krokach', experiment: 'checkout-layout', keyResults: ['abandonment'], ice: { impact: 8, confidence: 5, ease: 7 },
 *     links: ['https://kasa.atlassian.net/browse/KASA-12'] }] }] });
 */
export const okrSchema = z
  .strictObject({ objectives: z.array(objectiveSchema) })
  .superRefine((config, ctx) => uniqueKeys(config.objectives, 'objectives', ctx));
export type OkrConfig = z.output<typeof okrSchema>;
