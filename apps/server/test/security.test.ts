import { money } from '@kasa/core';
import { payuNotificationBody, payuSignatureHeader } from '@kasa/payments';
import { afterEach, describe, expect, it } from 'vitest';
import { type Kasa, readyCheckout, SHOP_ORIGIN, SHOPPER, startKasa } from './harness.ts';

let kasa: Kasa | undefined;
afterEach(() => kasa?.close());

describe('security basics', () => {
  it('allows CORS for a configured shop origin only', async () => {
    kasa = await startKasa();
    const allowed = await kasa.api('OPTIONS', '/api/checkouts', undefined, {
      origin: SHOP_ORIGIN,
      'access-control-request-method': 'POST',
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    const other = await kasa.api('OPTIONS', '/api/checkouts', undefined, {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a browser write from another origin', async () => {
    kasa = await startKasa();
    const { id } = await readyCheckout(kasa);
    const response = await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact, {
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('origin_forbidden');
  });

  it('limits writes per IP and says when to come back', async () => {
    kasa = await startKasa({ config: { rateLimit: { max: 3, windowMs: 60_000 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await kasa.api('POST', '/api/checkouts', { cartRef: 'cart_x' })).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await kasa.api('POST', '/api/checkouts', { cartRef: 'cart_x' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await kasa.api('GET', '/health')).status).toBe(200);
  });

  it("lets the shop's server, with the shop key, start checkouts past the per-address limit", async () => {
    const shopKey = 'k'.repeat(32);
    kasa = await startKasa({ config: { rateLimit: { max: 3, windowMs: 60_000 }, shopKey } });
    const start = (key: string) =>
      kasa?.api('POST', '/api/checkouts', { cartRef: 'cart_x' }, { authorization: `Bearer ${key}` });
    const withKey = [];
    for (let i = 0; i < 6; i += 1) withKey.push((await start(shopKey))?.status);
    expect(withKey).toEqual([404, 404, 404, 404, 404, 404]);
    const wrongKey = [];
    for (let i = 0; i < 5; i += 1) wrongKey.push((await start(`${shopKey}x`))?.status);
    expect(wrongKey).toEqual([404, 404, 404, 429, 429]);
  });

  it('sends security headers', async () => {
    kasa = await startKasa();
    const response = await kasa.api('GET', '/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('makes checkout ids that cannot be guessed', async () => {
    kasa = await startKasa();
    const ids = await Promise.all([1, 2, 3].map(async () => (await readyCheckout(kasa as Kasa)).id));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(Buffer.from(id.slice(4), 'base64url')).toHaveLength(16);
  });

  it('verifies payment notifications over the raw body and ignores forged ones', async () => {
    kasa = await startKasa();
    const forged = await kasa.api(
      'POST',
      '/api/payments/notify/sandbox',
      '{"order":{"orderId":"x","status":"COMPLETED"}}',
      {
        'openpayu-signature': 'sender=checkout;signature=00;algorithm=SHA-256;content=DOCUMENT',
      },
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('notification_invalid');
  });

  it('does not mark a payment paid on a signed notification the provider does not confirm', async () => {
    kasa = await startKasa();
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const waiting = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '999123' });
    const { provider_ref: providerRef } = kasa.runtime.db
      .prepare('SELECT provider_ref FROM kasa_payments WHERE id = ?')
      .get(waiting.body.id) as { provider_ref: string };
    const body = payuNotificationBody({
      orderId: providerRef,
      extOrderId: waiting.body.id,
      status: 'COMPLETED',
      amount: money(1),
    });
    const notified = await kasa.api('POST', '/api/payments/notify/sandbox', body, {
      'openpayu-signature': payuSignatureHeader(body, 'sandbox-second-key'),
    });
    expect(notified.status).toBe(200);
    expect(notified.body.status).toBe('awaiting_confirmation');
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('awaiting_payment');
  });
});
