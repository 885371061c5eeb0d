import type pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { describeEventStore } from '../events/event-store.contract.ts';
import { openPostgres } from './database.ts';
import { createPostgresEventStore } from './event-store.ts';
import { postgresUrlForTests } from './test-url.ts';

const url = await postgresUrlForTests();
const pools: { pool: pg.Pool; schema: string }[] = [];
afterAll(async () => {
  for (const { pool, schema } of pools) {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }
});

if (url) {
  describeEventStore('PostgreSQL', async () => {
    // A schema per store: each test starts empty, and nothing touches the database's public schema.
    const schema = `kasa_test_${process.pid}_${pools.length}`;
    const pool = await openPostgres(url, { schema });
    pools.push({ pool, schema });
    return createPostgresEventStore(pool);
  });
} else {
  describe('PostgreSQL event store', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
