/**
 * The dashboard report as terminal text for `kasa report`: pure, so it is tested on a report built
 * from summaries in memory.
 */
import {
  type ChannelCostRow,
  type Comparison,
  DAY_MS,
  type DashboardReport,
  formatDecimal,
  HOUR_MS,
  type KrCard,
  krPeriodText,
  type Rate,
} from '@kasa/analytics';
import { filterName, type Label, label, methodName, metricName, sectionName } from './report-labels.ts';
import { type Column, renderTable } from './table.ts';
import { duration, groupDigits, isoDate, type Lang, money, percent, signedPercent } from './text.ts';

const BAR_WIDTH = 20;
const TOP_FIELDS = 5;
const TOP_CHANNELS = 10;

/**
 * A progress bar: the share of the way from baseline to target, full (and no further) at 100%.
 *
 * @example
 * progressBar(0.5, 10); // '[█████░░░░░]  50%'
 */
export function progressBar(progress: number | null, width = BAR_WIDTH): string {
  if (progress === null || !Number.isFinite(progress)) return `[${'·'.repeat(width)}]    –`;
  const filled = Math.round(Math.min(1, Math.max(0, progress)) * width);
  const shown = `${Math.round(progress * 100)}%`.padStart(5);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]${shown}`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/**
 * A trend in one line of block characters, lowest to highest; a space for a point without a value.
 *
 * @example
 * sparkline([0.7, 0.6, null, 0.5]); // '█▄ ▁'
 */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return '';
  const low = Math.min(...known);
  const span = Math.max(...known) - low;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const level = span === 0 ? 3 : Math.round(((v - low) / span) * (SPARKS.length - 1));
      return SPARKS[level] ?? ' ';
    })
    .join('');
}

/** A KR value in its unit: a time for the median time to purchase, a percentage otherwise. */
const krValue = (metric: string, value: number | null, lang: Lang): string =>
  metric === 'median_time_to_purchase' ? duration(value) : percent(value, lang);

/** Table columns: a name column, then right-aligned number columns. */
const columns = (lang: Lang, name: Label, ...numbers: readonly Label[]): Column[] => [
  { title: label(lang, name) },
  ...numbers.map((key) => ({ title: label(lang, key), align: 'right' as const })),
];

const heading = (text: string): string => `${text}\n${'═'.repeat([...text].length)}`;

function header(report: DashboardReport, lang: Lang): string {
  const { filters } = report;
  const at = new Date(report.now).toISOString().slice(0, 16).replace('T', ' ');
  const range =
    filters.from === undefined && filters.to === undefined
      ? label(lang, 'allData')
      : `${filters.from === undefined ? '…' : isoDate(filters.from)} – ${filters.to === undefined ? '…' : isoDate(filters.to - DAY_MS)}`;
  // Real checkouts only (simulated=false) is the default: the note below says what it leaves out.
  const named = (['variant', 'device', 'source', 'touch', 'simulated'] as const).flatMap((key) =>
    filters[key] === undefined || (key === 'simulated' && filters[key] === false)
      ? []
      : [`${filterName(key, lang)}=${String(filters[key])}`],
  );
  const lines = [
    `${label(lang, 'title')} · ${label(lang, 'computed')} ${at} UTC`,
    `${label(lang, 'range')}: ${range} · ${label(lang, 'filters')}: ${named.join(', ') || label(lang, 'none')} · ${label(lang, 'window')} ${Math.round(report.windowMs / HOUR_MS)} h`,
  ];
  if (report.simulatedShare > 0) {
    lines.push(`! ${label(lang, 'simulatedNote', { share: percent(report.simulatedShare, lang, 0) })}`);
  }
  if (report.simulatedHidden > 0) {
    lines.push(`! ${label(lang, 'simulatedHidden', { n: groupDigits(report.simulatedHidden, lang) })}`);
  }
  return lines.join('\n');
}

/**
 * Where a key result stands in words; judged only once its period holds the minimum sample.
 *
 * @example
 * krStatusText({ status: 'not-enough-data', sample: 40, minSample: 100 }, 'en'); // 'not enough data yet (40 of 100)'
 */
export function krStatusText(card: Pick<KrCard, 'status' | 'sample' | 'minSample'>, lang: Lang): string {
  switch (card.status) {
    case 'no-data':
      return label(lang, 'noData');
    case 'not-enough-data':
      return label(lang, 'krNotEnough', {
        n: groupDigits(card.sample, lang),
        min: groupDigits(card.minSample, lang),
      });
    case 'reached':
      return label(lang, 'krReached');
    case 'wrong-way':
      return label(lang, 'krWrongWay');
    case 'in-progress':
      return label(lang, 'krInProgress');
  }
}

function krSection(krs: readonly KrCard[], lang: Lang): string {
  if (krs.length === 0) return '';
  const parts = [heading(label(lang, 'okr'))];
  const objectives = [...new Set(krs.map((card) => card.objective.key))];
  for (const key of objectives) {
    const cards = krs.filter((card) => card.objective.key === key);
    parts.push(`\n${cards[0]?.objective.title ?? key}`);
    parts.push(
      renderTable(
        [
          { title: label(lang, 'kr') },
          { title: label(lang, 'value'), align: 'right' },
          { title: label(lang, 'baselineTarget') },
          { title: label(lang, 'progress') },
          { title: label(lang, 'status') },
          { title: label(lang, 'period') },
          { title: label(lang, 'trend') },
        ],
        cards.map((card) => {
          const { keyResult: kr, current, progress, trend } = card;
          return [
            `${metricName(kr.metric, lang)} (${kr.key})`,
            current === null ? label(lang, 'noData') : krValue(kr.metric, current, lang),
            `${krValue(kr.metric, kr.baseline, lang)} → ${krValue(kr.metric, kr.target, lang)}`,
            // No bar while the sample is too small to judge: the number alone would read as a verdict.
            progressBar(card.status === 'not-enough-data' ? null : progress),
            krStatusText(card, lang),
            krPeriodText(kr.period, lang),
            sparkline(trend.map((point) => point.value)),
          ];
        }),
      ),
    );
    const initiatives = new Map(cards.flatMap((card) => card.initiatives.map((i) => [i.key, i] as const)));
    if (initiatives.size > 0) {
      parts.push(`  ${label(lang, 'initiatives')}:`);
      for (const i of initiatives.values()) {
        const tested = i.experiment ? `, ${i.experiment}${i.status ? ` (${i.status})` : ''}` : '';
        const verdict = i.verdict ? `: ${i.verdict[lang]}` : '';
        parts.push(`  - ${i.title} [ICE ${i.iceScore}${tested}]${verdict}`);
      }
    }
  }
  return parts.join('\n');
}

/** A rate's value and count cells. */
const rateCells = (rate: Rate, lang: Lang): string[] => [
  percent(rate.rate, lang),
  `${groupDigits(rate.count, lang)} ${label(lang, 'of')} ${groupDigits(rate.total, lang)}${rate.pending ? ` (${groupDigits(rate.pending, lang)} ${label(lang, 'pending')})` : ''}`,
];

function headlineSection(report: DashboardReport, lang: Lang): string {
  const { headline: h } = report;
  const time = h.medianTimeToPurchase;
  const payment = h.paymentFailure;
  const rows = [
    [metricName('cart_abandonment', lang), ...rateCells(h.cartAbandonment, lang)],
    [metricName('checkout_abandonment', lang), ...rateCells(h.checkoutAbandonment, lang)],
    [metricName('checkout_conversion', lang), ...rateCells(h.checkoutConversion, lang)],
    [
      metricName('median_time_to_purchase', lang),
      duration(time.medianMs),
      `${groupDigits(time.count, lang)} ${label(lang, 'purchases')}`,
    ],
    [
      metricName('payment_failure_rate', lang),
      percent(payment.rate, lang),
      `${groupDigits(payment.failures, lang)} ${label(lang, 'of')} ${groupDigits(payment.attempts, lang)} ${label(lang, 'attempts')}`,
    ],
  ];
  return `${heading(label(lang, 'headline'))}\n${renderTable(
    [
      { title: label(lang, 'metric') },
      { title: label(lang, 'rate'), align: 'right' },
      { title: label(lang, 'count') },
    ],
    rows,
  )}\n\n${periodTable(report, lang)}`;
}

/** Orders, revenue, average order value and conversion beside the previous period (or how to get it). */
function periodTable(report: DashboardReport, lang: Lang): string {
  const { period } = report.headline;
  const before = period.previousPeriod;
  if (!before) return `  ${label(lang, 'noPrevious')}`;
  const amount = (x: number | null) => (x === null ? '–' : money(Math.round(x), lang));
  const count = (x: number | null) => (x === null ? '–' : groupDigits(x, lang));
  const points = (x: number | null) =>
    x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${percent(Math.abs(x), lang).replace('%', '')} p.p.`;
  const row = (name: string, c: Comparison, show: (x: number | null) => string, pp = false) => [
    name,
    show(c.current),
    show(c.previous),
    pp ? points(c.difference) : signedPercent(c.change, lang),
  ];
  const title = label(lang, 'periodTitle', { from: isoDate(before.from), to: isoDate(before.to - 1) });
  return `${title}\n${renderTable(columns(lang, 'metric', 'thisPeriod', 'previousPeriod', 'change'), [
    row(label(lang, 'orders'), period.orders, count),
    row(label(lang, 'revenue'), period.revenue, amount),
    row(label(lang, 'averageOrder'), period.averageOrderValue, amount),
    row(metricName('checkout_conversion', lang), period.conversion, (x) => percent(x, lang), true),
  ])}`;
}

