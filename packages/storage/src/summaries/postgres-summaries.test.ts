import { describe, it } from 'vitest';
import { createPostgresEventStore } from '../postgres/event-store.ts';
import { postgresSchemasForTests, postgresUrlForTests } from '../postgres/test-url.ts';
import { createPostgresSummaries } from './postgres-summaries.ts';
import { describeSummaryStore } from './summaries.contract.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'summaries');
  describeSummaryStore('PostgreSQL', async () => {
    const pool = await freshPool();
    return { events: createPostgresEventStore(pool), summaries: createPostgresSummaries(pool) };
  });
} else {
  describe('PostgreSQL summaries', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
