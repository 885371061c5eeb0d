import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { headerOf, KasaError, type RawRequest, type WebhookEvent } from '@kasa/core';
import { z } from 'zod';

export const SHOPER_SIGNATURE_HEADER = 'x-webhook-sha1';
export const SHOPER_WEBHOOK_ID_HEADER = 'x-webhook-id';
export const SHOPER_EVENT_HEADER = 'x-webhook-name';
export const SHOPER_LICENSE_HEADER = 'x-shop-license';

/** How the webhook's key is known: the panel's "Klucz", or an AppStore application's derived one. */
export type WebhookKey =
  | { readonly scheme: 'admin'; readonly secret: string }
  | { readonly scheme: 'appstore'; readonly secret: string; readonly appstoreSecret: string };

/**
 * The key an AppStore webhook is signed with: HMAC-SHA512 (key = the application secret) of
 * `<license>:<webhook secret>`, hex. From one version of Shoper's PHP SDK (WebhookVerifier); not seen live.
 *
 * @example appstoreWebhookKey('app-secret', 'LIC-1', 'hook-secret'); // 128 hex characters
 */
export const appstoreWebhookKey = (appstoreSecret: string, license: string, webhookSecret: string): string =>
  createHmac('sha512', appstoreSecret).update(`${license}:${webhookSecret}`, 'utf8').digest('hex');

/**
 * `X-Webhook-SHA1`: hex SHA-1 (not an HMAC) of `<X-Webhook-Id>:<key>:<raw body>`.
 *
 * @example shoperWebhookSignature('17', 'secret', '{"order_id":1}'); // 40 hex characters
 */
export const shoperWebhookSignature = (webhookId: string, key: string, body: string): string =>
  createHash('sha1').update(`${webhookId}:${key}:${body}`, 'utf8').digest('hex');

const invalid = () => new KasaError('notification_invalid', { details: { platform: 'shoper' } });

const sameHex = (a: string, b: string): boolean => {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

const orderBody = z.looseObject({
  order_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
  id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
});

/**
 * Verifies a Shoper webhook over its raw body and reads it: the event from `X-Webhook-Name`
 * (`order.create`, `order.paid`, …), the order id from the order JSON (`order_id`, else `id`).
 * Throws KasaError('notification_invalid') for a missing or wrong signature (or id, or license for
 * the AppStore scheme).
 *
 * @example verifyShoperWebhook({ headers: { 'X-Webhook-Id': '17', 'X-Webhook-SHA1': '…', 'X-Webhook-Name': 'order.paid' }, body }, { scheme: 'admin', secret });
 */
export function verifyShoperWebhook(req: RawRequest, key: WebhookKey): WebhookEvent {
  const signature = headerOf(req, SHOPER_SIGNATURE_HEADER);
  const webhookId = headerOf(req, SHOPER_WEBHOOK_ID_HEADER);
  if (signature === undefined || webhookId === undefined || !/^[0-9a-f]{40}$/i.test(signature.trim()))
    throw invalid();
  let secret = key.secret;
  if (key.scheme === 'appstore') {
    const license = headerOf(req, SHOPER_LICENSE_HEADER);
    if (license === undefined || license === '') throw invalid();
    secret = appstoreWebhookKey(key.appstoreSecret, license, key.secret);
  }
  if (!sameHex(signature.trim(), shoperWebhookSignature(webhookId, secret, req.body))) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch (cause) {
    throw new KasaError('body_invalid', { cause, details: { platform: 'shoper' } });
  }
  const topic = headerOf(req, SHOPER_EVENT_HEADER) ?? 'unknown';
  const parsed = orderBody.safeParse(json);
  const id = parsed.success ? (parsed.data.order_id ?? parsed.data.id) : undefined;
  return {
    topic,
    ...(topic.startsWith('order.') && id !== undefined ? { orderId: String(id) } : {}),
    payload: json,
  };
}
