import {
  DAY_MS,
  type DashboardReport,
  dashboardReport,
  okrSchema,
  simulateCheckouts,
  summarize,
  summaryAggregates,
} from '@kasa/analytics';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportInput } from '../analytics/report-input.ts';
import { configSchema } from '../config.ts';
import { formatReport, krStatusText, progressBar, sparkline } from './report-format.ts';
import { renderTable } from './table.ts';
import { duration, groupDigits, money, percent } from './text.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const config = configSchema.parse({});
// The default objectives with a period around NOW (the defaults follow the calendar quarter of the clock).
const okr = okrSchema.parse({
  objectives: config.analytics.okr.objectives.map((objective) => ({
    ...objective,
    keyResults: objective.keyResults.map((kr) => ({
      ...kr,
      period: { from: NOW - 60 * DAY_MS, to: NOW + 30 * DAY_MS },
    })),
  })),
});

async function reportOf(checkouts: number, filters = {}): Promise<DashboardReport> {
  const events = [
    ...simulateCheckouts({ seed: 3, checkouts, startTs: NOW - 28 * DAY_MS, spanMs: 27 * DAY_MS }),
  ].flat();
  return dashboardReport(
    summaryAggregates(summarize(events)),
    reportInput({
      now: NOW,
      windowMs: DAY_MS,
      filters,
      okr,
      experiments: config.experiments,
      costs: [
        {
          line: 2,
          date: '2026-11-05',
          source: 'google',
          medium: 'cpc',
          campaign: 'zima-2026',
          cost: 123_456,
        },
      ],
    }),
  );
}

