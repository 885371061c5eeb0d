import { describe, it } from 'vitest';
import { createPostgresAnalytics } from '../postgres/analytics.ts';
import { postgresSchemasForTests, postgresUrlForTests } from '../postgres/test-url.ts';
import { openSqlite } from '../sqlite/database.ts';
import { createSqliteEventStore } from '../sqlite/event-store.ts';
import { describeSimulatedDeletion } from './simulated-data.contract.ts';
import { createSqliteSummaries } from './sqlite-summaries.ts';

describeSimulatedDeletion('SQLite', async () => {
  const db = openSqlite(':memory:');
  return { events: createSqliteEventStore(db), summaries: createSqliteSummaries(db) };
});

const url = await postgresUrlForTests();
if (url) {
  const freshPool = postgresSchemasForTests(url, 'simulated');
  describeSimulatedDeletion('PostgreSQL', async () => {
    return createPostgresAnalytics(await freshPool());
  });
} else {
  describe('PostgreSQL: deleting simulated data', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
