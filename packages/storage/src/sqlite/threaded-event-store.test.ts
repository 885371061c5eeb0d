import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEventStore, sampleEvent } from '../events/event-store.contract.ts';
import { openSqlite } from './database.ts';
import { createSqliteEventStore } from './event-store.ts';
import { createThreadedSqliteEventStore } from './threaded-event-store.ts';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'kasa-events-')), 'kasa.db');

describeEventStore('SQLite written by a worker thread', async () =>
  createThreadedSqliteEventStore(openSqlite(freshFile())),
);

describe('rows the writer thread makes', () => {
  it("fills each column from the event's own fields, and leaves absent ones empty", async () => {
    const db = openSqlite(freshFile());
    const store = createThreadedSqliteEventStore(db);
    const full = sampleEvent({ visitorId: 'v_1', sessionId: 's_1', simulated: true });
    const bare = sampleEvent({ checkoutId: undefined });
    await store.append([full, bare]);
    const rows = db
      .prepare(
        `SELECT id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload
         FROM kasa_events ORDER BY rowid`,
      )
      .all();
    expect(rows).toEqual([
      {
        id: full.id,
        name: 'field_blur',
        ts: full.ts,
        shop_id: 'demo',
        checkout_id: 'chk_contract',
        visitor_id: 'v_1',
        session_id: 's_1',
        simulated: 1,
        payload: JSON.stringify(full),
      },
      {
        id: bare.id,
        name: 'field_blur',
        ts: bare.ts,
        shop_id: 'demo',
        checkout_id: null,
        visitor_id: null,
        session_id: null,
        simulated: 0,
        payload: JSON.stringify(bare),
      },
    ]);
    await store.close();
    db.close();
  });
});

describe('closing the threaded event store', () => {
  it('writes every batch sent before the close', async () => {
    const file = freshFile();
    const db = openSqlite(file);
    const store = createThreadedSqliteEventStore(db);
    const appends = Array.from({ length: 20 }, () => store.append([sampleEvent(), sampleEvent()]));
    await store.close();
    expect((await Promise.all(appends)).reduce((sum, { stored }) => sum + stored, 0)).toBe(40);
    db.close();
    const reopened = openSqlite(file);
    expect(await createSqliteEventStore(reopened).count()).toBe(40);
    reopened.close();
  });

  it('lets the writer close its connections and exit by itself, then refuses appends', async () => {
    const db = openSqlite(freshFile());
    const store = createThreadedSqliteEventStore(db);
    await store.append([sampleEvent()]);
    await store.close(60_000);
    // Exit code 0: the thread ended on its own; a terminated one exits with 1.
    await expect(store.append([sampleEvent()])).rejects.toThrow('event writer: stopped (exit code 0)');
    db.close();
  });
});
