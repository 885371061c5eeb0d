import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('keeps per-device costs beside a cost of all devices, each replaced only by its own re-import', () => {
    const settings = createSqliteAnalyticsSettings(openSqlite(':memory:'));
    const mobile = { ...cost('2026-11-02', 'zima', 30_00), device: 'mobile' as const };
    settings.importCosts([cost('2026-11-02', 'zima', 50_00), mobile, { ...mobile, device: 'desktop' }]);
    settings.importCosts([{ ...mobile, cost: 35_00 }]);
    expect(settings.costs().map((row) => [row.campaign, row.device, row.cost])).toEqual([
      ['zima', undefined, 50_00],
      ['zima', 'desktop', 30_00],
      ['zima', 'mobile', 35_00],
    ]);
    expect('device' in (settings.costs()[0] ?? {})).toBe(false);
  });

  it('keeps the costs saved before the device column, as costs of all devices (migration 8)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kasa-costs-')), 'kasa.db');
    const before = openSqlite(file);
    // The table as migration 3 made it, with a cost in it, and migration 8 not yet applied.
    before.exec(`DROP TABLE kasa_campaign_costs;
      CREATE TABLE kasa_campaign_costs (date TEXT NOT NULL, source TEXT NOT NULL, medium TEXT NOT NULL,
        campaign TEXT NOT NULL, cost INTEGER NOT NULL, PRIMARY KEY (date, source, medium, campaign));
      INSERT INTO kasa_campaign_costs VALUES ('2026-11-02', 'google', 'cpc', 'zima', 5000);
      DELETE FROM kasa_migrations WHERE version = 8;`);
    before.close();
    const settings = createSqliteAnalyticsSettings(openSqlite(file));
    expect(settings.costs()).toEqual([cost('2026-11-02', 'zima', 50_00)].map((row) => ({ ...row, line: 1 })));
    settings.importCosts([{ ...cost('2026-11-02', 'zima', 20_00), device: 'mobile' }]);
    expect(settings.costs()).toHaveLength(2);
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
