import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxAdapter } from '@kasa/adapter-sandbox';
import { loadDashboardAssets } from '@kasa/dashboard/server';
import { createSqliteSandboxPaymentStore, openSqlite } from '@kasa/storage';
import { loadWidgetAssets } from '@kasa/widget/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/listen.ts';
import { SHOPPER } from './harness.ts';

/**
 * `kasa start` as a real process group, killed with SIGKILL while BLIK payments wait for the bank
 * app, then started again on the same database file: every order must end paid, either by the
 * attempt started before the crash or by a new one.
 */

const ORDERS = 40;
/** Of them, how many ask to pay just as the kill comes. */
const IN_FLIGHT = 4;
// The sandbox bank app answers after 4 s; the shopper has 7 s to confirm. The kill lands before either.
const APPROVE_AFTER_MS = 4_000;
const WINDOW_MS = 7_000;

const bin = join(import.meta.dirname, '..', 'bin', 'kasa.js');
let dir: string;
let dbFile: string;
let port: number;
let server: ChildProcess | undefined;

interface Answer {
  readonly status: number;
  readonly body: any;
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) } as Answer;
}

/** Starts `kasa start` in its own process group and resolves once the API answers. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      KASA_DB: dbFile,
      KASA_PORT: String(port),
      KASA_SEED_CHECKOUTS: '0',
      KASA_RATE_LIMIT_MAX: '100000',
      KASA_LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kasa start exited with ${child.exitCode}:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/openapi.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await sleep(100);
  }
  killGroup(child);
  throw new Error(`kasa start did not answer within 30 s:\n${output}`);
}

function killGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  try {
    // The negative pid is the whole group: the bin wrapper and the server it runs.
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  return exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An order placed through the API for a cart made in the sandbox store, with BLIK chosen. */
async function placeOrder(cartRef: string): Promise<string> {
  const created = await api('POST', '/api/checkouts', { cartRef });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  await api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
  const points = await api('GET', '/api/pickup-points?postcode=30-001&limit=1');
  const locker = created.body.shippingOptions.find((option: { kind: string }) => option.kind === 'locker');
  await api('PUT', `/api/checkouts/${id}/delivery`, {
    optionId: locker.id,
    pickupPointId: points.body.points[0].id,
  });
  const blik = created.body.paymentMethods.find((method: { kind: string }) => method.kind === 'blik');
  await api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: blik.id });
  const placed = await api('POST', `/api/checkouts/${id}/order`, undefined, {
    'idempotency-key': `order-${id}`,
  });
  expect(placed.body.status).toBe('awaiting_payment');
  return id;
}

/** Polls an attempt until it is no longer waiting, or gives up after `ms`. */
async function settled(checkoutId: string, paymentId: string, ms: number): Promise<Answer> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await api('GET', `/api/checkouts/${checkoutId}/payments/${paymentId}`);
    const waiting =
      answer.status === 200 && ['pending', 'awaiting_confirmation'].includes(answer.body.status);
    if (!waiting || Date.now() > deadline) return answer;
    await sleep(200);
  }
}

beforeAll(async () => {
  // Built here, once, so neither start of the server spends its time building them.
  await loadWidgetAssets();
  await loadDashboardAssets().catch(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'kasa-crash-'));
  dbFile = join(dir, 'kasa.db');
  port = await freePort();
  writeFileSync(
    join(dir, 'kasa.config.json'),
    JSON.stringify({
      demoShop: { enabled: false },
      sandbox: { blikApproveAfterMs: APPROVE_AFTER_MS, blikApprovalWindowMs: WINDOW_MS },
    }),
  );
}, 120_000);

