/**
 * Collector ingest benchmark on 127.0.0.1: sustained POST /api/collect with batches of 50 unique,
 * valid events into SQLite and into PostgreSQL, each beside the raw batched insert rate of the
 * same rows straight into that database, of a bare HTTP collector (parse and append, nothing
 * else: the floor HTTP and the load generator set) and of a validating one (the bare one that also
 * validates every event as Kasa does: the least a collector that checks what it stores does), in
 * rounds taken in turns (the ratio is the median of the rounds' own ratios). Every side first
 * writes a tenth as many batches again, unmeasured (code compiled, threads started); on PostgreSQL
 * a checkpoint then writes out the dirty pages, so that none falls inside a measured run. Bounded
 * by a fixed number of batches per round. Prints a goal line per store: the collector within 1.3×
 * of the raw batched insert (issue 19).
 *
 *   pnpm bench   (or: pnpm --filter @kasa/bench exec tsx collector/run.ts)
 *   BENCH_STORES=sqlite (or postgres) measures one store only; BENCH_BATCHES sets the batches,
 *   BENCH_ROUNDS the rounds;
 *   BENCH_PROFILE=<folder> keeps CPU profiles of the server's threads.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '@kasa/storage';
import autocannon from 'autocannon';
import pg from 'pg';
import { median, medianBy, middleHalf } from '../median.ts';
import { cpuMs, msPer1kEvents, peakRssMb, postgresCpuMs } from '../process-stats.ts';
import { eventBatch } from './events.ts';
import { checkpoint, type RawRun, rawPostgresRate, rawSqliteRate, warmUpBatches } from './raw-insert.ts';

const BATCH = 50;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 3_000);
/** Rounds of each (collector, bare and validating collectors, raw insert), taken in turns. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POSTGRES_URL = process.env.KASA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Which stores to measure (`sqlite`, `postgres` or both, comma-separated); both by default. */
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
/** BENCH_PROFILE=<folder>: the server writes a CPU profile of each of its threads there. */
const PROFILE = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
/** The goal of issue 19: the collector within this factor of the raw batched insert of the same rows. */
const GOAL_RATIO = 1.3;

/** Which server takes the batches: Kasa's, the bare HTTP collector or the validating one (target.ts). */
type Side = 'kasa' | 'bare' | 'validating';
/** The servers each round measures, in this order, before the raw insert. */
const SIDES: readonly Side[] = ['kasa', 'bare', 'validating'];

