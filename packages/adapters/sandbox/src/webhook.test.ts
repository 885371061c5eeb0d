import { KasaError } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxAdapter, type SandboxAdapter } from './adapter.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from './webhook.ts';

let shop: SandboxAdapter;
afterEach(() => shop.close());

const body = JSON.stringify({ topic: 'order.paid', orderId: 'ord_1' });
const request = (raw: string, signature: string | undefined) => ({
  headers: { [SANDBOX_SIGNATURE_HEADER]: signature },
  body: raw,
});

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof KasaError ? e.code : e),
  );

describe('sandbox webhooks', () => {
  it('accepts a body signed with the secret', async () => {
    shop = createSandboxAdapter();
    const event = await shop.verifyWebhook(request(body, signSandboxWebhook(body)));
    expect(event).toEqual({ topic: 'order.paid', orderId: 'ord_1', payload: JSON.parse(body) });
  });

  it('uses the configured secret', async () => {
    shop = createSandboxAdapter({ webhookSecret: 's3cret' });
    await expect(
      shop.verifyWebhook(request(body, signSandboxWebhook(body, 's3cret'))),
    ).resolves.toMatchObject({
      topic: 'order.paid',
    });
    expect(await rejection(shop.verifyWebhook(request(body, signSandboxWebhook(body))))).toBe(
      'notification_invalid',
    );
  });

  it('finds the header whatever its case', async () => {
    shop = createSandboxAdapter();
    const req = { headers: { 'X-Kasa-Sandbox-Signature': signSandboxWebhook(body) }, body };
    await expect(shop.verifyWebhook(req)).resolves.toMatchObject({ orderId: 'ord_1' });
  });

  it('rejects an altered body', async () => {
    shop = createSandboxAdapter();
    const altered = body.replace('ord_1', 'ord_2');
    expect(await rejection(shop.verifyWebhook(request(altered, signSandboxWebhook(body))))).toBe(
      'notification_invalid',
    );
  });

  it('rejects a forged, truncated or missing signature', async () => {
    shop = createSandboxAdapter();
    const good = signSandboxWebhook(body);
    const forged = `${good.startsWith('A') ? 'B' : 'A'}${good.slice(1)}`;
    for (const signature of [forged, good.slice(0, -2), '', undefined]) {
      expect(await rejection(shop.verifyWebhook(request(body, signature)))).toBe('notification_invalid');
    }
  });

  it('answers body_invalid for a signed body that is not an event', async () => {
    shop = createSandboxAdapter();
    for (const raw of ['not json', '{"orderId":"ord_1"}']) {
      expect(await rejection(shop.verifyWebhook(request(raw, signSandboxWebhook(raw))))).toBe('body_invalid');
    }
  });
});
