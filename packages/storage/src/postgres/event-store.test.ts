import { describe, it } from 'vitest';
import { describeEventStore } from '../events/event-store.contract.ts';
import { createPostgresEventStore } from './event-store.ts';
import { postgresSchemasForTests, postgresUrlForTests } from './test-url.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'events');
  describeEventStore('PostgreSQL', async () => createPostgresEventStore(await freshPool()));
} else {
  describe('PostgreSQL event store', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
