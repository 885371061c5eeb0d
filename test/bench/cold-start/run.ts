/**
 * Cold start of `kasa start`: from spawning the process to its first successful HTTP answer
 * (GET /health), from source through tsx (`node apps/server/bin/kasa.js start`, what `pnpm start`
 * runs) and built (`node apps/server/dist/kasa.js start`, the production start). Each run starts on
 * an empty temporary database with seeding off, is stopped with SIGTERM, and alternates with the
 * other kind, so both see the same machine load. One unmeasured start from source first builds a
 * stale widget or dashboard, then the bundle is built, so no measured run pays for a build.
 *
 *   pnpm bench   (or: pnpm --filter @kasa/bench exec tsx cold-start/run.ts; BENCH_RUNS, default 7)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@kasa/server';
import { median } from '../median.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SERVER_DIR = fileURLToPath(new URL('../../../apps/server/', import.meta.url));
const KINDS = {
  tsx: join(SERVER_DIR, 'bin', 'kasa.js'),
  built: join(SERVER_DIR, 'dist', 'kasa.js'),
} as const;

/** Milliseconds from spawn to the first 200 from /health; the process is stopped afterwards. */
async function coldStart(cli: string): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'kasa-cold-start-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'start'], {
    cwd: folder,
    env: {
      PATH: process.env.PATH,
      KASA_DB: join(folder, 'kasa.db'),
      KASA_SEED_CHECKOUTS: '0',
      KASA_PORT: String(port),
      KASA_DEMO_SHOP_PORT: String(await freePort()),
      KASA_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${cli} exited with ${child.exitCode} before answering`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error(`${cli} did not answer within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(folder, { recursive: true, force: true });
  }
}

await coldStart(KINDS.tsx);
execFileSync(process.execPath, [join(SERVER_DIR, 'build.mjs')], { stdio: 'inherit' });

const times: Record<keyof typeof KINDS, number[]> = { tsx: [], built: [] };
const load = loadavg()[0] ?? 0;
for (let run = 0; run < RUNS; run += 1) {
  for (const kind of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
    times[kind].push(await coldStart(KINDS[kind]));
  }
}
console.log(
  `Cold start, spawn → first GET /health answer, ${RUNS} runs each (load average ${load.toFixed(2)}):`,
);
for (const [kind, values] of Object.entries(times)) {
  const ms = values.map((value) => Math.round(value));
  console.log(
    `  ${kind.padEnd(6)} median ${median(ms)} ms  (min ${Math.min(...ms)}, max ${Math.max(...ms)})  node ${KINDS[kind as keyof typeof KINDS].replace(`${SERVER_DIR}`, 'apps/server/')} start`,
  );
}
