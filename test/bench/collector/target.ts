/**
 * The collector benchmark's server, in its own process so the load generator does not share its
 * event loop. Arguments: `kasa`, `bare` or `validating`, then `sqlite <file>` or
 * `postgres <url> <schema>`. Prints `{ url }` once listening.
 *
 * - `kasa`: the real server, which validates every event and builds the summaries while ingesting,
 *   with the garbage collector set as `kasa start` sets it.
 * - `bare`: the least an HTTP collector does on the same store: a Hono route that parses the body
 *   and appends its events, no validation, no summaries. The floor HTTP and the load generator set.
 * - `validating`: the bare route that also validates every event as Kasa's collector does
 *   (`validateBatch`, the browser event schema) and appends the valid ones; still no summaries.
 *   The least a collector that checks what it stores does.
 */
import type { CheckoutEvent, EventStore } from '@kasa/core';
import {
  configSchema,
  createRuntime,
  listen,
  singleThreadScavengeOnFewCores,
  validateBatch,
} from '@kasa/server';
import {
  createPostgresAnalytics,
  createPostgresEventStore,
  createThreadedSqliteEventStore,
  openPostgres,
  openSqlite,
} from '@kasa/storage';
import { Hono } from 'hono';

const [side, store, location = '', schema] = process.argv.slice(2);
// PostgreSQL holds the events (and for Kasa their summaries, built during the run, as in production).
const pool = store === 'postgres' ? await openPostgres(location, { schema: schema || 'public' }) : undefined;

function kasaApp() {
  singleThreadScavengeOnFewCores();
  const config = configSchema.parse({
    databaseFile: store === 'sqlite' ? location : ':memory:',
    logLevel: 'silent',
    collectRateLimit: { max: 100_000_000 },
  });
  const analytics = pool ? createPostgresAnalytics(pool) : undefined;
  return createRuntime({ config, publicUrl: 'http://127.0.0.1', ...(analytics ? { analytics } : {}) }).app;
}

function bareApp(validates: boolean) {
  const events: EventStore = pool
    ? createPostgresEventStore(pool)
    : createThreadedSqliteEventStore(openSqlite(location));
  return new Hono().post('/api/collect', async (c) => {
    const batch = JSON.parse(await c.req.text()) as { events: CheckoutEvent[] };
    return c.json(await events.append(validates ? validateBatch(batch.events).valid : batch.events));
  });
}

const app = side === 'kasa' ? kasaApp() : bareApp(side === 'validating');
const server = await listen(app.fetch, 0);
const address = server.address();
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`,
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
