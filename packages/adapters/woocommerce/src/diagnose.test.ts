import { serveFake } from '@kasa/adapter-testing/faults';
import type { DiagnosticCheck } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createWooCommerceAdapter } from './adapter.ts';
import type { WooCommerceConfigInput } from './config.ts';
import {
  createWooCommerceFake,
  type FakeWooCommerce,
  type FakeWooCommerceOptions,
  startFakeWooCommerce,
  testAdapterConfig,
} from './fake/index.ts';

const NAMES = [
  'reachable',
  'store-api-version',
  'credentials',
  'permissions',
  'plugin-installed',
  'payment-gateways',
  'webhook',
];

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function doctor(
  options: FakeWooCommerceOptions = {},
  config: Partial<WooCommerceConfigInput> = {},
): Promise<{
  shop: FakeWooCommerce;
  checks: Map<string, DiagnosticCheck>;
  list: readonly DiagnosticCheck[];
}> {
  const shop = await startFakeWooCommerce(options);
  closing.push(() => shop.close());
  // The doctor tries each call once: a patient timeout, so a busy machine does not fail a check.
  const adapter = createWooCommerceAdapter(testAdapterConfig(shop, { timeoutMs: 5_000, ...config }));
  const list = await adapter.diagnose();
  return { shop, list, checks: new Map(list.map((c) => [c.name, c])) };
}

const failed = (checks: Map<string, DiagnosticCheck>) =>
  [...checks.values()].filter((c) => !c.ok).map((c) => c.name);

