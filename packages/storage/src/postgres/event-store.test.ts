import { describe, expect, it } from 'vitest';
import { describeEventStore, sampleEvent } from '../events/event-store.contract.ts';
import { createPostgresEventStore } from './event-store.ts';
import { postgresSchemasForTests, postgresUrlForTests } from './test-url.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'events');
  describeEventStore('PostgreSQL', async () => createPostgresEventStore(await freshPool()));

  describe('PostgreSQL event rows', () => {
    it("fills each column from the event's own fields, and leaves absent ones empty", async () => {
      const pool = await freshPool();
      const full = sampleEvent({ visitorId: 'v_1', sessionId: 's_1', simulated: true });
      const bare = sampleEvent({ checkoutId: undefined });
      await createPostgresEventStore(pool).append([full, bare]);
      const { rows } = await pool.query(
        `SELECT id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload
         FROM kasa_events ORDER BY seq`,
      );
      expect(rows).toEqual([
        {
          id: full.id,
          name: 'field_blur',
          ts: String(full.ts),
          shop_id: 'demo',
          checkout_id: 'chk_contract',
          visitor_id: 'v_1',
          session_id: 's_1',
          simulated: true,
          payload: full,
        },
        {
          id: bare.id,
          name: 'field_blur',
          ts: String(bare.ts),
          shop_id: 'demo',
          checkout_id: null,
          visitor_id: null,
          session_id: null,
          simulated: false,
          payload: bare,
        },
      ]);
    });
  });
} else {
  describe('PostgreSQL event store', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
