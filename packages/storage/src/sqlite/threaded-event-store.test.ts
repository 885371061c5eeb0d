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
