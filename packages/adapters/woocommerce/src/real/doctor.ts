/**
 * `kasa doctor` and the order webhook on the real shop: order changes delivered to a Kasa server on
 * 127.0.0.1 and verified, the CLI green on a shop set up as the README says, and each
 * misconfiguration a merchant can make named with its fix.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { orderInput, polishAddress } from '@kasa/adapter-testing';
import { startWebhookReceiver, type WebhookReceiver } from '@kasa/adapter-testing/webhook-receiver';
import type { DiagnosticCheck } from '@kasa/core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createWooCommerceAdapter } from '../adapter.ts';
import type { WooCommerceConfigInput } from '../config.ts';
import { adapterConfig, type RealContext } from './harness.ts';
import { REPO } from './platform.ts';
import { configurePlugin, setPluginActive } from './plugin.ts';
import type { Shopper } from './shopper.ts';

const run = promisify(execFile);

interface Webhook {
  id: number;
  status: string;
  delivery_url: string;
  kasa?: { failure_count: number; last_delivery: { status: number; error: string } | null };
}

export function describeRealDoctor(label: string, context: () => RealContext, shopper: () => Shopper): void {
  let receiver: WebhookReceiver | undefined;
  /** What the receiver takes as the shop's secret: a wrong one plays a Kasa server with a stale secret. */
  let receiverSecret = '';

  const diagnose = async (overrides: Partial<WooCommerceConfigInput> = {}) => {
    const adapter = createWooCommerceAdapter(adapterConfig(context(), overrides));
    const checks = await adapter.diagnose();
    return new Map(checks.map((c) => [c.name, c] as [string, DiagnosticCheck]));
  };
  const failed = (checks: Map<string, DiagnosticCheck>) =>
    [...checks.values()].filter((c) => !c.ok).map((c) => c.name);
  const kasaWebhook = async () => {
    const list = await context().shop.wp<Webhook[]>('GET', '/wc/v3/webhooks?per_page=100');
    return list.body.find((w) => w.delivery_url.includes('/api/webhooks/woocommerce'));
  };

  /** An order placed and marked paid through the adapter: its update is an order.updated event. */
  async function changeAnOrder(): Promise<string> {
    const adapter = createWooCommerceAdapter(adapterConfig(context()));
    const ref = await shopper().createCart([{ productId: context().shop.productId, quantity: 1 }]);
    const cart = await adapter.getCart(ref);
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const order = await adapter.placeOrder(orderInput(cart, options, { resumed: false }));
    await adapter.markPaid({
      orderId: order.id,
      payment: { provider: 'kasa-test', transactionId: `TX-W-${order.id}` },
    });
    await context().shop.tool('run-scheduled');
    return order.id;
  }

  /**
   * The deliveries for the order: WooCommerce queues them in Action Scheduler (WP-Cron, off on this
   * shop, would run them), and it may queue one only as the request that changed the order shuts down,
   * after its answer; so the queue is run again until the delivery arrives.
   */
  async function deliveriesFor(orderId: string) {
    const arrived = () => receiver?.deliveries.filter((d) => d.event?.orderId === orderId) ?? [];
    await vi.waitFor(
      async () => {
        if (arrived().length === 0) await context().shop.tool('run-scheduled');
        expect(arrived().length, JSON.stringify(receiver?.deliveries)).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 500 },
    );
    return arrived();
  }

  beforeAll(async () => {
    const ctx = context();
    receiverSecret = ctx.webhookSecret;
    const verifier = createWooCommerceAdapter(adapterConfig(ctx));
    receiver = await startWebhookReceiver((req) =>
      receiverSecret === ctx.webhookSecret
        ? verifier.verifyWebhook(req)
        : createWooCommerceAdapter(adapterConfig(ctx, { webhookSecret: receiverSecret })).verifyWebhook(req),
    );
    await setPluginActive(ctx.shop, true);
    await ctx.shop.tool('clear-webhook-queue');
    await configurePlugin(ctx.admin, { serverUrl: receiver.url, publicKey: 'pk_kasa_tests' });
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it(`${label}: order changes reach a Kasa server on 127.0.0.1, signed, and the doctor sees them arrive`, async () => {
    const events = await deliveriesFor(await changeAnOrder());
    expect(events[0]?.event?.topic).toBe('order.updated');
    expect(events[0]?.path).toBe('/api/webhooks/woocommerce?shop=pk_kasa_tests');
    const hook = await kasaWebhook();
    expect(hook).toMatchObject({
      status: 'active',
      kasa: { failure_count: 0, last_delivery: { status: 200 } },
    });
    expect((await diagnose()).get('webhook')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('accepted'),
    });
  });

  it(`${label}: kasa doctor passes every check on the shop set up as the README says`, async () => {
    const ctx = context();
    const env = {
      ...process.env,
      KASA_STORE_PLATFORM: 'woocommerce',
      KASA_WOOCOMMERCE_URL: ctx.shop.url,
      KASA_WOOCOMMERCE_CONSUMER_KEY: ctx.shop.consumerKey,
      KASA_WOOCOMMERCE_CONSUMER_SECRET: ctx.shop.consumerSecret,
      KASA_WOOCOMMERCE_WEBHOOK_SECRET: ctx.webhookSecret,
      KASA_WOOCOMMERCE_LOCKER_METHODS: ctx.lockerRate,
    };
    const { stdout } = await run('node', [join(REPO, 'apps/server/bin/kasa.js'), 'doctor'], {
      env,
      cwd: ctx.shop.root,
      timeout: 120_000,
    });
    expect(stdout).toContain('All 7 checks passed.');
    expect(stdout).toContain(`WooCommerce ${ctx.shop.version}`);
  });

  it(`${label}: names a wrong consumer key, and a Read-only key`, async () => {
    const wrong = await diagnose({ consumerKey: `ck_${'0'.repeat(40)}` });
    expect(failed(wrong)).toContain('credentials');
    expect(wrong.get('credentials')?.fix).toContain('consumer key');

    const [key = '', secret = ''] = (await context().shop.tool('api-key', 'read')).split(' ');
    try {
      const readOnly = await diagnose({ consumerKey: key, consumerSecret: secret });
      expect(failed(readOnly)).toEqual(['permissions']);
      expect(readOnly.get('permissions')).toMatchObject({
        detail: expect.stringContaining('Read only'),
        fix: expect.stringContaining('Read/Write'),
      });
    } finally {
      await context().shop.tool('revoke-api-key', key);
    }
  });

  it(`${label}: names an inactive plugin (its webhook paused) and comes back green when it is activated again`, async () => {
    await setPluginActive(context().shop, false);
    try {
      const off = await diagnose();
      expect(failed(off)).toEqual(expect.arrayContaining(['plugin-installed', 'webhook']));
      expect(off.get('plugin-installed')?.fix).toContain('kasa-checkout.zip');
      expect(off.get('webhook')?.detail).toContain('paused');
    } finally {
      await setPluginActive(context().shop, true);
    }
    expect(failed(await diagnose())).toEqual([]);
  });

  it(`${label}: names the Kasa payment gateway switched off`, async () => {
    await context().shop.wp('PUT', '/wc/v3/payment_gateways/kasa', { enabled: false });
    try {
      const off = await diagnose();
      expect(failed(off)).toEqual(['payment-gateways']);
      expect(off.get('payment-gateways')?.fix).toContain('Kasa (BLIK, pay-by-link)');
    } finally {
      await context().shop.wp('PUT', '/wc/v3/payment_gateways/kasa', { enabled: true });
    }
  });

  it(`${label}: names a missing webhook, which saving WooCommerce → Kasa makes again`, async () => {
    const hook = await kasaWebhook();
    await context().shop.wp('DELETE', `/wc/v3/webhooks/${hook?.id}?force=true`);
    const missing = await diagnose();
    expect(failed(missing)).toEqual(['webhook']);
    expect(missing.get('webhook')?.fix).toContain('WooCommerce → Kasa');
    await configurePlugin(context().admin, { serverUrl: receiver?.url ?? '', publicKey: 'pk_kasa_tests' });
    expect(failed(await diagnose())).toEqual([]);
  });

  it(`${label}: the plugin speaks English, and Polish to an admin who chose Polish (its own .mo)`, async () => {
    const page = '/wp-admin/admin.php?page=kasa-checkout';
    expect((await context().admin.get(page)).text).toContain('Connection to Kasa');
    await context().shop.tool('user-locale', '1', 'pl_PL');
    try {
      const polish = (await context().admin.get(page)).text;
      expect(polish).toContain('Połączenie z Kasą');
      expect(polish).toContain('store.webhookSecret');
    } finally {
      await context().shop.tool('user-locale', '1', '');
    }
  });

  it(`${label}: names deliveries the Kasa server refuses (a stale webhook secret)`, async () => {
    receiverSecret = 'not-the-secret-the-shop-signs-with';
    try {
      await changeAnOrder();
      // The delivery may be queued only after the order's answer (see deliveriesFor): run it again.
      await vi.waitFor(
        async () => {
          await context().shop.tool('run-scheduled');
          const refused = await diagnose();
          expect(failed(refused)).toEqual(['webhook']);
          expect(refused.get('webhook')).toMatchObject({
            detail: expect.stringContaining('HTTP 401'),
            fix: expect.stringContaining('store.webhookSecret'),
          });
        },
        { timeout: 15_000, interval: 500 },
      );
    } finally {
      receiverSecret = context().webhookSecret;
      // A settings save starts the webhook afresh.
      await configurePlugin(context().admin, { serverUrl: receiver?.url ?? '', publicKey: 'pk_kasa_tests' });
    }
  });
}
