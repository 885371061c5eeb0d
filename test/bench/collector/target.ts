/**
 * The collector benchmark's server, in its own process so the load generator does not share its
 * event loop. Arguments: `sqlite <file>` or `postgres <url> <schema>`. Prints `{ url }` once listening.
 */
import { configSchema, createRuntime, listen } from '@kasa/server';
import { createPostgresAnalytics, openPostgres } from '@kasa/storage';

const [store, location, schema] = process.argv.slice(2);
const config = configSchema.parse({
  databaseFile: store === 'sqlite' ? location : ':memory:',
  logLevel: 'silent',
  collectRateLimit: { max: 100_000_000 },
});
// PostgreSQL holds the events and their summaries; the summaries are built during the run, as in production.
const pool =
  store === 'postgres' && location ? await openPostgres(location, { schema: schema || 'public' }) : undefined;
const analytics = pool ? createPostgresAnalytics(pool) : undefined;
const runtime = createRuntime({ config, publicUrl: 'http://127.0.0.1', ...(analytics ? { analytics } : {}) });
const server = await listen(runtime.app.fetch, 0);
const address = server.address();
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`,
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