async function startTarget(
  side: Side,
  store: string,
  location: string,
  schema = '',
): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./target.ts', import.meta.url));
  const args = [...PROFILE, '--import', 'tsx', script, side, store, location, schema];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`collector target exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

/** Stored events not yet folded into the checkout summaries. */
async function summaryBacklog(store: string, location: string, schema?: string): Promise<number> {
  const sql = (prefix: string, position: string) =>
    `SELECT (SELECT COALESCE(MAX(${position}), 0) FROM ${prefix}kasa_events)
       - COALESCE((SELECT position FROM ${prefix}kasa_summary_cursor WHERE name = 'events'), 0) AS n`;
  if (store === 'sqlite') {
    const db = openSqlite(location);
    try {
      return Number((db.prepare(sql('', 'rowid')).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const n = await postgres(async (client) => (await client.query(sql(`${schema}.`, 'seq'))).rows[0]?.n);
  return Number(n ?? 0);
}

/** Waits until the summaries have folded in every stored event; the moment they had caught up. */
async function summariesCaughtUp(store: string, location: string, schema?: string): Promise<number> {
  const started = performance.now();
  while ((await summaryBacklog(store, location, schema)) > 0) {
    if (performance.now() - started > 120_000) throw new Error('summaries did not catch up in 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now();
}

/**
 * Bodies of fresh, unique batches, made before a run so the run times only the sending. As bytes:
 * autocannon would encode a string body again for every request, on the cores the server uses.
 */
const batchBodies = (batches: number): Buffer[] =>
  Array.from({ length: batches }, () => Buffer.from(JSON.stringify({ events: eventBatch(BATCH) })));

/**
 * Sends the bodies to the collector over 8 connections: autocannon's result, and when the last
 * answer came (autocannon ends a run at its next one-second sample, so 4.2 s of work would read as
 * 5.01 s and the rate could only be the events ÷ whole seconds).
 */
async function send(url: string, bodies: readonly Buffer[]) {
  let next = 0;
  let finished = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: `${url}/api/collect`,
        method: 'POST',
        connections: 8,
        amount: bodies.length,
        headers: { 'content-type': 'text/plain' },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    run.on('response', () => {
      finished = performance.now();
    });
  });
  return { result, finished };
}

/** One measured run of a collector: its rate and where its CPU went. */
type Ingested = Awaited<ReturnType<typeof ingest>>;

async function ingest(side: Side, store: string, location: string, schema?: string) {
  const target = await startTarget(side, store, location, schema);
  // The bare and validating collectors build no summaries: nothing to wait for.
  const summarizes = side === 'kasa';
  const caughtUp = () =>
    summarizes ? summariesCaughtUp(store, location, schema) : Promise.resolve(performance.now());
  try {
    // A server that has just started still compiles its code and starts its writer thread: the
    // warm-up's events are written and summarized before the measured ones.
    await send(target.url, batchBodies(warmUpBatches(BATCHES)));
    await caughtUp();
    const bodies = batchBodies(BATCHES);
    const onPostgres = store === 'postgres';
    if (onPostgres) await postgres(checkpoint);
    const cpuBefore = {
      server: cpuMs(target.child.pid ?? 0),
      postgres: onPostgres ? postgresCpuMs() : 0,
      load: cpuMs(process.pid),
    };
    const started = performance.now();
    const { result, finished } = await send(target.url, bodies);
    const loadCpuMs = cpuMs(process.pid) - cpuBefore.load;
    const backlog = summarizes ? await summaryBacklog(store, location, schema) : 0;
    const summarized = await caughtUp();
    const events = result.requests.total * BATCH;
    const per1k = (ms: number) => msPer1kEvents(ms, events);
    return {
      eventsPerSecond: Math.round(events / ((finished - started) / 1000)),
      summaryBacklog: backlog,
      summarizedPerSecond: Math.round(events / ((summarized - started) / 1000)),
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      peakRssMb: peakRssMb(target.child.pid ?? 0),
      cpuMsPer1kEvents: per1k(cpuMs(target.child.pid ?? 0) - cpuBefore.server),
      ...(onPostgres ? { postgresCpuMsPer1k: per1k(postgresCpuMs() - cpuBefore.postgres) } : {}),
      loadCpuMsPer1k: per1k(loadCpuMs),
    };
  } finally {
    target.child.kill('SIGTERM');
  }
}

/** Each PostgreSQL run writes into schemas of its own, dropped at the end. */
const SCHEMAS = {
  kasa: `kasa_bench_http_${process.pid}`,
  bare: `kasa_bench_bare_${process.pid}`,
  validating: `kasa_bench_valid_${process.pid}`,
  raw: `kasa_bench_raw_${process.pid}`,
};

async function postgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The goal line of one store: its rate, and the raw insert's rate over it as the median of each
 * round's own ratio (a round's runs follow each other, so a slow spell of the machine moves both),
 * with the middle half of those ratios, and whether that median is within the goal.
 */
function goalLine(name: string, eventsPerSecond: number, roundRatios: readonly number[]): string {
  const ratio = median(roundRatios);
  const [low, high] = middleHalf(roundRatios);
  const verdict = ratio <= GOAL_RATIO ? 'meets' : 'misses';
  return `Collector, ${name}: ${eventsPerSecond.toLocaleString('en-US')} events/s, raw ÷ collector ${ratio.toFixed(2)}× (median of ${ROUNDS} rounds in turns, middle half ${low.toFixed(2)}–${high.toFixed(2)}) → ${verdict} the goal (within ${GOAL_RATIO}× of the raw batched insert)`;
}

/**
 * Where one store's CPU went, per 1,000 events (the median rounds): the collector's server (until
 * the summaries had caught up), PostgreSQL's processes and the load generator, against the raw
 * insert's own process and PostgreSQL's; and the rate each total would allow with every core busy
 * with it alone, the ceiling this machine sets whatever the code's waits.
 */
function cpuLine(name: string, ingested: Ingested, raw: RawRun): string {
  const cores = availableParallelism();
  const ceiling = (msPer1k: number) => Math.round((cores * 1_000_000) / msPer1k).toLocaleString('en-US');
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const collector = ingested.cpuMsPer1kEvents + (ingested.postgresCpuMsPer1k ?? 0) + ingested.loadCpuMsPer1k;
  const rawTotal = raw.clientCpuMsPer1k + (raw.postgresCpuMsPer1k ?? 0);
  const postgresPart = (value: number | undefined) =>
    value === undefined ? '' : `, PostgreSQL ${ms(value)}`;
  return `Collector, ${name}, CPU per 1,000 events: collector ${ms(collector)} (server ${ms(ingested.cpuMsPer1kEvents)}${postgresPart(ingested.postgresCpuMsPer1k)}, load generator ${ms(ingested.loadCpuMsPer1k)}), at most ${ceiling(collector)} events/s on ${cores} cores; raw insert ${ms(rawTotal)} (its process ${ms(raw.clientCpuMsPer1k)}${postgresPart(raw.postgresCpuMsPer1k)}), at most ${ceiling(rawTotal)} events/s`;
}

/**
 * The floor of an HTTP collector on this machine: the bare one's rate and the validating one's
 * beside the raw insert's and Kasa's, so a miss shows how much of it HTTP and the load generator
 * take, and then validation, before the summaries and the rest of Kasa's own work.
 */
function floorLines(name: string, measured: Awaited<ReturnType<typeof inTurns>>): string[] {
  const { ingested, rawEventsPerSecond } = measured;
  const ratio = (over: number, under: number) => `${(over / under).toFixed(2)}×`;
  const floor = (side: 'bare' | 'validating', title: string) => {
    const { eventsPerSecond, cpuMsPer1kEvents } = measured[side];
    return `Collector, ${name}, ${title} ${eventsPerSecond.toLocaleString('en-US')} events/s, its server ${cpuMsPer1kEvents.toFixed(1)} ms of CPU per 1,000 events; raw ÷ ${side} ${ratio(rawEventsPerSecond, eventsPerSecond)}, ${side} ÷ Kasa ${ratio(eventsPerSecond, ingested.eventsPerSecond)}`;
  };
  return [
    floor('bare', 'the floor HTTP sets: a bare Hono collector (parse, append; no validation, no summaries)'),
    floor(
      'validating',
      'the floor with validation: the bare collector validating every event as Kasa does (no summaries)',
    ),
  ];
}

/**
 * Rounds of Kasa's collector, the bare and validating ones and the raw insert, taken in turns, each
 * into a fresh database: the median of each is compared, so a moment of load on the machine moves
 * one round, not the verdict.
 */
async function inTurns(
  collector: (side: Side, round: number) => Promise<Ingested>,
  raw: (round: number) => Promise<RawRun>,
) {
  const sides: Record<Side, Ingested[]> = { kasa: [], bare: [], validating: [] };
  const raws: RawRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of SIDES) sides[side].push(await collector(side, round));
    raws.push(await raw(round));
  }
  const rawRun = medianBy(raws, (round) => round.eventsPerSecond) as RawRun;
  const medianOf = (side: Side) => medianBy(sides[side], (round) => round.eventsPerSecond) as Ingested;
  return {
    ingested: medianOf('kasa'),
    bare: medianOf('bare'),
    validating: medianOf('validating'),
    rawEventsPerSecond: Math.round(rawRun.eventsPerSecond),
    rawRun,
    roundRatios: raws.map((run, i) => run.eventsPerSecond / (sides.kasa[i]?.eventsPerSecond ?? Number.NaN)),
    rounds: raws
      .map((run, i) =>
        [...SIDES.map((side) => sides[side][i]?.eventsPerSecond), Math.round(run.eventsPerSecond)].join('/'),
      )
      .join(' '),
  };
}

const rows: Record<string, string | number>[] = [];
const goals: string[] = [];
const folder = mkdtempSync(join(tmpdir(), 'kasa-collector-bench-'));

/** One store's rows and lines, from its rounds in turns. */
function report(name: string, store: string, measured: Awaited<ReturnType<typeof inTurns>>) {
  const { ingested, bare, validating, rawEventsPerSecond, rawRun, rounds, roundRatios } = measured;
  const ratio = median(roundRatios).toFixed(2);
  rows.push({
    store,
    ...ingested,
    bareEventsPerSecond: bare.eventsPerSecond,
    validatingEventsPerSecond: validating.eventsPerSecond,
    rawEventsPerSecond,
    rounds,
    ratio,
  });
  goals.push(goalLine(name, ingested.eventsPerSecond, roundRatios));
  goals.push(...floorLines(name, measured));
  goals.push(cpuLine(name, ingested, rawRun));
}

if (STORES.includes('sqlite')) {
  const measured = await inTurns(
    (side, round) => ingest(side, 'sqlite', join(folder, `${side}-${round}.db`)),
    (round) => rawSqliteRate(join(folder, `raw-${round}.db`), BATCHES, BATCH),
  );
  report('SQLite', 'SQLite (WAL)', measured);
}
if (STORES.includes('postgres')) {
  if ((await postgres(async () => true)) === true) {
    const schemaOf = (side: Side | 'raw', round: number) => `${SCHEMAS[side]}_${round}`;
    const measured = await inTurns(
      (side, round) => ingest(side, 'postgres', POSTGRES_URL, schemaOf(side, round)),
      (round) => rawPostgresRate(POSTGRES_URL, schemaOf('raw', round), BATCHES, BATCH),
    );
    const schemas = Array.from({ length: ROUNDS }, (_, round) =>
      [...SIDES, 'raw' as const].map((side) => schemaOf(side, round)),
    ).flat();
    await postgres((client) =>
      client.query(schemas.map((schema) => `DROP SCHEMA IF EXISTS ${schema} CASCADE;`).join(' ')),
    );
    report('PostgreSQL', 'PostgreSQL', measured);
  } else {
    goals.push(`Collector, PostgreSQL: skipped, no server answered at ${POSTGRES_URL}.`);
  }
}

console.log(
  `\nCollector ingest, ${BATCHES} batches of ${BATCH} events, 8 connections, the median of ${ROUNDS} rounds (p99 in ms, peak RSS and CPU time of the server; rounds: Kasa/bare/validating/raw events per second)`,
);
console.table(rows);
for (const line of goals) console.log(line);
