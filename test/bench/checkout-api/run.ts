/**
 * Checkout API load benchmark on 127.0.0.1: the read (GET /api/checkouts/:id) and the shipping quote
 * of the real server on the sandbox, each beside a bare Hono handler that answers the same JSON, at
 * a steady 1,000 requests/s (open loop, latency from when each request was sent) and flat out
 * (autocannon, rounds taken in turns). The throughput ratio is the median of each round's own
 * ratio, bare ÷ Kasa: a round's two runs follow each other, so a slow spell of the machine (single
 * runs here spread by a third) moves both, not the verdict.
 * Prints the figures, where a read's time goes, and one goal line per endpoint. Bounded: a few
 * seconds per row, loopback only.
 *
 *   pnpm bench        (or: pnpm --filter @kasa/bench exec tsx checkout-api/run.ts)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, middleHalf } from '../median.ts';
import { cpuSplitMs } from '../process-stats.ts';
import { readBreakdown } from './breakdown.ts';
import { openLoop } from './open-loop.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const ROUNDS = Number(process.env.BENCH_RUNS ?? 7);
/** Seconds of each flat-out run. */
const FLAT_OUT_S = Number(process.env.BENCH_FLAT_OUT_S ?? 3);
const TARGET_RATE = 1_000;
const GOAL = { ratio: 2, p99Ms: 10 };
const ENDPOINTS = { read: 'GET checkout (read)', quote: 'GET shipping options (quote)' } as const;
type Endpoint = keyof typeof ENDPOINTS;

interface Target {
  readonly url: string;
  readonly paths: Record<Endpoint, string>;
  readonly child: ChildProcess;
}

async function startTarget(...args: string[]): Promise<Target> {
  const script = fileURLToPath(new URL('./target.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} target exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  return { ...(JSON.parse(line) as Omit<Target, 'child'>), child };
}

/** Flat out for `seconds`: requests/s, and the server's CPU time per request, all and in the kernel. */
async function flatOut(target: Target, path: string, seconds: number) {
  const before = cpuSplitMs(target.child.pid ?? 0);
  const result = await autocannon({ url: `${target.url}${path}`, connections: 20, duration: seconds });
  const after = cpuSplitMs(target.child.pid ?? 0);
  const failed = result.errors + result.non2xx;
  if (failed > 0) throw new Error(`${failed} of ${result.requests.total} requests to ${path} failed`);
  const perRequestUs = (ms: number) => (ms * 1000) / Math.max(result.requests.total, 1);
  return {
    rps: result.requests.total / seconds,
    cpuUs: perRequestUs(after.user + after.system - before.user - before.system),
    systemUs: perRequestUs(after.system - before.system),
  };
}

const folder = mkdtempSync(join(tmpdir(), 'kasa-checkout-api-bench-'));
const kasa = await startTarget('kasa');
let bare: Target | undefined;
try {
  // The bare handlers answer what Kasa answers, byte for byte: the floor for the same answer.
  const bodies = Object.fromEntries(
    await Promise.all(
      (Object.keys(ENDPOINTS) as Endpoint[]).map(async (endpoint) => [
        endpoint,
        await (await fetch(`${kasa.url}${kasa.paths[endpoint]}`)).text(),
      ]),
    ),
  );
  writeFileSync(join(folder, 'bodies.json'), JSON.stringify(bodies));
  bare = await startTarget('bare', join(folder, 'bodies.json'));
  const sides = { bare, kasa };

  const rows: Record<string, string | number>[] = [];
  const verdicts: string[] = [];
  for (const endpoint of Object.keys(ENDPOINTS) as Endpoint[]) {
    const figures = {} as Record<
      keyof typeof sides,
      { p50: number; p99: number; rps: number[]; cpuUs: number[]; systemUs: number[] }
    >;
    for (const [side, target] of Object.entries(sides) as [keyof typeof sides, Target][]) {
      const path = target.paths[endpoint];
      await autocannon({ url: `${target.url}${path}`, connections: 20, duration: 3 }); // warm-up: JIT, caches
      const steady = await openLoop({
        url: `${target.url}${path}`,
        rate: TARGET_RATE,
        durationS: DURATION_S,
        connections: 20,
      });
      figures[side] = { p50: steady.p50, p99: steady.p99, rps: [], cpuUs: [], systemUs: [] };
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [side, target] of Object.entries(sides) as [keyof typeof sides, Target][]) {
        const run = await flatOut(target, target.paths[endpoint], FLAT_OUT_S);
        figures[side].rps.push(run.rps);
        figures[side].cpuUs.push(run.cpuUs);
        figures[side].systemUs.push(run.systemUs);
      }
    }
    for (const side of ['bare', 'kasa'] as const) {
      const f = figures[side];
      rows.push({
        endpoint: ENDPOINTS[endpoint],
        server: side === 'bare' ? 'bare Hono, same JSON' : 'Kasa',
        [`p50 at ${TARGET_RATE}/s`]: f.p50,
        [`p99 at ${TARGET_RATE}/s`]: f.p99,
        'max req/s': Math.round(median(f.rps)),
        'server CPU µs/req': Math.round(median(f.cpuUs)),
        'of it in the kernel': Math.round(median(f.systemUs)),
      });
    }
    const p99Ratio = figures.kasa.p99 / Math.max(figures.bare.p99, 0.01);
    const roundRatios = figures.bare.rps.map((rps, round) => rps / (figures.kasa.rps[round] ?? Number.NaN));
    const throughputRatio = median(roundRatios);
    const [lowRatio, highRatio] = middleHalf(roundRatios);
    const meets = figures.kasa.p99 < GOAL.p99Ms && p99Ratio <= GOAL.ratio && throughputRatio <= GOAL.ratio;
    verdicts.push(
      `${ENDPOINTS[endpoint]}: p99 ${figures.kasa.p99} ms at ${TARGET_RATE} req/s (${p99Ratio.toFixed(2)}× bare), throughput ${Math.round(median(figures.kasa.rps))} req/s (bare ÷ Kasa ${throughputRatio.toFixed(2)}×, median of ${ROUNDS} rounds, middle half ${lowRatio.toFixed(2)}–${highRatio.toFixed(2)}) → ${meets ? 'meets' : 'misses'} the goal (p99 < ${GOAL.p99Ms} ms, within ${GOAL.ratio}× of bare on p99 and throughput)`,
    );
  }

  console.log(
    `\nCheckout API on 127.0.0.1: steady ${TARGET_RATE} req/s for ${DURATION_S} s, then flat out ${ROUNDS} × ${FLAT_OUT_S} s in turns, 20 connections (ms; medians of the rounds)`,
  );
  console.table(rows);
  console.log('Where a checkout read goes inside the server (µs per call, in-process):');
  console.table(
    Object.fromEntries(
      Object.entries(await readBreakdown()).map(([step, us]) => [step, { µs: Number(us.toFixed(1)) }]),
    ),
  );
  for (const line of verdicts) console.log(line);
} finally {
  kasa.child.kill('SIGTERM');
  bare?.child.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}
