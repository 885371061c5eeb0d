import { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { signKasaCheckout, signWooWebhook, verifyWooWebhook } from './webhook.ts';

const SECRET = 'kasa-webhook-secret-1';
const BODY = '{"id":727,"status":"processing"}';
// `printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64`
const VECTOR = 'AIqRVuv/CRuOq0TZ7cxTi8bm4GJI3eBO6g+VppVU144=';

describe('WooCommerce webhook signatures', () => {
  it('signs as WooCommerce: base64 HMAC-SHA256 of the raw body', () => {
    expect(signWooWebhook(BODY, SECRET)).toBe(VECTOR);
  });

  it('reads the topic from the header and the order id from the body, headers in any case', () => {
    const event = verifyWooWebhook(
      { headers: { 'X-WC-Webhook-Signature': VECTOR, 'X-WC-Webhook-Topic': 'order.updated' }, body: BODY },
      SECRET,
    );
    expect(event).toMatchObject({ topic: 'order.updated', orderId: '727' });
  });

  it('rejects a body changed after signing and a signature made with another secret', () => {
    const headers = { 'x-wc-webhook-signature': VECTOR, 'x-wc-webhook-topic': 'order.updated' };
    for (const req of [
      { headers, body: BODY.replace('727', '728') },
      { headers: { ...headers, 'x-wc-webhook-signature': signWooWebhook(BODY, 'other') }, body: BODY },
    ]) {
      expect(() => verifyWooWebhook(req, SECRET)).toThrow(KasaError);
    }
  });

  it('carries no order id for a topic about another resource', () => {
    const body = '{"id":5}';
    const headers = {
      'x-wc-webhook-signature': signWooWebhook(body, SECRET),
      'x-wc-webhook-topic': 'product.updated',
    };
    expect(verifyWooWebhook({ headers, body }, SECRET).orderId).toBeUndefined();
  });

  it('signs the checkout data exactly as the Kasa plugin checks it (vector computed by PHP)', () => {
    // php: base64_encode(hash_hmac('sha256', 'chk_1|idem_1|KRA010|1234563218', $secret, true))
    const data = {
      checkout_id: 'chk_1',
      idempotency_key: 'idem_1',
      pickup_point_id: 'KRA010',
      nip: '1234563218',
    };
    expect(signKasaCheckout(data, SECRET)).toBe('GBHJ9qPxbvnmYfmFIfHJzzNu3I45hm4VfTqXPiqMNcU=');
  });
});
