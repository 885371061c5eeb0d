import type pg from 'pg';
import { createPostgresSummaries } from '../summaries/postgres-summaries.ts';
import { createPostgresEventStore } from './event-store.ts';
import { createEventTail } from './event-tail.ts';

/**
 * Events and their summaries on one PostgreSQL pool, as a server runs them: the event store
 * remembers what it stored (a tail), so the summaries fold it without reading it back.
 *
 * @example
 * const { events, summaries } = createPostgresAnalytics(await openPostgres(url));
 */
export function createPostgresAnalytics(pool: pg.Pool) {
  const tail = createEventTail();
  return {
    events: createPostgresEventStore(pool, { tail }),
    summaries: createPostgresSummaries(pool, { tail }),
  };
}
