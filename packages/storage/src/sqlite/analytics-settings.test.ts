import { okrSchema } from '@kasa/analytics';
import { describe, expect, it } from 'vitest';
import { createSqliteAnalyticsSettings } from './analytics-settings.ts';
import { openSqlite } from './database.ts';

const cost = (date: string, campaign: string, grosze: number) => ({
  line: 2,
  date,
  source: 'google',
  medium: 'cpc',
  campaign,
  cost: grosze,
});

describe('SQLite analytics settings', () => {
  it('a re-imported cost row for the same date and channel replaces the earlier one', () => {
    const settings = createSqliteAnalyticsSettings(openSqlite(':memory:'));
    settings.importCosts([cost('2026-11-02', 'zima', 100_00), cost('2026-11-01', 'zima', 50_00)]);
    settings.importCosts([cost('2026-11-02', 'zima', 120_00), cost('2026-11-02', 'lato', 10_00)]);
    expect(settings.costs().map((row) => [row.date, row.campaign, row.cost])).toEqual([
      ['2026-11-01', 'zima', 50_00],
      ['2026-11-02', 'lato', 10_00],
      ['2026-11-02', 'zima', 120_00],
    ]);
  });

  it('keeps no OKRs until saved, then returns what was saved', () => {
    const settings = createSqliteAnalyticsSettings(openSqlite(':memory:'));
    expect(settings.okr()).toBeUndefined();
    const okr = okrSchema.parse({
      objectives: [
        {
          key: 'checkout',
          title: 'Mniej porzuceń',
          keyResults: [
            {
              key: 'abandonment',
              metric: 'checkout_abandonment',
              baseline: 0.7,
              target: 0.5,
              period: { from: '2026-10-01', to: '2027-01-01' },
            },
          ],
        },
      ],
    });
    settings.saveOkr(okr);
    expect(settings.okr()).toEqual(okr);
  });
});