/** The whole shop's funnel from the cart: cart → checkout begun → … → paid. */
function cartFunnelSection(report: DashboardReport, lang: Lang): string {
  const cart = report.cartFunnel;
  const title = heading(label(lang, 'cartFunnel'));
  if (cart.carts === 0) return `${title}\n  ${label(lang, 'nothing')}`;
  return `${title}\n${renderTable(
    [
      { title: label(lang, 'section') },
      {
        title: `${groupDigits(cart.carts, lang)} ${label(lang, 'carts')} ${label(lang, 'reached')}`,
        align: 'right',
      },
      { title: label(lang, 'dropOff'), align: 'right' },
    ],
    cart.sections.map((row) => [
      sectionName(row.name, lang),
      `${groupDigits(row.reached, lang)}  ${percent(row.shareOfStart, lang).padStart(6)}`,
      row.dropOff === null ? '' : `−${percent(row.dropOff, lang)}`,
    ]),
  )}`;
}

function funnelSection(report: DashboardReport, lang: Lang): string {
  const groups = report.funnel;
  if (groups.length === 0) return `${heading(label(lang, 'funnel'))}\n  ${label(lang, 'nothing')}`;
  const names = groups[0]?.sections.map((row) => row.name) ?? [];
  const columns = [
    { title: label(lang, 'section') },
    ...groups.flatMap((group) => [
      {
        title: `${group.label} (${groupDigits(group.checkouts, lang)}) ${label(lang, 'reached')}`,
        align: 'right' as const,
      },
      { title: label(lang, 'dropOff'), align: 'right' as const },
    ]),
  ];
  const rows = names.map((name) => [
    sectionName(name, lang),
    ...groups.flatMap((group) => {
      const row = group.sections.find((r) => r.name === name);
      if (!row) return ['–', ''];
      return [
        `${groupDigits(row.reached, lang)}  ${percent(row.shareOfStart, lang).padStart(6)}`,
        row.dropOff === null ? '' : `−${percent(row.dropOff, lang)}`,
      ];
    }),
  ]);
  return `${heading(label(lang, 'funnel'))}\n${renderTable(columns, rows)}`;
}

