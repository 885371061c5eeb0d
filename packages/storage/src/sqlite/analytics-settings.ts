import type { CostRow, OkrConfig } from '@kasa/analytics';
import type { SqliteDatabase } from './database.ts';

/** What a merchant sets for analytics and keeps beside the orders: campaign costs and OKRs. */
export interface AnalyticsSettings {
  costs(): CostRow[];
  /**
   * Adds cost rows; a row for the same date, channel and device (or all devices) replaces the earlier
   * one (a re-import). A per-device row and an all-devices row of one day are kept side by side.
   */
  importCosts(rows: readonly CostRow[]): number;
  /** The OKRs saved from the dashboard, or undefined when never saved (the configuration's apply). */
  okr(): OkrConfig | undefined;
  saveOkr(config: OkrConfig): void;
}

/**
 * Analytics settings in the embedded SQLite file. Values are validated by the caller (the HTTP
 * route or the CLI) with the schemas of @kasa/analytics before they get here.
 */
export function createSqliteAnalyticsSettings(db: SqliteDatabase): AnalyticsSettings {
  const costs = db.prepare<
    [],
    { date: string; source: string; medium: string; campaign: string; device: string; cost: number }
  >(
    'SELECT date, source, medium, campaign, device, cost FROM kasa_campaign_costs ORDER BY date, source, medium, campaign, device',
  );
  const upsertCost = db.prepare(
    `INSERT INTO kasa_campaign_costs (date, source, medium, campaign, device, cost) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (date, source, medium, campaign, device) DO UPDATE SET cost = excluded.cost`,
  );
  const importCosts = db.transaction((rows: readonly CostRow[]) => {
    for (const row of rows) {
      upsertCost.run(row.date, row.source, row.medium, row.campaign, row.device ?? '', row.cost);
    }
    return rows.length;
  });
  const setting = db.prepare<[string], { value: string }>('SELECT value FROM kasa_settings WHERE key = ?');
  const saveSetting = db.prepare(
    'INSERT INTO kasa_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    costs: () =>
      costs.all().map(({ device, ...row }, i) => ({
        ...row,
        ...(device ? { device: device as NonNullable<CostRow['device']> } : {}),
        line: i + 1,
      })),
    importCosts,
    okr() {
      const row = setting.get('okr');
      return row ? (JSON.parse(row.value) as OkrConfig) : undefined;
    },
    saveOkr(config) {
      saveSetting.run('okr', JSON.stringify(config));
    },
  };
}