describe('text helpers', () => {
  it('writes numbers the Polish or the English way', () => {
    expect(groupDigits(20_000)).toBe('20 000');
    expect(groupDigits(1_234_567, 'en')).toBe('1,234,567');
    expect(percent(0.4507, 'pl')).toBe('45,1%');
    expect(percent(null, 'en')).toBe('–');
    expect(money(123_456, 'pl')).toBe('1 234,56 zł');
    expect(money(5, 'en')).toBe('PLN 0.05');
    expect(duration(150_865)).toBe('2 min 31 s');
    expect(duration(42_000)).toBe('42 s');
  });

  it('draws progress from baseline to target, full at 100% and no further', () => {
    expect(progressBar(0.5, 10)).toBe('[█████░░░░░]  50%');
    expect(progressBar(1.25, 10)).toBe('[██████████] 125%');
    expect(progressBar(-0.2, 10)).toBe('[░░░░░░░░░░] -20%');
    expect(progressBar(null, 4)).toBe('[····]    –');
  });

  it('draws a trend lowest to highest, with a gap where a value is missing', () => {
    expect(sparkline([7, 0, null, 1, 7])).toBe('█▁ ▂█');
    expect(sparkline([null, null])).toBe('');
    expect(sparkline([0.3, 0.3])).toBe('▄▄');
  });

  it('pads table columns, numbers to the right', () => {
    const table = renderTable(
      [{ title: 'Method' }, { title: 'Rate', align: 'right' }],
      [
        ['blik', '5,7%'],
        ['przelew online', '12,0%'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '  Method           Rate',
      '  ──────────────  ─────',
      '  blik             5,7%',
      '  przelew online  12,0%',
    ]);
  });
});

describe('formatReport', () => {
  let report: DashboardReport;
  beforeAll(async () => {
    report = await reportOf(3_000);
  });

  it('shows every section of the report in Polish', () => {
    const text = formatReport(report, 'pl');
    for (const heading of [
      'Cele i kluczowe rezultaty (OKR)',
      'Najważniejsze wskaźniki',
      'Lejek według wariantu',
      'Eksperymenty',
      'Gdzie klienci odchodzą',
      'Błędy walidacji',
      'Kanały (ostatni kontakt) z kosztami',
      'Metody płatności',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('100% checkoutów w zakresie to dane symulowane');
    const kr = report.krs[0];
    const krLine = text.split('\n').find((line) => line.includes('(cart-abandonment)'));
    expect(krLine).toContain(`${percent(kr?.current ?? null, 'pl')}`);
    expect(krLine).toContain('70,0% → 50,0%');
    expect(krLine).toMatch(/\[[█░]{20}\]\s+-?\d+%/);
    const experiment = report.experiments[0];
    expect(text).toContain(`Werdykt: ${experiment?.verdict.pl}`);
    expect(text).toContain(`Metoda: ${experiment?.method.pl}`);
    expect(text).toMatch(/Plan: zmiana o 5% z mocą 80%; próba na wariant: [\d ]+, brakuje /);
    for (const group of report.funnel)
      expect(text).toContain(`${group.label} (${groupDigits(group.checkouts)})`);
    expect(text).toMatch(/google \/ cpc \/ zima-2026 .* 1 234,56 zł/);
    expect(text).toMatch(/razem +[\d ]+ +[\d ]+ +\d+,\d%/);
  });

  it('lists only the five fields where most shoppers leave', () => {
    const text = formatReport(report, 'en');
    const block = text.split('Where shoppers leave')[1]?.split('Validation errors')[0] ?? '';
    const shown = report.fields.lastFields.slice(0, 5).map((row) => row.field);
    const hidden = report.fields.lastFields.slice(5).map((row) => row.field);
    expect(hidden.length).toBeGreaterThan(0);
    for (const field of shown) expect(block).toContain(`  ${field} `);
    for (const field of hidden) expect(block).not.toMatch(new RegExp(`^  ${field} `, 'm'));
  });

  it('compares orders, revenue, average order and conversion with the previous period, given --from', async () => {
    const ranged = await reportOf(400, { from: NOW - 3 * DAY_MS, to: NOW - DAY_MS });
    const { period } = ranged.headline;
    expect(period.previousPeriod).toEqual({ from: NOW - 5 * DAY_MS, to: NOW - 3 * DAY_MS });
    const text = formatReport(ranged, 'en');
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(text).toContain(
      `This period against the previous (${day(NOW - 5 * DAY_MS)} – ${day(NOW - 3 * DAY_MS - 1)})`,
    );
    const orders = text.split('\n').find((line) => line.startsWith('  Orders ')) ?? '';
    expect(orders).toMatch(
      new RegExp(`^  Orders +${period.orders.current} +${period.orders.previous} +(?:[+−]?[\\d.]+%|–)$`),
    );
    expect(text).toMatch(/Checkout conversion +\d+\.\d% +\d+\.\d% +[+−]?\d+\.\d p\.p\./);
    expect(formatReport(report, 'en')).toContain('With --from the report compares');
  });

  it('starts a funnel at the cart: cart, checkout begun, … paid', () => {
    const text = formatReport(report, 'pl');
    const block = text.split('Lejek od koszyka')[1]?.split('Lejek według wariantu')[0] ?? '';
    const [cart, checkout] = report.cartFunnel.sections;
    expect(block).toMatch(new RegExp(`koszyk +${groupDigits(cart?.reached ?? 0)} +100,0%`));
    expect(block).toMatch(new RegExp(`checkout rozpoczęty +${groupDigits(checkout?.reached ?? 0)} `));
    expect(block).toContain('opłacone');
  });

  it('speaks English on request and names the filters', async () => {
    const text = formatReport(await reportOf(400, { device: 'mobile', from: NOW - 7 * DAY_MS }), 'en');
    expect(text).toContain('Kasa — checkout report');
    expect(text).toContain('Filters: device=mobile');
    expect(text).toContain(`Range: ${new Date(NOW - 7 * DAY_MS).toISOString().slice(0, 10)} – …`);
    expect(text).toContain('Headline rates');
    expect(text).not.toContain('Najważniejsze');
  });

  it('writes cost per order and ROAS as not comparable under a device filter, with the reason once', async () => {
    const all = formatReport(await reportOf(400), 'en');
    expect(all).not.toContain('n/c');
    const mobile = await reportOf(400, { device: 'mobile' });
    const google = mobile.channels.lastTouch.find((row) => row.campaign === 'zima-2026');
    expect(google).toMatchObject({ cost: 123_456, costPerOrder: null, roas: null, notComparable: 'device' });
    const text = formatReport(mobile, 'en');
    const line = text.split('\n').find((l) => l.includes('google / cpc / zima-2026')) ?? '';
    expect(line).toMatch(/PLN 1,234\.56 +n\/c +n\/c$/);
    expect(text.match(/import them with a device column/g)).toHaveLength(1);
    expect(formatReport(mobile, 'pl')).toContain('zaimportuj je z kolumną device');
  });

  it('judges a key result only from 100 units in its period, and says how many there are', async () => {
    const small = await reportOf(60);
    const text = formatReport(small, 'en');
    const card = small.krs.find((k) => k.keyResult.key === 'blik-failures');
    expect(card?.keyResult.metric).toBe('blik_failure_rate');
    expect(card?.status).toBe('not-enough-data');
    const line = text.split('\n').find((l) => l.includes('(blik-failures)')) ?? '';
    expect(line).toContain('BLIK payment failures');
    expect(line).toContain(`not enough data yet (${card?.sample} of 100)`);
    expect(line).toContain(`[${'·'.repeat(20)}]`);
    // With 3,000 carts the same key result has its sample and a verdict.
    const big = report.krs.find((k) => k.keyResult.key === 'blik-failures');
    if (!big) throw new Error('no BLIK key result');
    expect(big.sample).toBeGreaterThanOrEqual(100);
    expect(krStatusText(big, 'pl')).toMatch(/^(cel osiągnięty|w drodze do celu|w złą stronę)$/);
    expect(krStatusText({ status: 'not-enough-data', sample: 1234, minSample: 100 }, 'pl')).toBe(
      'za mało danych (1 234 z 100)',
    );
  });

  it('says how many simulated checkouts a real-only report leaves out', async () => {
    const real = await reportOf(300, { simulated: false });
    expect(real.simulatedHidden).toBeGreaterThan(100);
    const text = formatReport(real, 'pl');
    expect(text).toContain(
      `Pominięto symulowane checkouty (kasa simulate): ${groupDigits(real.simulatedHidden)}.`,
    );
    expect(text).not.toContain('to dane symulowane');
    expect(text).toMatch(/Filtry: brak/);
    expect(formatReport(await reportOf(30, { simulated: true }), 'pl')).toMatch(/Filtry: symulowane=true/);
    expect(formatReport(real, 'en')).toContain('--simulated both shows them');
  });

  it('prints an empty report without numbers it does not have', async () => {
    const empty = await dashboardReport(summaryAggregates([]), {
      now: NOW,
      okr,
      experiments: [],
      costs: [],
    });
    const text = formatReport(empty, 'en');
    expect(text).toContain('No experiments configured.');
    expect(text).toContain('No campaign costs');
    expect(text).not.toContain('simulated');
    expect(text).not.toContain('NaN');
  });
});
