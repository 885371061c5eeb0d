import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../events/event-store.contract.ts';
import { createSummarizer } from '../summaries/summarizer.ts';
import { createPostgresAnalytics } from './analytics.ts';
import { openPostgres } from './database.ts';
import { postgresSchemasForTests, postgresUrlForTests } from './test-url.ts';

const url = await postgresUrlForTests();

if (url) {
  const freshPool = postgresSchemasForTests(url, 'analytics');

  /** This server's analytics and a second server's on the same schema. */
  async function twoServers() {
    const pool = await freshPool();
    const { rows } = await pool.query<{ name: string }>('SELECT current_schema() AS name');
    const otherPool = await openPostgres(url as string, { schema: rows[0]?.name });
    return {
      pool,
      otherPool,
      here: createPostgresAnalytics(pool),
      there: createPostgresAnalytics(otherPool),
    };
  }

  describe('PostgreSQL analytics', () => {
    it('folds the events this server stored from memory, without reading their rows back', async () => {
      const pool = await freshPool();
      const { events, summaries } = createPostgresAnalytics(pool);
      await events.append([sampleEvent({ checkoutId: 'chk_here' }), sampleEvent({ checkoutId: 'chk_here' })]);
      // Rows changed behind the server's back: a fold that read them would summarise chk_moved.
      await pool.query(`UPDATE kasa_events SET payload = jsonb_set(payload, '{checkoutId}', '"chk_moved"')`);
      expect(await createSummarizer(summaries).catchUp()).toBe(2);
      const loaded = await summaries.load(['chk_here', 'chk_moved']);
      expect([...loaded.keys()]).toEqual(['chk_here']);
    });

    it("reads the table when another server's rows lie among the remembered ones", async () => {
      const { otherPool, here, there } = await twoServers();
      await here.events.append([sampleEvent({ checkoutId: 'chk_1' })]);
      await there.events.append([sampleEvent({ checkoutId: 'chk_2' })]);
      await here.events.append([sampleEvent({ checkoutId: 'chk_3' })]);
      expect(await createSummarizer(here.summaries).catchUp()).toBe(3);
      const loaded = await here.summaries.load(['chk_1', 'chk_2', 'chk_3']);
      expect([...loaded.keys()].sort()).toEqual(['chk_1', 'chk_2', 'chk_3']);
      await otherPool.end();
    });

    it('reads the table when as many rows lie there as it remembers, but not the same ones', async () => {
      const { pool, otherPool, here, there } = await twoServers();
      const deleted = sampleEvent({ checkoutId: 'chk_deleted' });
      await here.events.append([deleted]);
      await there.events.append([sampleEvent({ checkoutId: 'chk_other' })]);
      await here.events.append([sampleEvent({ checkoutId: 'chk_kept' })]);
      await pool.query('DELETE FROM kasa_events WHERE id = $1', [deleted.id]);
      // Remembered: the deleted row and the kept one; stored: the other server's and the kept one.
      expect(await createSummarizer(here.summaries).catchUp()).toBe(2);
      const loaded = await here.summaries.load(['chk_deleted', 'chk_other', 'chk_kept']);
      expect([...loaded.keys()].sort()).toEqual(['chk_kept', 'chk_other']);
      await otherPool.end();
    });
  });
} else {
  describe('PostgreSQL analytics', () => {
    it.skip('needs KASA_TEST_POSTGRES_URL or a server at 127.0.0.1:5432 (skipped: none answered)', () => {});
  });
}