afterAll(async () => {
  if (server) await killGroup(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a server killed while BLIK payments await confirmation', () => {
  it('leaves every order paid or payable after a restart on the same database, none charged twice', async () => {
    // Carts are the shop's: made in the sandbox store's tables of the same file, as the demo shop would.
    const shop = createSandboxAdapter({ filename: dbFile });
    const [product] = shop.listProducts();
    const carts = await Promise.all(
      Array.from({ length: ORDERS }, () => shop.createCart([{ productId: product?.id ?? '', quantity: 1 }])),
    );
    shop.close();

    server = await startServer();
    const checkouts = await Promise.all(carts.map(placeOrder));
    const waiting = checkouts.slice(0, ORDERS - IN_FLIGHT);
    const flying = checkouts.slice(ORDERS - IN_FLIGHT);
    // Half approve in the bank app after the delay; half are never answered (the shopper looked away).
    const codes = waiting.map((_, i) => (i % 2 === 0 ? `777${String(i).padStart(3, '0')}` : '999000'));
    const started = await Promise.all(
      waiting.map((id, i) => api('POST', `/api/checkouts/${id}/payments`, { blikCode: codes[i] })),
    );
    for (const answer of started) expect(answer.body.status).toBe('awaiting_confirmation');
    // The last few are asked to pay as the kill comes: some answered, some cut off.
    const flights = flying.map((id) =>
      api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777500' }).catch(() => undefined),
    );
    await sleep(10);
    await killGroup(server);
    const flown = await Promise.all(flights);

    server = await startServer();
    const firstAttempt = async (id: string, i: number): Promise<string | undefined> => {
      if (i < waiting.length) return started[i]?.body.id;
      const answer = flown[i - waiting.length];
      if (answer?.status === 201) return answer.body.id;
      // Cut off: the checkout says whether the attempt was recorded before the kill.
      return (await api('GET', `/api/checkouts/${id}`)).body.payment?.id;
    };
    let paidByFirstAttempt = 0;
    let repaid = 0;
    const stranded: string[] = [];
    await Promise.all(
      checkouts.map(async (id, i) => {
        const attemptId = await firstAttempt(id, i);
        const first = attemptId ? await settled(id, attemptId, WINDOW_MS + 5_000) : undefined;
        if (first?.status === 200 && first.body.status === 'paid') {
          paidByFirstAttempt += 1;
          return;
        }
        const retry = await api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777999' });
        const after =
          retry.status === 201 ? await settled(id, retry.body.id, APPROVE_AFTER_MS + 5_000) : retry;
        if (after.status === 200 && after.body.status === 'paid') repaid += 1;
        else stranded.push(`${id}: first ${JSON.stringify(first?.body)}, retry ${retry.status}`);
      }),
    );
    const cutOff = flown.filter((answer) => answer === undefined).length;
    console.log(
      `crash mid-payment: ${ORDERS} orders, ${waiting.length} awaiting BLIK at the kill and ${IN_FLIGHT} ` +
        `starting a payment as it came (${cutOff} cut off); after the restart ${paidByFirstAttempt} paid ` +
        `by the attempt started before it, ${repaid} paid by a new attempt, ${stranded.length} stranded`,
    );
    expect(stranded).toEqual([]);
    expect(paidByFirstAttempt + repaid).toBe(ORDERS);
    // Every 777 attempt from before the kill pays; every 999 one times out and is paid again.
    expect(paidByFirstAttempt).toBeGreaterThanOrEqual(waiting.length / 2);
    expect(repaid).toBeGreaterThanOrEqual(waiting.length / 2);

    for (const id of checkouts) expect((await api('GET', `/api/checkouts/${id}`)).body.status).toBe('paid');
    await killGroup(server);
    server = undefined;
    // The shop has each order paid, and the PSP took each order's money once: no attempt Kasa lost
    // track of was approved beside the one that paid.
    const after = createSandboxAdapter({ filename: dbFile });
    expect(after.listOrders().map((order) => order.status)).toEqual(Array(ORDERS).fill('paid'));
    after.close();
    const db = openSqlite(dbFile);
    const approved = createSqliteSandboxPaymentStore(db)
      .list()
      .filter((a) =>
        a.settled
          ? a.settled.status === 'paid'
          : a.answer === 'approve' && (a.answerAt ?? Infinity) < (a.confirmBy ?? 0),
      );
    db.close();
    expect(approved).toHaveLength(ORDERS);
  }, 90_000);
});
