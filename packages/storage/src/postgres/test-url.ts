import pg from 'pg';

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
