import { DAY_MS, simulateCheckouts, summarize, summaryAggregates } from '@kasa/analytics';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../sqlite/database.ts';
import { createSqliteEventStore } from '../sqlite/event-store.ts';
import { ROLLUP_TABLES, rollupFillSql } from './rollups.ts';
import { createSqliteSummaries } from './sqlite-summaries.ts';
import { describeSummaryStore } from './summaries.contract.ts';
import { summaryRecord } from './summary-record.ts';

describeSummaryStore('SQLite', async () => {
  const db = openSqlite(':memory:');
  return { events: createSqliteEventStore(db), summaries: createSqliteSummaries(db) };
});

describe('SQLite rollups', () => {
  it('are filled from summaries saved before they existed, as the migration does', async () => {
    const db = openSqlite(':memory:');
    const summaries = createSqliteSummaries(db);
    const start = Date.UTC(2026, 9, 1);
    const all = summarize(
      [...simulateCheckouts({ seed: 5, checkouts: 400, startTs: start, spanMs: 4 * DAY_MS })].flat(),
    );
    await summaries.save(
      all.map((s) => summaryRecord(s, false)),
      0,
      1,
    );
    const options = { now: start + 3 * DAY_MS, filters: { device: 'mobile' as const } };
    const query = { base: 'checkout', groupBy: ['layout', 'furthest'] } as const;
    const kept = await summaries.cells(query, options);
    for (const table of ROLLUP_TABLES) db.exec(`DELETE FROM ${table}`);
    expect((await summaries.cells(query, options)).cells).not.toEqual(kept.cells);
    db.exec(rollupFillSql());
    const filled = await summaries.cells(query, options);
    expect(filled).toEqual(kept);
    const byKey = (c: { readonly key: object }) => JSON.stringify(c.key);
    expect(filled.cells.map(byKey).sort()).toEqual(
      summaryAggregates(all).cells(query, options).cells.map(byKey).sort(),
    );
    expect(await summaries.fieldErrors(options)).toHaveLength(
      summaryAggregates(all).fieldErrors(options).length,
    );
  });
});
