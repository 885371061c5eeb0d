import { describeEventStore } from '../events/event-store.contract.ts';
import { openSqlite } from './database.ts';
import { createSqliteEventStore } from './event-store.ts';

describeEventStore('SQLite', async () => createSqliteEventStore(openSqlite(':memory:')));