function experimentsSection(report: DashboardReport, lang: Lang): string {
  const parts = [heading(label(lang, 'experiments'))];
  if (report.experiments.length === 0) parts.push(`  ${label(lang, 'noExperiments')}`);
  for (const experiment of report.experiments) {
    parts.push(`\n${experiment.key} (${label(lang, 'control')}: ${experiment.control})`);
    parts.push(
      renderTable(
        columns(lang, 'variant', 'checkouts', 'orders', 'conversion', 'revenuePerCheckout', 'lift', 'chance'),
        experiment.variants.map((v) => [
          v.variation,
          groupDigits(v.sessions, lang),
          groupDigits(v.conversions, lang),
          percent(v.conversionRate, lang),
          v.revenuePerVisitor === null ? '–' : money(v.revenuePerVisitor, lang),
          v.conversion ? signedPercent(v.conversion.effect, lang) : '–',
          v.conversion ? percent(v.conversion.chanceToWin, lang, 0) : '–',
        ]),
      ),
    );
    parts.push(`  ${label(lang, 'verdict')}: ${experiment.verdict[lang]}`);
    parts.push(`  ${label(lang, 'method')}: ${experiment.method[lang]}`);
    const { plan } = experiment;
    parts.push(
      `  ${label(lang, 'plan')
        .replace('{mde}', percent(plan.mde, lang, 0))
        .replace('{power}', percent(plan.power, lang, 0))
        .replace('{perArm}', plan.perArm === null ? '–' : groupDigits(plan.perArm, lang))
        .replace('{more}', plan.more === null ? '–' : groupDigits(plan.more, lang))
        .replace('{date}', plan.expectedDate ?? '–')}`,
    );
    if (experiment.srmWarning) parts.push(`  ! ${experiment.srmWarning[lang]}`);
    if (experiment.pending > 0)
      parts.push(`  (${groupDigits(experiment.pending, lang)} ${label(lang, 'pending')})`);
  }
  return parts.join('\n');
}

