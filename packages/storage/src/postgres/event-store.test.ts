import { describe, expect, it } from 'vitest';
import { describeEventStore, sampleEvent } from '../events/event-store.contract.ts';
import { openPostgres } from './database.ts';
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

    it('commits positions in order across servers, so a reader following them misses no event', async () => {
      const pool = await freshPool();
      const { rows: schema } = await pool.query<{ name: string }>('SELECT current_schema() AS name');
      // A second server on the same database: its appends queue apart from the first one's.
      const other = await openPostgres(url, { schema: schema[0]?.name });
      const stores = [createPostgresEventStore(pool), createPostgresEventStore(other)];
      const seen = new Set<string>();
      let position = 0;
      const follow = async () => {
        const { rows } = await pool.query<{ seq: string; id: string }>(
          'SELECT seq, id FROM kasa_events WHERE seq > $1 ORDER BY seq',
          [position],
        );
        for (const row of rows) seen.add(row.id);
        position = Number(rows.at(-1)?.seq ?? position);
      };
      let appending = true;
      const reader = (async () => {
        while (appending) await follow();
      })();
      // Rounds in which both servers insert a batch large enough for the two inserts to overlap:
      // without the lock, the one that took the later positions could commit first.
      let stored = 0;
      for (let round = 0; round < 12; round++) {
        const batches = stores.map((store) => store.append(Array.from({ length: 300 }, () => sampleEvent())));
        for (const result of await Promise.all(batches)) stored += result.stored;
      }
      appending = false;
      await reader;
      await follow();
      await other.end();
      expect(stored).toBe(12 * 2 * 300);
      expect(seen.size).toBe(stored);
    });
  });
} else {
  describe('PostgreSQL event store', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
