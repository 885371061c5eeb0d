/**
 * The dashboard's KR card and `kasa report` print a key result's period the same way: from its first
 * to its last included day (the period's `to` is exclusive).
 */
import { dashboardReport, okrSchema, summaryAggregates } from '@kasa/analytics';
import { describe, expect, it } from 'vitest';
import { krPeriodLabel } from '../../apps/dashboard/src/kr-card-text.ts';
import { MESSAGES } from '../../apps/dashboard/src/messages.ts';
import { formatReport } from '../../apps/server/src/cli/report-format.ts';

const okr = okrSchema.parse({
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień',
      keyResults: [
        {
          key: 'q4',
          metric: 'blik_failure_rate',
          baseline: 0.12,
          target: 0.06,
          period: { from: '2026-10-01', to: '2027-01-01' },
        },
        {
          key: 'winter',
          metric: 'checkout_abandonment',
          baseline: 0.5,
          target: 0.4,
          period: { from: '2026-12-15', to: '2027-03-01' },
        },
      ],
    },
  ],
});

describe('a key result period on the dashboard card and in kasa report', () => {
  it('is the same text, ending on the last included day', async () => {
    const report = await dashboardReport(summaryAggregates([]), {
      now: Date.UTC(2026, 10, 20),
      okr,
      experiments: [],
      costs: [],
    });
    for (const lang of ['pl', 'en'] as const) {
      const cli = formatReport(report, lang).split('\n');
      for (const card of report.krs) {
        const onCard = krPeriodLabel(card.keyResult.period, MESSAGES[lang], lang);
        // The card says "okres …"/"period …"; the CLI prints the same dates in its Period column.
        const dates = onCard.replace(/^(okres|period) /, '');
        const line = cli.find((l) => l.includes(`(${card.keyResult.key})`)) ?? '';
        expect(line, `${lang} ${card.keyResult.key}`).toContain(dates);
      }
    }
    expect(krPeriodLabel(report.krs[0]?.keyResult.period ?? { from: 0, to: 0 }, MESSAGES.pl, 'pl')).toBe(
      'okres 1.10–31.12.2026',
    );
    expect(formatReport(report, 'pl')).toContain('15.12.2026–28.02.2027');
  });
});