function fieldsSection(report: DashboardReport, lang: Lang): string {
  const { fields } = report;
  const last = renderTable(
    columns(lang, 'field', 'abandons', 'share'),
    fields.lastFields
      .slice(0, TOP_FIELDS)
      .map((row) => [row.field, groupDigits(row.count, lang), percent(row.share, lang)]),
  );
  const errors = renderTable(
    columns(lang, 'field', 'errorCount', 'withError', 'leftAfter'),
    fields.errors
      .slice(0, TOP_FIELDS)
      .map((row) => [
        row.field,
        groupDigits(row.errors, lang),
        groupDigits(row.checkouts, lang),
        percent(row.abandonShare, lang),
      ]),
  );
  const summary = label(lang, 'abandonedSummary', {
    abandoned: groupDigits(fields.abandoned, lang),
    without: groupDigits(fields.withoutField, lang),
  });
  return [
    heading(label(lang, 'fields')),
    `  ${summary}`,
    last,
    '',
    `${label(lang, 'errors')} · ${label(lang, 'average', { rate: percent(fields.abandonmentRate, lang) })}`,
    errors,
  ].join('\n');
}

function channelTable(rows: readonly ChannelCostRow[], lang: Lang): string {
  const shown = rows.slice(0, TOP_CHANNELS);
  const table = renderTable(
    columns(lang, 'channel', 'checkouts', 'orders', 'conversion', 'revenue', 'cost', 'costPerOrder', 'roas'),
    shown.map((row) => [
      `${row.source} / ${row.medium} / ${row.campaign}`,
      groupDigits(row.sessions, lang),
      groupDigits(row.orders, lang),
      percent(row.conversionRate, lang),
      money(row.revenue, lang),
      row.cost > 0 ? money(row.cost, lang) : '–',
      row.notComparable
        ? label(lang, 'notComparable')
        : row.cost > 0 && row.costPerOrder !== null
          ? money(row.costPerOrder, lang)
          : '–',
      row.notComparable
        ? label(lang, 'notComparable')
        : row.roas === null
          ? '–'
          : `${formatDecimal(row.roas, 1, lang)}×`,
    ]),
  );
  const more = rows.length - shown.length;
  return more > 0 ? `${table}\n  ${label(lang, 'more', { n: groupDigits(more, lang) })}` : table;
}

function channelsSection(report: DashboardReport, lang: Lang): string {
  const { firstTouch, lastTouch } = report.channels;
  const costs = [...firstTouch, ...lastTouch].some((row) => row.cost > 0);
  const why = { device: 'whyDevice', variant: 'whyVariant', touch: 'whyTouch' } as const;
  const reasons = [
    ...new Set(
      [...lastTouch, ...firstTouch].flatMap((row) => (row.notComparable ? [why[row.notComparable]] : [])),
    ),
  ];
  return [
    heading(label(lang, 'channelsLast')),
    channelTable(lastTouch, lang),
    '',
    heading(label(lang, 'channelsFirst')),
    channelTable(firstTouch, lang),
    ...(costs ? [] : ['', `  ${label(lang, 'noCosts')}`]),
    ...(reasons.length > 0 ? ['', ...reasons.map((key) => `  ${label(lang, key)}`)] : []),
  ].join('\n');
}

function paymentsSection(report: DashboardReport, lang: Lang): string {
  const { methods, total } = report.payments;
  const row = (name: string, r: typeof total) => [
    name,
    groupDigits(r.attempts, lang),
    groupDigits(r.failures, lang),
    percent(r.rate, lang),
    groupDigits(r.blikRejected, lang),
    groupDigits(r.blikTimeouts, lang),
    groupDigits(r.otherFailures, lang),
  ];
  return `${heading(label(lang, 'payments'))}\n${renderTable(
    columns(lang, 'method', 'tries', 'failures', 'failureRate', 'blikRejected', 'blikTimeouts', 'other'),
    [...methods.map((m) => row(methodName(m.method, lang), m)), row(label(lang, 'total'), total)],
  )}`;
}

/**
 * The whole report as text: KR cards, headline rates, the funnel per variant, experiment verdicts,
 * field drop-off, channels with costs and payment methods.
 *
 * @example
 * console.log(formatReport(await dashboardReport(aggregates, input), 'pl'));
 */
export function formatReport(report: DashboardReport, lang: Lang): string {
  return [
    header(report, lang),
    krSection(report.krs, lang),
    headlineSection(report, lang),
    cartFunnelSection(report, lang),
    funnelSection(report, lang),
    experimentsSection(report, lang),
    fieldsSection(report, lang),
    channelsSection(report, lang),
    paymentsSection(report, lang),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}
