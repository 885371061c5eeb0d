import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '@kasa/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExperimentRegistry, utcDay } from '../src/analytics/experiment-registry.ts';
import { configSchema } from '../src/config.ts';
import { fragmentRenderer, type Kasa, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-experiment-tests-01';
const asMerchant = { authorization: `Bearer ${TOKEN}` };
const PATH = '/api/analytics/experiments';
const TODAY = utcDay(Date.now());

const dir = mkdtempSync(join(tmpdir(), 'kasa-experiments-api-'));
const databaseFile = join(dir, 'kasa.db');
const start = () =>
  startKasa({ config: { databaseFile, analytics: { merchantToken: TOKEN } }, widget: fragmentRenderer() });

let kasa: Kasa;
beforeAll(async () => {
  kasa = await start();
});
afterAll(async () => {
  await kasa.close();
  rmSync(dir, { recursive: true, force: true });
});

const merchant = (method: string, path: string, body?: unknown) => kasa.api(method, path, body, asMerchant);
/** `kasa experiment` as it works: its own connection to the same file, actor 'cli'. */
function asCli<T>(run: (registry: ReturnType<typeof createExperimentRegistry>) => T): T {
  const db = openSqlite(databaseFile);
  try {
    return run(createExperimentRegistry(db, { seed: [] }));
  } finally {
    db.close();
  }
}
const layoutOf = (html: string) => /<kasa-checkout[^>]* layout="([a-z-]+)"/.exec(html)?.[1];
async function newCheckoutLayout(): Promise<string | undefined> {
  const [product] = kasa.sandbox.listProducts();
  const cartRef = await kasa.sandbox.createCart([{ productId: product?.id ?? '', quantity: 1 }]);
  const id = (await kasa.api('POST', '/api/checkouts', { cartRef })).body.id;
  return layoutOf((await kasa.api('GET', `/api/checkouts/${id}/fragment`)).body);
}

describe('the experiments API', () => {
  it('answers nothing without the merchant token', async () => {
    for (const [method, path] of [
      ['GET', PATH],
      ['POST', PATH],
      ['POST', `${PATH}/checkout-layout/stop`],
    ] as const) {
      const response = await kasa.api(method, path, method === 'POST' ? {} : undefined);
      expect(response.status).toBe(401);
    }
  });

  it('lists the configuration’s experiment as seeded, with the templates', async () => {
    const { status, body } = await merchant('GET', PATH);
    expect(status).toBe(200);
    const seeded = configSchema.parse({}).experiments[0];
    expect(body.experiments).toEqual([{ ...seeded, template: 'checkout-layout' }]);
    expect(body.templates).toEqual([
      { key: 'checkout-layout', variations: ['one-page', 'multi-step'] },
      { key: 'payment-order', variations: ['blik-first', 'blik-among-others'] },
      { key: 'delivery-order', variations: ['locker-first', 'courier-first'] },
      { key: 'shopify-step', variations: ['shopify-checkout', 'kasa-step'] },
    ]);
    expect(body.audit).toEqual([
      {
        at: expect.any(Number),
        experiment: 'checkout-layout',
        action: 'seeded',
        actor: 'config',
        detail: {},
      },
    ]);
  });

  it('creates a draft from a template, changes it, starts, stops and ships it, each in the audit list', async () => {
    const created = await merchant('POST', PATH, {
      template: 'payment-order',
      kr: 'checkout-conversion',
      mde: 0.1,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'payment-order',
      variations: ['blik-first', 'blik-among-others'],
      status: 'draft',
      phase: 1,
      template: 'payment-order',
    });
    const changed = await merchant('PATCH', `${PATH}/payment-order`, { weights: [1, 1], coverage: 0.5 });
    expect(changed.body).toMatchObject({ coverage: 0.5, phase: 1 });
    const started = await merchant('POST', `${PATH}/payment-order/start`);
    expect(started.body).toMatchObject({ status: 'running', phase: 1, startDate: TODAY });
    const reweighted = await merchant('PATCH', `${PATH}/payment-order`, { weights: [30, 70] });
    expect(reweighted.body).toMatchObject({ weights: [0.3, 0.7], phase: 2, startDate: TODAY });
    expect((await merchant('POST', `${PATH}/payment-order/stop`)).body.status).toBe('stopped');
    const shipped = await merchant('POST', `${PATH}/payment-order/ship`, { variation: 'blik-among-others' });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', shipped: 'blik-among-others' });
    const { body } = await merchant('GET', PATH);
    expect(
      body.audit
        .filter((e: { experiment: string }) => e.experiment === 'payment-order')
        .map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`),
    ).toEqual([
      'shipped dashboard',
      'stopped dashboard',
      'changed dashboard',
      'started dashboard',
      'changed dashboard',
      'created dashboard',
    ]);
    expect(body.audit[2].detail).toMatchObject({
      phase: 2,
      startDate: TODAY,
      changed: { weights: { to: [0.3, 0.7] } },
    });
  });

  it('stores and audits nothing for a change to the same values', async () => {
    const before = (await merchant('GET', PATH)).body;
    const layout = before.experiments.find((e: { key: string }) => e.key === 'checkout-layout');
    const same = await merchant('PATCH', `${PATH}/checkout-layout`, { kr: layout.kr, weights: [50, 50] });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(layout);
    expect((await merchant('GET', PATH)).body.audit).toEqual(before.audit);
  });

  it('refuses with the documented errors: 404, 409 and 400 with the issues', async () => {
    const missing = await merchant('POST', `${PATH}/no-such/start`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'experiment_not_found',
      merchantMessage: expect.any(String),
    });
    await merchant('POST', PATH, { template: 'checkout-layout', key: 'layout-b', kr: 'checkout-conversion' });
    const rival = await merchant('POST', `${PATH}/layout-b/start`);
    expect(rival.status).toBe(409);
    expect(rival.body.error).toMatchObject({
      code: 'experiment_conflict',
      details: { reason: 'template_running', running: 'checkout-layout' },
    });
    const bad = await merchant('POST', PATH, { template: 'one-click', kr: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('body_invalid');
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      '',
      'kr',
      'template',
    ]);
    const wrongVariation = await merchant('POST', `${PATH}/checkout-layout/ship`, { variation: 'two-page' });
    expect(wrongVariation.status).toBe(400);
    expect(wrongVariation.body.error.details.issues[0].path).toBe('variation');
  });

  it('applies a change made by `kasa experiment` (another connection) to the widget and the report at once', async () => {
    expect(
      asCli((registry) => registry.create('delivery-order', { kr: 'checkout-conversion' }, 'cli')).key,
    ).toBe('delivery-order');
    const report = await merchant('GET', '/api/analytics/report');
    expect(report.body.experiments.map((e: { key: string }) => e.key)).toContain('delivery-order');

    asCli((registry) => registry.ship('checkout-layout', 'multi-step', 'cli'));
    const layouts = new Set<string | undefined>();
    for (let i = 0; i < 8; i++) layouts.add(await newCheckoutLayout());
    expect([...layouts]).toEqual(['multi-step']);
    const { body } = await merchant('GET', PATH);
    expect(body.audit[0]).toMatchObject({ experiment: 'checkout-layout', action: 'shipped', actor: 'cli' });
  });

  it('keeps the state through a restart; the configuration does not seed again', async () => {
    const before = (await merchant('GET', PATH)).body;
    await kasa.close();
    kasa = await start();
    const after = (await merchant('GET', PATH)).body;
    expect(after.experiments).toEqual(before.experiments);
    expect(after.audit).toEqual(before.audit);
    expect(after.experiments.find((e: { key: string }) => e.key === 'checkout-layout')).toMatchObject({
      status: 'shipped',
      shipped: 'multi-step',
    });
  });
});
