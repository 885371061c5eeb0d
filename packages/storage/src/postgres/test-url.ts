import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgres } from './database.ts';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The PostgreSQL that tests use: KASA_TEST_POSTGRES_URL (set by .ci/run), else the local default
 * when it answers. Undefined, with a message saying so, when none does.
 */
export async function postgresUrlForTests(): Promise<string | undefined> {
  const url = process.env.KASA_TEST_POSTGRES_URL ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch (error) {
    console.warn(`Skipping PostgreSQL tests: no server answered at ${url} (${(error as Error).message}).`);
    return undefined;
  }
}

/**
 * Fresh pools for one test file, each on a schema of its own (so every store starts empty and
 * nothing touches the public schema), dropped after the file's tests.
 *
 * @example
 * const freshPool = postgresSchemasForTests(url, 'events');
 * const pool = await freshPool();
 */
export function postgresSchemasForTests(url: string, name: string): () => Promise<pg.Pool> {
  const pools: { pool: pg.Pool; schema: string }[] = [];
  afterAll(async () => {
    for (const { pool, schema } of pools) {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    }
  });
  return async () => {
    const schema = `kasa_test_${name}_${process.pid}_${pools.length}`;
    const pool = await openPostgres(url, { schema });
    pools.push({ pool, schema });
    return pool;
  };
}
