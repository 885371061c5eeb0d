/**
 * Checkout API load benchmark on 127.0.0.1: the read and quote endpoints of the real server on the
 * sandbox, and a bare Hono handler in the same run, each at a steady 1,000 requests/s (open loop,
 * latency from when each request was due) and then flat out (autocannon). Bounded: a few seconds per scenario, loopback only.
 *
 *   pnpm bench        (or: pnpm --filter @kasa/bench bench)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openLoop } from './open-loop.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const TARGET_RATE = 1_000;

interface Target {
  readonly url: string;
  readonly paths: string[];
  readonly child: ChildProcess;
}

async function startTarget(kind: 'kasa' | 'bare'): Promise<Target> {
  const script = fileURLToPath(new URL('./target.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} target exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  return { ...(JSON.parse(line) as { url: string; paths: string[] }), child };
}

/** At a fixed rate: our open-loop sender. Flat out: autocannon's closed loop. */
async function load(url: string, path: string, rate?: number) {
  if (rate) return openLoop({ url: `${url}${path}`, rate, durationS: DURATION_S, connections: 20 });
  const result = await autocannon({ url: `${url}${path}`, connections: 20, duration: DURATION_S });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const rows: Record<string, string | number>[] = [];
const targets = { kasa: await startTarget('kasa'), bare: await startTarget('bare') };
try {
  const scenarios: [string, Target, string][] = [
    ['bare Hono handler', targets.bare, targets.bare.paths[0] ?? ''],
    ['GET checkout (read)', targets.kasa, targets.kasa.paths[0] ?? ''],
    ['GET shipping options (quote)', targets.kasa, targets.kasa.paths[1] ?? ''],
  ];
  for (const [name, target, path] of scenarios) {
    await autocannon({ url: `${target.url}${path}`, connections: 20, duration: 3 }); // warm-up: JIT, caches
    for (const rate of [TARGET_RATE, undefined]) {
      const figures = await load(target.url, path, rate);
      rows.push({ scenario: name, load: rate ? `${rate} req/s` : 'max', ...figures });
    }
  }
} finally {
  targets.kasa.child.kill('SIGTERM');
  targets.bare.child.kill('SIGTERM');
}

console.log(`\nCheckout API on 127.0.0.1, ${DURATION_S} s per row, 20 connections (latency in ms)`);
console.table(rows);
const bare = rows.find((row) => row.scenario === 'bare Hono handler' && row.load === `${TARGET_RATE} req/s`);
for (const row of rows.filter((r) => r.load === `${TARGET_RATE} req/s` && r !== bare)) {
  const ratio = Number(row.p99) / Math.max(Number(bare?.p99), 1);
  const verdict = Number(row.p99) < 10 && ratio <= 3 ? 'meets' : 'MISSES';
  console.log(
    `${row.scenario}: p99 ${row.p99} ms at ${TARGET_RATE} req/s, ${ratio.toFixed(1)}× the bare p99 → ${verdict} the goal (p99 < 10 ms, ≤ 3× bare)`,
  );
}
const maxRatio = (name: string) => {
  const kasa = rows.find((r) => r.scenario === name && r.load === 'max');
  const floor = rows.find((r) => r.scenario === 'bare Hono handler' && r.load === 'max');
  return kasa && floor ? (Number(floor.rps) / Number(kasa.rps)).toFixed(1) : '?';
};
console.log(
  `Throughput, bare ÷ Kasa: read ${maxRatio('GET checkout (read)')}×, quote ${maxRatio('GET shipping options (quote)')}×`,
);
