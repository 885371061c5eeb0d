import { describe, it } from 'vitest';
import { createPostgresAnalytics } from '../postgres/analytics.ts';
import { postgresSchemasForTests, postgresUrlForTests } from '../postgres/test-url.ts';
import { describeSummaryStore } from './summaries.contract.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'summaries');
  describeSummaryStore('PostgreSQL', async () => {
    return createPostgresAnalytics(await freshPool());
  });
} else {
  describe('PostgreSQL summaries', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
