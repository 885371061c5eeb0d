/**
 * The collector benchmark's server, in its own process so the load generator does not share its
 * event loop. Argument: `sqlite <file>` or `postgres <url>`. Prints `{ url }` once listening.
 */
import { configSchema, createRuntime, listen } from '@kasa/server';
import { createPostgresEventStore, openPostgres } from '@kasa/storage';

const [store, location] = process.argv.slice(2);
const config = configSchema.parse({
  databaseFile: store === 'sqlite' ? location : ':memory:',
  logLevel: 'silent',
  collectRateLimit: { max: 100_000_000 },
});
const events =
  store === 'postgres' && location ? createPostgresEventStore(await openPostgres(location)) : undefined;
const runtime = createRuntime({ config, publicUrl: 'http://127.0.0.1', ...(events ? { events } : {}) });
const server = await listen(runtime.app.fetch, 0);
const address = server.address();
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`,
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
