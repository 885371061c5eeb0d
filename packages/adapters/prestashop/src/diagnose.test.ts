import { serveFake } from '@kasa/adapter-testing/faults';
import type { DiagnosticCheck } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrestaShopAdapter } from './adapter.ts';
import type { PrestaShopConfigInput } from './config.ts';
import {
  createPrestaShopFake,
  type FakePrestaShop,
  type FakePrestaShopOptions,
  startFakePrestaShop,
} from './fake/index.ts';

const NAMES = [
  'reachable',
  'credentials',
  'permissions',
  'module-installed',
  'payment-modules',
  'inpost-module',
  'webhook-secret',
  'webhook-url',
];
const ALL: readonly ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD')[] = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
];

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function doctor(
  options: FakePrestaShopOptions = {},
  config: Partial<PrestaShopConfigInput> = {},
): Promise<{ fake: FakePrestaShop; list: readonly DiagnosticCheck[]; checks: Map<string, DiagnosticCheck> }> {
  const fake = await startFakePrestaShop(options);
  closing.push(() => fake.close());
  const adapter = createPrestaShopAdapter({ ...fake.config, timeoutMs: 500, ...config });
  const list = await adapter.diagnose();
  return { fake, list, checks: new Map(list.map((c) => [c.name, c])) };
}

const failed = (checks: Map<string, DiagnosticCheck>) =>
  [...checks.values()].filter((c) => !c.ok).map((c) => c.name);

