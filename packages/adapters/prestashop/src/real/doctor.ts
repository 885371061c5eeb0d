/**
 * `kasa doctor` and the module's webhook on the real shop: an order's status change delivered to a
 * Kasa server on 127.0.0.1, signed, after the call that created the order has been answered; the CLI
 * green on a shop set up as the README says; and each misconfiguration a shop owner can make named
 * with its fix (the webservice off, a key without a permission, the module missing).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { orderInput, polishAddress } from '@kasa/adapter-testing';
import { withDetails } from '@kasa/adapter-testing/real';
import { startWebhookReceiver, type WebhookReceiver } from '@kasa/adapter-testing/webhook-receiver';
import type { DiagnosticCheck } from '@kasa/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrestaShopAdapter } from '../adapter.ts';
import { adapterConfig, cartRefOf, createVisitorCart, type RealContext } from './harness.ts';
import { configureKasaModule, installKasaModule, type ModuleSecrets } from './module.ts';
import { REPO } from './platform.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything Kasa needs of the webservice (README, step 3), less one permission. */
const NEEDED: Record<string, string[]> = {
  customers: ['GET', 'POST', 'PATCH', 'PUT', 'HEAD'],
  addresses: ['GET', 'POST', 'HEAD'],
  carts: ['GET', 'POST', 'HEAD'],
  orders: ['GET', 'POST', 'HEAD'],
  order_histories: ['GET', 'POST', 'HEAD'],
};

export function describeRealDoctor(
  context: () => RealContext,
  reinstalled: (secrets: ModuleSecrets) => void,
): void {
  let receiver: WebhookReceiver | undefined;
  /** Deliveries wait here until the test lets them through. */
  let gate: Promise<void> = Promise.resolve();

  const diagnose = async () => {
    const adapter = createPrestaShopAdapter(adapterConfig(context()));
    return new Map((await adapter.diagnose()).map((c) => [c.name, c] as [string, DiagnosticCheck]));
  };
  const failed = (checks: Map<string, DiagnosticCheck>) =>
    [...checks.values()].filter((c) => !c.ok).map((c) => c.name);

  beforeAll(async () => {
    const verifier = () => createPrestaShopAdapter(adapterConfig(context()));
    receiver = await startWebhookReceiver(async (req) => {
      await gate;
      return verifier().verifyWebhook(req);
    });
    await configureKasaModule(context().shop, { webhookUrl: `${receiver.url}/api/webhooks/prestashop` });
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('sends the signed order.paid webhook after answering the call that created the order', async () => {
    const ctx = context();
    const adapter = withDetails(createPrestaShopAdapter(adapterConfig(ctx)));
    const cartId = await createVisitorCart(ctx, [{ product: ctx.polish.coffeeId, quantity: 1 }]);
    const cart = await adapter.getCart(cartRefOf(cartId, ctx.moduleKey));
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const order = await adapter.placeOrder(orderInput(cart, options, { company: undefined, resumed: false }));
    const lastLog = await ctx.shop.tool<number>('logs-after', '0', 'last');

    // The Kasa server answers the webhook only once markPaid is back: a module that sent it inside
    // POST /api/orders would wait on it until its own timeout and log the delivery as failed.
    let open = () => {};
    gate = new Promise((resolve) => {
      open = resolve;
    });
    await adapter.markPaid({
      orderId: order.id,
      payment: { provider: 'kasa-test', transactionId: `TX-H-${order.id}` },
    });
    open();
    for (let waited = 0; waited < 15_000; waited += 250) {
      if (receiver?.deliveries.some((d) => d.event?.orderId === order.id)) break;
      await sleep(250);
    }
    const delivered = receiver?.deliveries.filter((d) => d.event?.orderId === order.id) ?? [];
    expect(delivered.map((d) => d.event?.topic)).toContain('order.paid');
    expect(delivered[0]?.path).toBe('/api/webhooks/prestashop');
    await sleep(500);
    const logs = await ctx.shop.tool<{ message: string }[]>('logs-after', String(lastLog));
    expect(logs.filter((l) => /Kasa webhook/.test(l.message))).toEqual([]);
  });

  it('kasa doctor passes every check on the shop set up as the README says', async () => {
    const ctx = context();
    const env = {
      ...process.env,
      KASA_STORE_PLATFORM: 'prestashop',
      KASA_PRESTASHOP_URL: ctx.shop.url,
      KASA_PRESTASHOP_WEBSERVICE_KEY: ctx.shop.webserviceKey,
      KASA_PRESTASHOP_MODULE_KEY: ctx.moduleKey,
      KASA_PRESTASHOP_WEBHOOK_SECRET: ctx.webhookSecret,
    };
    const { stdout } = await run('node', [join(REPO, 'apps/server/bin/kasa.js'), 'doctor'], {
      env,
      cwd: ctx.shop.root,
      timeout: 120_000,
    });
    expect(stdout).toMatch(/All \d+ checks passed\./);
    expect(stdout).toContain('PrestaShop 8.2.1');
  });

  it("names the webservice switched off, with the back office's switch to turn it on", async () => {
    await context().shop.tool('webservice', 'off');
    try {
      const off = await diagnose();
      expect(failed(off)[0]).toBe('reachable');
      expect(off.get('reachable')?.fix).toContain("Enable PrestaShop's webservice");
    } finally {
      await context().shop.tool('webservice', 'on');
    }
    expect(failed(await diagnose())).toEqual([]);
  });

  it('names a webservice key without a permission Kasa needs', async () => {
    const { shop } = context();
    const { orders, ...rest } = NEEDED;
    await shop.tool(
      'ws-permissions',
      shop.webserviceKey,
      JSON.stringify({ ...rest, orders: (orders ?? []).filter((m) => m !== 'POST') }),
    );
    try {
      const missing = await diagnose();
      expect(failed(missing)).toEqual(['permissions']);
      expect(missing.get('permissions')?.detail).toContain('orders');
      expect(missing.get('permissions')?.fix).toContain('orders');
    } finally {
      await shop.tool('ws-grant-all', shop.webserviceKey);
    }
  });

  it('names the Kasa module missing, and comes back green once it is installed again', async () => {
    const { shop } = context();
    await shop.console('prestashop:module', 'uninstall', 'kasa');
    try {
      const missing = await diagnose();
      expect(failed(missing)).toContain('module-installed');
      expect(missing.get('module-installed')?.fix).toMatch(/kasa\.zip|Module Manager/);
    } finally {
      reinstalled(await installKasaModule(shop));
      await configureKasaModule(shop, {
        webhookUrl: `${receiver?.url}/api/webhooks/prestashop`,
        lockerCarriers: String(context().polish.lockerCarrier.reference),
      });
    }
    expect(failed(await diagnose())).toEqual([]);
  });
}
