import { createHash } from 'node:crypto';
import pg from 'pg';
import { postgresMigrations } from './migrations.ts';

/**
 * A pool on the given database with every pending migration applied, under an advisory lock so
 * two servers starting together do not race.
 *
 * @example const pool = await openPostgres('postgres://postgres@127.0.0.1:5432/test');
 */
export async function openPostgres(
  connectionString: string,
  options: { schema?: string } = {},
): Promise<pg.Pool> {
  const schema = options.schema?.replace(/[^a-z0-9_]/gi, '');
  if (schema) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await setup.end();
  }
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7303)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS kasa_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM kasa_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of postgresMigrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO kasa_migrations (version, applied_at) VALUES ($1, now())', [
        migration.version,
      ]);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7303)').catch(() => undefined);
    client.release();
  }
  return pool;
}

/**
 * Runs `work` on one client inside BEGIN … COMMIT, rolled back when it throws.
 *
 * @example await inTransaction(pool, (client) => client.query('DELETE FROM kasa_events'));
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** A statement with a name: see {@link preparedStatement}. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * A statement each pooled connection prepares the first time it runs it and then runs by name:
 * PostgreSQL parses and plans it once per connection instead of on every call. For the statements
 * every append and every summary fold run. Named after a digest of its text, so two statements never
 * share a name (PostgreSQL refuses a name prepared again with other text).
 *
 * @example
 * const COUNT = preparedStatement('SELECT COUNT(*) FROM kasa_events WHERE shop_id = $1');
 * await pool.query({ ...COUNT, values: ['demo'] });
 */
export function preparedStatement(text: string): PreparedStatement {
  return { name: `kasa_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
}
