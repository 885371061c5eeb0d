import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStore } from '../events/event-store.contract.ts';
import { openSqlite } from './database.ts';
import { createThreadedSqliteEventStore } from './threaded-event-store.ts';

describeEventStore('SQLite written by a worker thread', async () =>
  createThreadedSqliteEventStore(openSqlite(join(mkdtempSync(join(tmpdir(), 'kasa-events-')), 'kasa.db'))),
);