describe('kasa doctor on PrestaShop', () => {
  it('passes every check on a shop set up as the module README says, and writes nothing', async () => {
    const { fake, list, checks } = await doctor();
    expect(list.map((c) => c.name)).toEqual(NAMES);
    expect(failed(checks)).toEqual([]);
    expect(checks.get('reachable')?.detail).toContain('PrestaShop 8.2.1');
    expect(checks.get('module-installed')?.detail).toContain('Kasa module 0.1.0');
    expect(fake.shop.table('customers').size).toBe(0);
    expect(fake.shop.table('carts').size).toBe(0);
    // The probe proves the webhook secret without either side sending it.
    const text = JSON.stringify(list);
    for (const secret of [fake.config.webserviceKey, fake.config.module.key, fake.config.webhookSecret]) {
      expect(text).not.toContain(secret);
    }
    expect(fake.requests.map((r) => r.action ?? `${r.method} ${r.path}`)).toEqual(['GET /api/', 'info']);
  });

  it('checks the PrestaShop 9 Admin API client when it is configured', async () => {
    const { checks } = await doctor({ adminApi: true });
    expect(checks.get('admin-api')).toMatchObject({ ok: true });
    const wrong = await doctor(
      { adminApi: true },
      { adminApi: { clientId: 'kasa', clientSecret: 'not-the-secret', employeeId: 1 } },
    );
    expect(wrong.checks.get('admin-api')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('adminApi.clientSecret is wrong'),
    });
    const scopes = await doctor({ adminApi: true, adminApiScopes: ['cart_read'] });
    expect(scopes.checks.get('admin-api')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('cart_read and order_write'),
    });
  });

  it('says the shop is unreachable when nothing listens at shopUrl', async () => {
    const gone = await serveFake({ handler: () => ({ status: 200 }) });
    await gone.close();
    const { checks } = await doctor({}, { shopUrl: gone.url });
    expect(checks.get('reachable')).toMatchObject({
      ok: false,
      detail: expect.stringContaining(`Could not reach ${gone.url}`),
      fix: expect.stringContaining('shopUrl'),
    });
    expect(failed(checks)).toEqual(NAMES);
    expect(checks.get('credentials')?.detail).toMatch(/^Not checked/);
    expect(checks.get('module-installed')?.detail).toContain('did not answer');
  });

  it('says the shop did not answer in time', async () => {
    const fake = await startFakePrestaShop();
    closing.push(() => fake.close());
    fake.faults.inject({ kind: 'timeout', atCall: 0 });
    const adapter = createPrestaShopAdapter({ ...fake.config, timeoutMs: 100 });
    const reachable = (await adapter.diagnose()).find((c) => c.name === 'reachable');
    expect(reachable).toMatchObject({
      ok: false,
      detail: expect.stringContaining('no answer within 100 ms'),
    });
  });

  it('says there is no webservice at a URL that answers as another site', async () => {
    const other = await serveFake({
      handler: () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' }),
    });
    closing.push(() => other.close());
    const { checks } = await doctor({}, { shopUrl: other.url });
    expect(checks.get('reachable')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('no PrestaShop webservice'),
      fix: expect.stringContaining('friendly URLs'),
    });
    expect(checks.get('module-installed')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('kasa.zip'),
    });
  });

  it('says the webservice is switched off', async () => {
    const { checks } = await doctor({ webserviceEnabled: false });
    expect(checks.get('reachable')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('webservice is switched off'),
      fix: expect.stringContaining("Enable PrestaShop's webservice"),
    });
  });

  it('names a wrong webservice key', async () => {
    const { checks } = await doctor({}, { webserviceKey: 'WRONGKEY0000000000000000000000AB' });
    expect(checks.get('credentials')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('webserviceKey is wrong'),
      fix: expect.stringContaining('Advanced Parameters › Webservice'),
    });
    expect(checks.get('credentials')?.detail).toContain('…00AB');
    expect(checks.get('permissions')?.detail).toMatch(/^Not checked/);
    expect(checks.get('module-installed')?.ok).toBe(true);
  });

  it('lists what a read-only key may not do, as the permission grid names it', async () => {
    const readOnly = Object.fromEntries(
      ['customers', 'addresses', 'carts', 'orders', 'order_histories'].map((r) => [r, ['GET' as const]]),
    );
    const { checks } = await doctor({ permissions: readOnly });
    expect(checks.get('credentials')?.ok).toBe(true);
    const permissions = checks.get('permissions');
    expect(permissions?.ok).toBe(false);
    expect(permissions?.detail).toContain('customers POST/PATCH (the guest customer)');
    expect(permissions?.detail).toContain('order_histories POST');
    expect(permissions?.fix).toContain('Add (POST) and Modify (PATCH) for customers');
  });

  it('accepts a key with exactly the permissions Kasa needs', async () => {
    const { checks } = await doctor({
      permissions: {
        customers: ['GET', 'POST', 'PATCH'],
        addresses: ['GET', 'POST'],
        carts: ['GET', 'POST'],
        orders: ['GET', 'POST'],
        order_histories: ['POST'],
      },
    });
    expect(checks.get('permissions')?.ok).toBe(true);
    const full = await doctor({ permissions: { customers: ALL, addresses: ALL, carts: ALL } });
    expect(full.checks.get('permissions')?.detail).toContain('orders GET/POST');
  });

  it('says the Kasa module is missing', async () => {
    const { checks } = await doctor({ kasaModule: false });
    expect(checks.get('module-installed')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('No Kasa module answers'),
      fix: expect.stringContaining('Upload a module'),
    });
    expect(checks.get('webhook-secret')?.detail).toMatch(/^Not checked/);
    expect(checks.get('permissions')?.ok).toBe(true);
  });

  it('names a wrong module key', async () => {
    const { checks } = await doctor({}, { module: { key: 'x'.repeat(40) } });
    expect(checks.get('module-installed')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('refused module.key'),
      fix: expect.stringContaining('Modules › Kasa › Configure'),
    });
  });

  it('says when the InPost module or its table is missing', async () => {
    const without = await doctor({
      modules: {
        kasa: { payment: true, active: true },
        ps_cashondelivery: { payment: true, active: true },
      },
    });
    expect(without.checks.get('inpost-module')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not enabled'),
      fix: expect.stringContaining('inpostshipping'),
    });
    const marked = await doctor({
      modules: {
        kasa: { payment: true, active: true },
        ps_cashondelivery: { payment: true, active: true },
      },
      lockerCarriers: [5],
    });
    expect(marked.checks.get('inpost-module')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('carrier 5 delivers to a locker'),
    });
    const broken = await doctor({ inpostTable: false });
    expect(broken.checks.get('inpost-module')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('table inpost_cart_choice is missing'),
      fix: expect.stringContaining('Reset'),
    });
  });

  it('says the payment module Kasa files orders under is disabled', async () => {
    const { checks } = await doctor({
      modules: {
        kasa: { payment: true, active: false },
        inpostshipping: { payment: false, active: true },
      },
    });
    expect(checks.get('payment-modules')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('kasa (paymentModule) is installed but disabled'),
    });
    expect(checks.get('payment-modules')?.detail).toContain('ps_cashondelivery (codModule) is not installed');
  });

  it('tells to update a Kasa module that answers but does not list itself (before 0.1.0, on real 8.2.1)', async () => {
    const { checks } = await doctor({
      modules: {
        ps_wirepayment: { payment: true, active: true },
        ps_cashondelivery: { payment: true, active: true },
      },
    });
    expect(checks.get('payment-modules')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('kasa (paymentModule) is not installed'),
      fix: expect.stringContaining('update it'),
    });
  });

  it('proves a wrong webhook secret, and a missing webhook URL', async () => {
    const secret = await doctor({}, { webhookSecret: 'w'.repeat(40) });
    expect(secret.checks.get('webhook-secret')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('into webhookSecret'),
    });
    const url = await doctor({ webhookUrlSet: false });
    expect(url.checks.get('webhook-url')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('/api/webhooks/prestashop'),
    });
  });
});

describe('the fake PrestaShop for kasa start --store prestashop-fake', () => {
  it('starts with a Polish catalogue, a locker and a courier, and makes carts the adapter reads', async () => {
    const fake = await createPrestaShopFake();
    closing.push(() => fake.close());
    expect(fake.products.map((p) => [p.id, p.name, p.price.amount])).toEqual([
      ['1', 'Kubek ceramiczny 350 ml', 3900],
      ['2', 'Kawa ziarnista 1 kg', 8990],
      ['2-7', 'Kawa ziarnista 1 kg – Etiopia Sidamo', 9490],
      ['3', 'Książka: Kuchnia polska', 4999],
    ]);
    const adapter = createPrestaShopAdapter(fake.config);
    const cart = await adapter.getCart(await fake.createCart());
    expect(cart.subtotal.amount).toBe(2 * 3900 + 9490);
    const options = await adapter.quoteShipping({ cart });
    expect(fake.shipping.map((s) => s.id).sort()).toEqual(options.map((o) => o.id).sort());
    expect(fake.shipping.find((s) => s.kind === 'locker')).toMatchObject({ price: { amount: 1299 } });
    await expect(fake.createCart([{ productId: '9', quantity: 1 }])).rejects.toThrow(/no product 9/);
    expect((await adapter.diagnose()).every((c) => c.ok)).toBe(true);
  });
});
