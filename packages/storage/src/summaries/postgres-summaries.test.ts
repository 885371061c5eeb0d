import { simulateCheckouts } from '@kasa/analytics';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../events/event-store.contract.ts';
import { createPostgresAnalytics } from '../postgres/analytics.ts';
import { postgresSchemasForTests, postgresUrlForTests } from '../postgres/test-url.ts';
import { describeSummaryStore } from './summaries.contract.ts';
import { createSummarizer } from './summarizer.ts';
import { CHILD_TABLES } from './summary-record.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'summaries');
  describeSummaryStore('PostgreSQL', async () => {
    return createPostgresAnalytics(await freshPool());
  });

  /** A pool of one connection on a fresh schema: what it has prepared and counted is every fold's. */
  const singleConnection = async () => {
    const { rows } = await (await freshPool()).query<{ search_path: string }>('SHOW search_path');
    return new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${rows[0]?.search_path}` });
  };

  describe('PostgreSQL summary folds', () => {
    it('prepare each statement once per connection and run it by name in every later fold', async () => {
      const single = await singleConnection();
      try {
        const { events, summaries } = createPostgresAnalytics(single);
        const summarizer = createSummarizer(summaries);
        const prepared = async () => {
          const result = await single.query<{ name: string; runs: number }>(
            `SELECT name, generic_plans + custom_plans AS runs FROM pg_prepared_statements
             WHERE statement LIKE '%kasa_summary%' ORDER BY name`,
          );
          return result.rows;
        };
        await events.append([sampleEvent({ checkoutId: 'chk_first' })]);
        await summarizer.catchUp();
        const afterOne = await prepared();
        await events.append([sampleEvent({ checkoutId: 'chk_second' })]);
        await summarizer.catchUp();
        const afterTwo = await prepared();

        // The cursor, the states, the summary rows, the rollups: all prepared, none twice.
        expect(afterOne.length).toBeGreaterThanOrEqual(8);
        expect(afterTwo.map((s) => s.name)).toEqual(afterOne.map((s) => s.name));
        const runs = (list: typeof afterOne) => list.reduce((total, s) => total + Number(s.runs), 0);
        expect(runs(afterTwo)).toBeGreaterThan(runs(afterOne));
      } finally {
        await single.end();
      }
    });

    it('look up the checkouts they fold by index, not by scanning the tables, before any statistics exist', async () => {
      const single = await singleConnection();
      try {
        const { events, summaries } = createPostgresAnalytics(single);
        const summarizer = createSummarizer(summaries);
        const checkouts = [...simulateCheckouts({ seed: 5, checkouts: 600, startTs: Date.UTC(2026, 10, 2) })];
        // Every checkout's first half, then its second: the second fold rewrites stored checkouts.
        const middle = (checkout: readonly unknown[]) => Math.ceil(checkout.length / 2);
        const firstHalves = checkouts.flatMap((checkout) => checkout.slice(0, middle(checkout)));
        const secondHalves = checkouts.flatMap((checkout) => checkout.slice(middle(checkout)));
        // The tables a fold rewrites, one row or more per checkout.
        const CHECKOUT_TABLES = [
          'kasa_checkout_summaries',
          ...Object.values(CHILD_TABLES).map((c) => c.table),
        ];
        const sequentialScans = async () => {
          // Counters reach the statistics views once the backend flushes them; this forces it.
          await single.query('SELECT pg_stat_force_next_flush()');
          const { rows } = await single.query<{ relname: string; seq_scan: string }>(
            `SELECT relname, seq_scan FROM pg_stat_user_tables
             WHERE schemaname = current_schema() AND relname = ANY($1) ORDER BY relname`,
            [CHECKOUT_TABLES],
          );
          return Object.fromEntries(rows.map((row) => [row.relname, Number(row.seq_scan)]));
        };
        // No statistics until the test ends: autovacuum would otherwise analyze these tables at any time.
        for (const table of CHECKOUT_TABLES) {
          await single.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
        }
        await events.append(firstHalves);
        await summarizer.catchUp();
        const before = await sequentialScans();
        const analyzed = await single.query(
          `SELECT relname FROM pg_stat_user_tables
           WHERE schemaname = current_schema() AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`,
        );
        await events.append(secondHalves);
        await summarizer.catchUp();

        expect(analyzed.rows).toEqual([]);
        expect(Object.keys(before)).toHaveLength(4);
        expect(await sequentialScans()).toEqual(before);
      } finally {
        await single.end();
      }
    });
  });
} else {
  describe('PostgreSQL summaries', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
