/**
 * `kasa start` as a process manager runs it: a real child process on a temporary database, stopped
 * with signals, started on a busy port, and built to plain JavaScript that runs with `node`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDashboardAssets } from '@kasa/dashboard/server';
import { loadWidgetAssets } from '@kasa/widget/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/listen.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const FROM_SOURCE = join(SERVER_DIR, 'bin', 'kasa.js');

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly shopPort: number;
  readonly output: () => { stdout: string; stderr: string };
  readonly exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  // A test that failed half-way leaves no server behind.
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
});

/** Spawns `node <cli> start` in a fresh folder and resolves once it prints that it runs (or exits). */
async function startKasa(
  cli: string,
  ports: { port?: number; shopPort?: number } = {},
): Promise<Started & { ready: boolean }> {
  const port = ports.port ?? (await freePort());
  const shopPort = ports.shopPort ?? (await freePort());
  const folder = mkdtempSync(join(tmpdir(), 'kasa-process-'));
  const child = spawn(process.execPath, [cli, 'start'], {
    cwd: folder,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      KASA_DB: join(folder, 'kasa.db'),
      KASA_SEED_CHECKOUTS: '0',
      KASA_PORT: String(port),
      KASA_DEMO_SHOP_PORT: String(shopPort),
      KASA_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (!stdout.includes('Kasa is running.')) return;
        child.stdout?.off('data', check);
        resolve(true);
      };
      child.stdout?.on('data', check);
    }),
    exited.then(() => false),
  ]);
  return { child, port, shopPort, output: () => ({ stdout, stderr }), exited, ready };
}

/** True when nothing listens on the port any more: it can be taken again. */
const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe: Server = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

const processGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ]);

describe('kasa start as a process', () => {
  it('stops on SIGTERM: answers the request in flight, frees the port, leaves no process behind', async () => {
    const kasa = await startKasa(FROM_SOURCE);
    expect(kasa.ready, kasa.output().stderr).toBe(true);
    expect((await fetch(`http://127.0.0.1:${kasa.port}/health`)).status).toBe(200);

    // A request whose body is still arriving when the stop comes.
    const body = JSON.stringify({ cartRef: 'cart_does_not_exist' });
    const socket = connect(kasa.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/checkouts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    kasa.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(5));
    await within(closed, 8_000);
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain('"code":"cart_not_found"');

    expect(await within(kasa.exited, 10_000)).toBe(0);
    expect(processGone(kasa.child.pid ?? 0)).toBe(true);
    expect(await portIsFree(kasa.port)).toBe(true);
    expect(await portIsFree(kasa.shopPort)).toBe(true);
    expect(kasa.output().stdout).toContain('Kasa stopped.');
  }, 60_000);

  it('stops on SIGINT (Ctrl+C) too', async () => {
    const kasa = await startKasa(FROM_SOURCE);
    expect(kasa.ready, kasa.output().stderr).toBe(true);
    kasa.child.kill('SIGINT');
    expect(await within(kasa.exited, 10_000)).toBe(0);
    expect(await portIsFree(kasa.port)).toBe(true);
  }, 60_000);

  it('says in one line which setting to change when a port is taken', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', () => resolve()));
    try {
      const api = await startKasa(FROM_SOURCE, { port });
      expect(api.ready).toBe(false);
      expect(await api.exited).toBe(1);
      const lines = api.output().stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`Port ${port}`);
      expect(lines[0]).toContain('KASA_PORT');

      const shop = await startKasa(FROM_SOURCE, { shopPort: port });
      expect(await shop.exited).toBe(1);
      expect(shop.output().stderr.trim()).toMatch(new RegExp(`^Port ${port} .*KASA_DEMO_SHOP_PORT[^\\n]*$`));
      // The checkout API it had started is closed again.
      expect(await portIsFree(shop.port)).toBe(true);
    } finally {
      taken.close();
    }
  }, 60_000);
});

describe('the built server (pnpm build)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'kasa-dist-'));
  beforeAll(async () => {
    // What `pnpm build` does: the widget and the dashboard (here only when stale), then the bundle.
    await loadWidgetAssets();
    await loadDashboardAssets();
    execFileSync(process.execPath, [join(SERVER_DIR, 'build.mjs'), outDir], { stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('runs with plain node: answers, collects events through the writer thread, stops on SIGTERM', async () => {
    const kasa = await startKasa(join(outDir, 'kasa.js'));
    expect(kasa.ready, kasa.output().stderr).toBe(true);
    const api = `http://127.0.0.1:${kasa.port}`;
    expect(await (await fetch(`${api}/health`)).json()).toEqual({ ok: true });
    const widget = kasa.output().stdout.match(/\/widget\/(kasa-checkout\.[\w-]+\.js)/)?.[1];
    expect((await fetch(`${api}/widget/${widget}`)).status).toBe(200);
    expect((await fetch(`${api}/dashboard/`)).status).toBe(200);
    const event = {
      id: '0190f0a1-7c2b-7000-8000-000000000001',
      ts: Date.now(),
      shopId: 'demo',
      checkoutId: 'chk_built',
      name: 'checkout_step_view',
      params: { section: 'contact', layout: 'one-page' },
    };
    const collected = await fetch(`${api}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [event] }),
    });
    expect(await collected.json()).toMatchObject({ stored: 1 });
    kasa.child.kill('SIGTERM');
    expect(await within(kasa.exited, 10_000)).toBe(0);
    expect(await portIsFree(kasa.port)).toBe(true);
  }, 60_000);
});
