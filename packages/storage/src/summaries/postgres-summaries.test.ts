import type pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openPostgres } from '../postgres/database.ts';
import { createPostgresEventStore } from '../postgres/event-store.ts';
import { postgresUrlForTests } from '../postgres/test-url.ts';
import { createPostgresSummaries } from './postgres-summaries.ts';
import { describeSummaryStore } from './summaries.contract.ts';

const url = await postgresUrlForTests();
const pools: { pool: pg.Pool; schema: string }[] = [];
afterAll(async () => {
  for (const { pool, schema } of pools) {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }
});

if (url) {
  describeSummaryStore('PostgreSQL', async () => {
    const schema = `kasa_test_summaries_${process.pid}_${pools.length}`;
    const pool = await openPostgres(url, { schema });
    pools.push({ pool, schema });
    return { events: createPostgresEventStore(pool), summaries: createPostgresSummaries(pool) };
  });
} else {
  describe('PostgreSQL summaries', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
