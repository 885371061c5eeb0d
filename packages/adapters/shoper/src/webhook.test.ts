import type { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { appstoreWebhookKey, shoperWebhookSignature, verifyShoperWebhook } from './webhook.ts';

// Vectors computed with Python's hashlib/hmac, independently of this code.
const BODY = '{"order_id":"1001","sum":"122.79"}';
const ADMIN_SHA1 = '9cf892ccddec370fed6857924af18d08eeadfc5b';
const APPSTORE_SHA1 = 'd6f6ee861801a21c34a2c46babe4974cbf3d9a4d';

const request = (signature: string, extra: Record<string, string> = {}, body = BODY) => ({
  headers: {
    'X-Webhook-Id': '17',
    'X-Webhook-Name': 'order.paid',
    'X-Webhook-SHA1': signature,
    'X-Shop-License': 'LIC-123',
    ...extra,
  },
  body,
});

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as KasaError).code;
  }
  return 'none';
};

describe('Shoper webhook signature', () => {
  it('is hex SHA-1 of "<webhook id>:<key>:<raw body>"', () => {
    expect(shoperWebhookSignature('17', 'klucz-webhooka', BODY)).toBe(ADMIN_SHA1);
  });

  it('reads a panel webhook: the event and the order id', () => {
    const event = verifyShoperWebhook(request(ADMIN_SHA1), { scheme: 'admin', secret: 'klucz-webhooka' });
    expect(event).toEqual({ topic: 'order.paid', orderId: '1001', payload: JSON.parse(BODY) });
    expect(
      verifyShoperWebhook(request(ADMIN_SHA1.toUpperCase()), { scheme: 'admin', secret: 'klucz-webhooka' })
        .orderId,
    ).toBe('1001');
  });

  it('refuses a missing or wrong signature, another key, a changed body or another webhook id', () => {
    const key = { scheme: 'admin' as const, secret: 'klucz-webhooka' };
    expect(codeOf(() => verifyShoperWebhook({ headers: { 'X-Webhook-Id': '17' }, body: BODY }, key))).toBe(
      'notification_invalid',
    );
    expect(codeOf(() => verifyShoperWebhook(request('0'.repeat(40)), key))).toBe('notification_invalid');
    expect(codeOf(() => verifyShoperWebhook(request(ADMIN_SHA1), { ...key, secret: 'inny' }))).toBe(
      'notification_invalid',
    );
    expect(codeOf(() => verifyShoperWebhook(request(ADMIN_SHA1, {}, `${BODY} `), key))).toBe(
      'notification_invalid',
    );
    expect(codeOf(() => verifyShoperWebhook(request(ADMIN_SHA1, { 'X-Webhook-Id': '18' }), key))).toBe(
      'notification_invalid',
    );
  });

  it('verifies the AppStore variant with the key derived from the application secret and the license', () => {
    expect(appstoreWebhookKey('app-secret', 'LIC-123', 'hook-secret').slice(0, 16)).toBe('fd11334db34eb078');
    const key = { scheme: 'appstore' as const, secret: 'hook-secret', appstoreSecret: 'app-secret' };
    expect(verifyShoperWebhook(request(APPSTORE_SHA1), key).orderId).toBe('1001');
    expect(
      codeOf(() => verifyShoperWebhook(request(APPSTORE_SHA1, { 'X-Shop-License': 'LIC-999' }), key)),
    ).toBe('notification_invalid');
    // The panel scheme does not accept the AppStore signature, nor the reverse.
    expect(
      codeOf(() => verifyShoperWebhook(request(APPSTORE_SHA1), { scheme: 'admin', secret: 'hook-secret' })),
    ).toBe('notification_invalid');
  });
});
