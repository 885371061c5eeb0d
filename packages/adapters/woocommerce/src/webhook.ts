import { headerOf, KasaError, type RawRequest, type WebhookEvent } from '@kasa/core';
import { signatureOf, verifySignature } from '@kasa/platform-http';
import { z } from 'zod';

export const WOO_SIGNATURE_HEADER = 'x-wc-webhook-signature';
export const WOO_TOPIC_HEADER = 'x-wc-webhook-topic';
export const WOO_RESOURCE_HEADER = 'x-wc-webhook-resource';

/**
 * Signs a body as WooCommerce does: base64 of HMAC-SHA256 over the exact raw body, keyed with the
 * webhook's secret.
 *
 * @example signWooWebhook('{"id":727}', 'secret'); // the X-WC-Webhook-Signature value
 */
export function signWooWebhook(body: string, secret: string): string {
  return signatureOf(body, secret);
}

/** The Kasa data a checkout carries in `extensions.kasa`. */
export interface KasaCheckoutData {
  readonly checkout_id: string;
  readonly idempotency_key: string;
  readonly pickup_point_id?: string;
  readonly nip?: string;
  /**
   * `'1'` when the shopper gave no billing address (a parcel-locker order without an invoice):
   * WooCommerce demands one, so the checkout carries the locker's, which the plugin then clears.
   */
  readonly no_billing_address?: '1';
}

/**
 * Signs the Kasa data of a Store API checkout with the shop's webhook secret, so the Kasa plugin
 * stores it only when it comes from Kasa's server (the Store API is public): base64 HMAC-SHA256 of
 * `checkout_id|idempotency_key|pickup_point_id|nip`, with `|1` appended when `no_billing_address`
 * is set (so a plugin that predates the flag refuses the data rather than keep a wrong address).
 */
export function signKasaCheckout(data: KasaCheckoutData, secret: string): string {
  const parts = [data.checkout_id, data.idempotency_key, data.pickup_point_id ?? '', data.nip ?? ''];
  if (data.no_billing_address === '1') parts.push('1');
  return signatureOf(parts.join('|'), secret);
}

const resourceSchema = z.looseObject({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]),
});

/** WooCommerce pings a new webhook's URL with this unsigned form body. */
const PING = /^webhook_id=\d+$/;

/**
 * Verifies a WooCommerce webhook over its raw body and reads the event: the topic from
 * `X-WC-Webhook-Topic`, the order id from the body for order topics. The unsigned ping WooCommerce
 * sends when a webhook is saved comes back as topic `ping` and carries nothing to act on.
 * Throws KasaError('notification_invalid') for a missing or wrong signature.
 */
export function verifyWooWebhook(req: RawRequest, secret: string): WebhookEvent {
  const signature = headerOf(req, WOO_SIGNATURE_HEADER);
  if (signature === undefined && PING.test(req.body.trim())) return { topic: 'ping', payload: req.body };
  if (!verifySignature(req.body, signature, secret)) {
    throw new KasaError('notification_invalid', { details: { platform: 'woocommerce' } });
  }
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch (cause) {
    throw new KasaError('body_invalid', { cause, details: { platform: 'woocommerce' } });
  }
  const topic = headerOf(req, WOO_TOPIC_HEADER) ?? 'unknown';
  const resource = headerOf(req, WOO_RESOURCE_HEADER) ?? topic.split('.')[0];
  const parsed = resourceSchema.safeParse(json);
  const orderId = resource === 'order' && parsed.success ? String(parsed.data.id) : undefined;
  return { topic, ...(orderId === undefined ? {} : { orderId }), payload: json };
}
