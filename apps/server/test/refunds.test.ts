import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from '@kasa/adapter-sandbox';
import { shopperMessagesPl } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refund as refundCommand } from '../src/cli/refund.ts';
import { eventually, fragmentRenderer, type Kasa, readyCheckout, SHOPPER, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-the-refund-tests';
const asMerchant = { authorization: `Bearer ${TOKEN}` };

/** A sandbox order paid with BLIK 777123, its order confirmed. */
async function paidOrder(kasa: Kasa) {
  const { id } = await readyCheckout(kasa);
  const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
  const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
  await eventually(
    () => kasa.api('GET', `/api/checkouts/${id}`),
    (answer) => answer.body.status === 'paid',
  );
  return { id, orderId: placed.body.order.id as string, paymentId: started.body.id as string };
}

/** The merchant cancels the paid order in the shop's admin (the sandbox adapter has no call for it). */
const cancelInShop = (kasa: Kasa, orderId: string) =>
  kasa.runtime.db.prepare(`UPDATE sandbox_orders SET status = 'cancelled' WHERE id = ?`).run(orderId);

const webhook = async (kasa: Kasa, event: Record<string, unknown>) => {
  const body = JSON.stringify(event);
  const response = await fetch(`${kasa.url}/api/webhooks/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body) },
    body,
  });
  return { status: response.status, body: await response.json() };
};

const refundRow = (kasa: Kasa, paymentId: string) =>
  kasa.runtime.db
    .prepare('SELECT status, requested_by, refund_ref, tries FROM kasa_refunds WHERE payment_id = ?')
    .get(paymentId);

describe('refunds on the sandbox', () => {
  let kasa: Kasa;
  beforeAll(async () => {
    kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } }, widget: fragmentRenderer() });
  });
  afterAll(() => kasa.close());

  it('refunds a paid order the shop cancelled, once, and shows the shopper the payment was returned', async () => {
    const { id, orderId, paymentId } = await paidOrder(kasa);
    cancelInShop(kasa, orderId);

    const answer = await webhook(kasa, { topic: 'order.cancelled', orderId });
    expect(answer).toEqual({
      status: 200,
      body: { received: true, topic: 'order.cancelled', outcome: 'updated' },
    });
    const row = refundRow(kasa, paymentId) as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'refunded', requested_by: 'shop_webhook', tries: 1 });
    expect(row.refund_ref).toMatch(/^RFND/);

    const view = await kasa.api('GET', `/api/checkouts/${id}`);
    expect(view.body.status).toBe('cancelled');
    expect(view.body.payment).toMatchObject({ id: paymentId, status: 'paid', reason: 'payment_refunded' });
    // The shopper's page says so, in the words the widget already has for a returned payment.
    const fragment = await kasa.api('GET', `/api/checkouts/${id}/fragment`);
    expect(fragment.body).toContain(shopperMessagesPl.payment_refunded);

    // Delivered again: nothing more is sent.
    expect((await webhook(kasa, { topic: 'order.cancelled', orderId })).body.outcome).toBe('in_sync');
    expect(refundRow(kasa, paymentId)).toMatchObject({ tries: 1, refund_ref: row.refund_ref });

    const alerts = await kasa.api('GET', '/api/alerts', undefined, asMerchant);
    expect(alerts.body.alerts).toContainEqual(
      expect.objectContaining({
        code: 'payment_refunded',
        paymentId,
        requestedBy: 'shop_webhook',
        refundRef: row.refund_ref,
      }),
    );
    const logged = kasa.logs.filter((line) => line.includes(`"orderId":"${orderId}"`)).join('\n');
    expect(logged).toContain('"status":"refunded"');
    expect(logged).not.toContain(SHOPPER.contact.email);
    expect(logged).not.toContain(SHOPPER.contact.lastName);
  });

  it('refunds a paid order for the merchant behind the token, and answers the same refund when asked again', async () => {
    const { id, orderId, paymentId } = await paidOrder(kasa);
    expect((await kasa.api('POST', `/api/checkouts/${id}/refund`)).status).toBe(401);
    expect(refundRow(kasa, paymentId)).toBeUndefined();

    const first = await kasa.api('POST', `/api/checkouts/${id}/refund`, undefined, asMerchant);
    expect(first.status).toBe(200);
    expect(first.body.refund).toMatchObject({
      paymentId,
      checkoutId: id,
      orderId,
      provider: 'sandbox',
      status: 'refunded',
      requestedBy: 'merchant',
    });
    // By the order id, the same refund: nothing sent a second time.
    const again = await kasa.api('POST', `/api/checkouts/${orderId}/refund`, undefined, asMerchant);
    expect(again.body.refund).toEqual(first.body.refund);
    expect(refundRow(kasa, paymentId)).toMatchObject({ tries: 1 });
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('cancelled');
    const logged = kasa.logs.filter((line) => line.includes('"msg":"merchant refund"'));
    expect(logged.at(-1)).toContain(`"paymentId":"${paymentId}"`);
  });

  it('refuses an unpaid order and an unknown id with stable codes', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const unpaid = await kasa.api('POST', `/api/checkouts/${id}/refund`, undefined, asMerchant);
    expect(unpaid.status).toBe(409);
    expect(unpaid.body.error).toMatchObject({ code: 'refund_not_possible', details: { reason: 'not_paid' } });
    const unknown = await kasa.api('POST', '/api/checkouts/chk_nope/refund', undefined, asMerchant);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('checkout_not_found');
  });
});

describe('kasa refund', () => {
  let dir: string;
  let kasa: Kasa;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kasa-refund-cli-'));
    kasa = await startKasa({ config: { databaseFile: join(dir, 'kasa.db') } });
  });
  afterAll(async () => {
    await kasa.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refunds a paid order from the configured database and provider beside the running server', async () => {
    const { id, orderId, paymentId } = await paidOrder(kasa);
    vi.stubEnv('KASA_DB', join(dir, 'kasa.db'));
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      expect(await refundCommand([orderId])).toBe(0);
      expect(printed.at(-1)).toMatch(new RegExp(`^Refunded: payment ${paymentId} of order ${orderId}`));
      expect(await refundCommand(['--json', id])).toBe(0);
      expect(JSON.parse(printed.at(-1) ?? '')).toMatchObject({
        refund: { paymentId, status: 'refunded', requestedBy: 'merchant' },
      });
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(refundRow(kasa, paymentId)).toMatchObject({ status: 'refunded', tries: 1 });
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('cancelled');
  });
});
