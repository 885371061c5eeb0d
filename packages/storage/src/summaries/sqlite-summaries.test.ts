import { openSqlite } from '../sqlite/database.ts';
import { createSqliteEventStore } from '../sqlite/event-store.ts';
import { createSqliteSummaries } from './sqlite-summaries.ts';
import { describeSummaryStore } from './summaries.contract.ts';

describeSummaryStore('SQLite', async () => {
  const db = openSqlite(':memory:');
  return { events: createSqliteEventStore(db), summaries: createSqliteSummaries(db) };
});