describe('kasa doctor on WooCommerce', () => {
  it('passes every check on a shop set up as the README says, and writes nothing', async () => {
    const { shop, list, checks } = await doctor();
    expect(list.map((c) => c.name)).toEqual(NAMES);
    expect(failed(checks)).toEqual([]);
    for (const check of list) {
      expect(check.detail).not.toBe('');
      expect(check.fix).toBeUndefined();
    }
    expect(checks.get('store-api-version')?.detail).toContain('WooCommerce 9.8.0');
    expect(checks.get('plugin-installed')?.detail).toContain('0.2.0');
    expect(shop.platformOrders()).toEqual([]);
    // Never a secret in what the merchant reads.
    const text = JSON.stringify(list);
    for (const secret of [shop.consumerKey, shop.consumerSecret, shop.webhookSecret]) {
      expect(text).not.toContain(secret);
    }
  });

  it('says the shop is unreachable, and checks nothing that needs it, when nothing listens at the URL', async () => {
    const gone = await serveFake({ handler: () => ({ status: 200 }) });
    await gone.close();
    const shop = await startFakeWooCommerce();
    closing.push(() => shop.close());
    const adapter = createWooCommerceAdapter(testAdapterConfig(shop, { url: gone.url }));
    const checks = new Map((await adapter.diagnose()).map((c) => [c.name, c]));
    expect(checks.get('reachable')).toMatchObject({
      ok: false,
      detail: expect.stringContaining(`Could not reach ${gone.url}`),
      fix: expect.stringContaining('woocommerce.url'),
    });
    expect(failed(checks)).toEqual(NAMES);
    expect(checks.get('store-api-version')?.detail).toMatch(/^Not checked/);
    expect(checks.get('permissions')?.detail).toMatch(/^Not checked/);
  });

  it('says there is no WooCommerce at a URL that answers as another site', async () => {
    const other = await serveFake({
      handler: () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' }),
    });
    closing.push(() => other.close());
    const shop = await startFakeWooCommerce();
    closing.push(() => shop.close());
    const adapter = createWooCommerceAdapter(testAdapterConfig(shop, { url: other.url }));
    const checks = new Map((await adapter.diagnose()).map((c) => [c.name, c]));
    expect(checks.get('reachable')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('no WooCommerce Store API'),
      fix: expect.stringContaining('Permalinks'),
    });
    expect(checks.get('credentials')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('no WooCommerce REST API'),
    });
  });

  it('says the shop did not answer in time', async () => {
    const shop = await startFakeWooCommerce();
    closing.push(() => shop.close());
    shop.faults.inject({ kind: 'timeout', atCall: 0 });
    const adapter = createWooCommerceAdapter(testAdapterConfig(shop, { timeoutMs: 100 }));
    const reachable = (await adapter.diagnose()).find((c) => c.name === 'reachable');
    expect(reachable).toMatchObject({
      ok: false,
      detail: expect.stringContaining('no answer within 100 ms'),
    });
  });

  it('names a wrong consumer key', async () => {
    const { checks } = await doctor({}, { consumerKey: `ck_${'0'.repeat(40)}` });
    expect(checks.get('credentials')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('woocommerce.consumerKey is wrong'),
      fix: expect.stringContaining('WooCommerce → Settings → Advanced → REST API'),
    });
    expect(checks.get('permissions')?.detail).toMatch(/^Not checked/);
    expect(checks.get('reachable')?.ok).toBe(true);
  });

  it('names a wrong consumer secret', async () => {
    const { checks } = await doctor({}, { consumerSecret: `cs_${'0'.repeat(40)}` });
    expect(checks.get('credentials')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('consumer secret is wrong'),
      fix: expect.stringContaining('woocommerce.consumerSecret'),
    });
  });

  it('finds a Read-only key with a harmless update of order 0', async () => {
    const { shop, checks } = await doctor({ keyPermissions: 'read' });
    expect(checks.get('credentials')?.ok).toBe(true);
    expect(checks.get('permissions')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('Read only'),
      fix: expect.stringContaining('Read/Write'),
    });
    expect(shop.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/orders/0'))).toBe(true);
  });

  it('finds a Write-only key', async () => {
    const { checks } = await doctor({ keyPermissions: 'write' });
    expect(checks.get('credentials')?.ok).toBe(true);
    expect(checks.get('permissions')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('Write only'),
    });
    // The system status and the webhooks cannot be read either.
    expect(checks.get('plugin-installed')?.ok).toBe(false);
  });

  it('says the Kasa plugin is missing, and with it the order webhook', async () => {
    const { checks } = await doctor({ kasaPlugin: false });
    expect(checks.get('plugin-installed')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not active'),
      fix: expect.stringContaining('kasa-checkout.zip'),
    });
    expect(checks.get('webhook')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('WooCommerce → Kasa'),
    });
  });

  it('says the Kasa payment gateway is switched off', async () => {
    const { checks } = await doctor({ gateways: ['cod', 'bacs'] });
    expect(checks.get('payment-gateways')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('"kasa"'),
      fix: expect.stringContaining('WooCommerce → Settings → Payments'),
    });
  });

  it('says the order webhook was disabled', async () => {
    const { checks } = await doctor({ webhookStatus: 'disabled' });
    expect(checks.get('webhook')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('is disabled'),
      fix: expect.stringContaining('Active'),
    });
  });

  it('says an active webhook whose deliveries fail never reaches Kasa, and why', async () => {
    // Real WordPress refused http://127.0.0.1 deliveries from a plugin without the safe-host filter.
    const refused = await doctor({
      webhookDelivery: { status: 0, error: 'A valid URL was not provided.', failures: 3 },
    });
    expect(refused.checks.get('webhook')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('3 failed deliveries'),
      fix: expect.stringContaining('update the Kasa plugin'),
    });
    const unsigned = await doctor({ webhookDelivery: { status: 401, failures: 1 } });
    expect(unsigned.checks.get('webhook')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('store.webhookSecret'),
    });
    const delivered = await doctor({ webhookDelivery: { status: 200 } });
    expect(delivered.checks.get('webhook')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('was accepted'),
    });
  });

  it('passes a WooCommerce 8.9 that wants its nonce beside the Cart-Token; names a refused nonce or a too old version', async () => {
    const nonce = await doctor({ legacyNonce: true });
    expect(nonce.checks.get('store-api-version')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('nonce'),
    });
    const refused = await doctor({ legacyNonce: 'refused' });
    expect(refused.checks.get('store-api-version')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('refused its own nonce'),
      fix: expect.stringContaining('Nonce and Cart-Token headers'),
    });
    const old = await doctor({ version: '8.5.1' });
    expect(old.checks.get('store-api-version')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('WooCommerce 8.5.1 is older than 8.9'),
    });
  });
});

describe('the fake WooCommerce for kasa start --store woocommerce-fake', () => {
  it('starts with a Polish catalogue, a locker and a courier, and makes carts the adapter reads', async () => {
    const fake = await createWooCommerceFake();
    closing.push(() => fake.close());
    expect(fake.products.map((p) => [p.id, p.price.amount, p.price.currency])).toContainEqual([
      '101',
      4990,
      'PLN',
    ]);
    expect(fake.products.find((p) => p.id === '103')?.name).toBe('Książka „Kawa. Od ziarna do filiżanki”');
    expect(fake.shipping.map((s) => [s.kind, s.price.amount])).toEqual([
      ['locker', 1299],
      ['courier', 1699],
      ['pickup', 0],
    ]);
    const adapter = createWooCommerceAdapter(fake.config);
    const cart = await adapter.getCart(await fake.createCart([{ productId: '101', quantity: 2 }]));
    expect(cart.subtotal.amount).toBe(9980);
    expect((await adapter.getCart(await fake.createCart())).lines).toHaveLength(2);
    await expect(fake.createCart([{ productId: '999', quantity: 1 }])).rejects.toThrow(/no product 999/);
    expect((await adapter.diagnose()).every((c) => c.ok)).toBe(true);
  });
});
