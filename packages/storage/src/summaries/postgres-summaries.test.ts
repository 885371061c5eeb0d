import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../events/event-store.contract.ts';
import { createPostgresAnalytics } from '../postgres/analytics.ts';
import { postgresSchemasForTests, postgresUrlForTests } from '../postgres/test-url.ts';
import { describeSummaryStore } from './summaries.contract.ts';
import { createSummarizer } from './summarizer.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'summaries');
  describeSummaryStore('PostgreSQL', async () => {
    return createPostgresAnalytics(await freshPool());
  });

  describe('PostgreSQL summary folds', () => {
    it('prepare each statement once per connection and run it by name in every later fold', async () => {
      const { rows } = await (await freshPool()).query<{ search_path: string }>('SHOW search_path');
      // One connection, so the statements it has prepared are the ones every fold ran.
      const single = new pg.Pool({
        connectionString: url,
        max: 1,
        options: `-c search_path=${rows[0]?.search_path}`,
      });
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
  });
} else {
  describe('PostgreSQL summaries', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
