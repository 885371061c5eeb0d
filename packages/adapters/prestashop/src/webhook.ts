import { headerOf, KasaError, type RawRequest, type WebhookEvent } from '@kasa/core';
import { signatureOf, verifySignature } from '@kasa/platform-http';
import { z } from 'zod';

/** The header the Kasa module puts its signature in. */
export const PRESTASHOP_SIGNATURE_HEADER = 'x-kasa-signature';

/**
 * What the Kasa module sends on `actionValidateOrder` and `actionOrderStatusPostUpdate`. `orderId`
 * is Kasa's order id (the PrestaShop cart id); the rest describes the PrestaShop order.
 */
const eventSchema = z.looseObject({
  topic: z.string().min(1).max(100),
  orderId: z.union([z.string().min(1).max(100), z.int().nonnegative()]).transform(String),
});

/**
 * Signs a body as the module does: base64 HMAC-SHA256 of the exact raw body.
 *
 * @example headers[PRESTASHOP_SIGNATURE_HEADER] = signPrestaShopWebhook(body, secret);
 */
export function signPrestaShopWebhook(body: string, secret: string): string {
  return signatureOf(body, secret);
}

/**
 * Checks the signature over the raw bytes, then parses the event. Throws
 * KasaError('notification_invalid') for a missing or wrong signature, KasaError('body_invalid') for a
 * signed body that is not an event.
 */
export function verifyPrestaShopWebhook(req: RawRequest, secret: string): WebhookEvent {
  if (!verifySignature(req.body, headerOf(req, PRESTASHOP_SIGNATURE_HEADER), secret)) {
    throw new KasaError('notification_invalid', { details: { platform: 'prestashop' } });
  }
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch (cause) {
    throw new KasaError('body_invalid', { cause });
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    throw new KasaError('body_invalid', {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return { topic: parsed.data.topic, orderId: parsed.data.orderId, payload: parsed.data };
}
