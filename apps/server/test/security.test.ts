import { connect } from 'node:net';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from '@kasa/adapter-sandbox';
import { money } from '@kasa/core';
import { payuNotificationBody, payuSignatureHeader } from '@kasa/payments';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  fragmentRenderer,
  type Kasa,
  notifyWaitingAttempt,
  readyCheckout,
  SHOP_ORIGIN,
  SHOPPER,
  startKasa,
} from './harness.ts';

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

  it('logs a refused origin once, at warn, with what the merchant must configure', async () => {
    kasa = await startKasa();
    const { id } = await readyCheckout(kasa);
    const shop = 'https://sklep.example';
    const fromShop = { origin: shop, 'access-control-request-method': 'PUT' };
    // What a browser on that page sends: preflights, a read, a write; then again.
    for (let round = 0; round < 2; round += 1) {
      await kasa.api('OPTIONS', `/api/checkouts/${id}/contact`, undefined, fromShop);
      await kasa.api('GET', `/api/checkouts/${id}`, undefined, { origin: shop });
      await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact, { origin: shop });
    }
    await kasa.api('GET', `/api/checkouts/${id}`, undefined, { origin: SHOP_ORIGIN });
    const warnings = () =>
      kasa?.logs.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40) ?? [];
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ origin: shop });
    expect(warnings()[0].msg).toContain('allowedOrigins');
    expect(warnings()[0].msg).toContain('KASA_ALLOWED_ORIGINS');

    await kasa.api('GET', `/api/checkouts/${id}`, undefined, { origin: 'https://inny.example' });
    expect(warnings().map((entry) => entry.origin)).toEqual([shop, 'https://inny.example']);
  });

  it('remembers a bounded number of refused origins, and says when it stops naming them', async () => {
    kasa = await startKasa();
    for (let i = 0; i < 150; i += 1)
      await kasa.api('GET', '/api/checkouts/chk_x', undefined, { origin: `https://s${i}.example` });
    const warnings = kasa.logs.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40);
    const named = warnings.filter((entry) => entry.origin !== undefined);
    expect(named.length).toBeGreaterThan(10);
    expect(named.length).toBeLessThan(150);
    expect(warnings).toHaveLength(named.length + 1);
    expect(warnings.at(-1)?.msg).toMatch(/not logged/);
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
    // Reads are not counted: the API still answers them (here: no such checkout, not 429).
    expect((await kasa.api('GET', '/api/checkouts/chk_x')).status).toBe(404);
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

  it('sends security headers on pages and files', async () => {
    kasa = await startKasa();
    const response = await kasa.api('GET', '/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      // Shop pages on other origins load the widget and call the API.
      'cross-origin-resource-policy': 'cross-origin',
      'origin-agent-cluster': '?1',
      'x-dns-prefetch-control': 'off',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('sends the API headers on API answers, errors included, and no page-only ones', async () => {
    kasa = await startKasa();
    const { id } = await readyCheckout(kasa);
    for (const path of [`/api/checkouts/${id}`, '/api/openapi.json', '/api/nothing-here']) {
      const response = await kasa.api('GET', path);
      expect(Object.fromEntries(response.headers), path).toMatchObject({
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=15552000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
      for (const pageOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection']) {
        expect(response.headers.has(pageOnly), `${path} ${pageOnly}`).toBe(false);
      }
    }
  });

  it('gives the dashboard page a strict policy of its own', async () => {
    kasa = await startKasa({ dashboard: { index: '<!doctype html><title>Kasa</title>', files: new Map() } });
    const page = await kasa.api('GET', '/dashboard/');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
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
    const { id, notified } = await notifyWaitingAttempt(kasa);
    expect(notified.status).toBe(200);
    expect(notified.body.status).toBe('awaiting_confirmation');
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('awaiting_payment');
  });

  it('sends no-store on the checkout and its fragment, which carry contact data', async () => {
    kasa = await startKasa({ widget: fragmentRenderer() });
    const { id } = await readyCheckout(kasa);
    for (const path of [`/api/checkouts/${id}`, `/api/checkouts/${id}/fragment`]) {
      const response = await kasa.api('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('logs a client that hangs up mid-body as an aborted request, not as a fault', async () => {
    kasa = await startKasa();
    const { port } = new URL(kasa.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/checkouts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"cartRef":',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    const logs = () => Promise.resolve(kasa?.logs.map((line) => JSON.parse(line)) ?? []);
    const entries = await eventually(logs, (lines) => lines.some((line) => line.msg === 'request aborted'));
    expect(entries.find((line) => line.msg === 'request aborted')).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/api/checkouts',
    });
    expect(entries.filter((line) => line.level >= 50)).toEqual([]);
    expect(entries.some((line) => line.code === 'internal')).toBe(false);
  });
});

describe('the write limit and signed deliveries', () => {
  const limited = { config: { rateLimit: { max: 3, windowMs: 60_000 } } };

  it('does not count signed store webhooks, and counts ones with a wrong signature', async () => {
    kasa = await startKasa(limited);
    const body = JSON.stringify({ topic: 'product.updated' });
    const deliver = (signature: string) =>
      kasa?.api('POST', '/api/webhooks/sandbox', body, { [SANDBOX_SIGNATURE_HEADER]: signature });
    const signed = [];
    for (let i = 0; i < 6; i += 1) signed.push((await deliver(signSandboxWebhook(body)))?.status);
    expect(signed).toEqual([200, 200, 200, 200, 200, 200]);
    const forged = [];
    for (let i = 0; i < 5; i += 1)
      forged.push((await deliver(signSandboxWebhook(body, 'not-the-secret')))?.status);
    expect(forged).toEqual([401, 401, 401, 429, 429]);
    // A signed delivery from the same address still gets through.
    expect((await deliver(signSandboxWebhook(body)))?.status).toBe(200);
  });

  it('does not count signed payment notifications, and counts forged ones', async () => {
    kasa = await startKasa(limited);
    const body = payuNotificationBody({
      orderId: 'SBX-unknown',
      extOrderId: 'pay_unknown',
      status: 'COMPLETED',
      amount: money(1),
    });
    const notify = (signature: string) =>
      kasa?.api('POST', '/api/payments/notify/sandbox', body, { 'openpayu-signature': signature });
    const signed = [];
    for (let i = 0; i < 6; i += 1)
      signed.push((await notify(payuSignatureHeader(body, 'sandbox-second-key')))?.body.error.code);
    expect(signed).toEqual(Array(6).fill('payment_not_found'));
    const forged = [];
    for (let i = 0; i < 5; i += 1)
      forged.push((await notify(payuSignatureHeader(body, 'wrong-key')))?.status);
    expect(forged).toEqual([401, 401, 401, 429, 429]);
  });
});
