import { KasaError, type RawRequest, type WebhookEvent } from '@kasa/core';
import type { Shopify } from '@shopify/shopify-api';
import { z } from 'zod';

/** The webhook topics Kasa subscribes to, as Shopify names them in `X-Shopify-Topic`. */
export const SHOPIFY_WEBHOOK_TOPICS = [
  'orders/create',
  'orders/paid',
  'orders/cancelled',
  'app/uninstalled',
] as const;

/** Kasa's topic for each of Shopify's (what the server logs and answers with). */
const TOPICS: Readonly<Record<string, string>> = {
  'orders/create': 'order.created',
  'orders/paid': 'order.paid',
  'orders/cancelled': 'order.cancelled',
  'orders/updated': 'order.updated',
  'app/uninstalled': 'app.uninstalled',
};

/** An order webhook's body carries the REST order: its numeric `id` is the order id. */
const orderBodySchema = z.looseObject({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]),
});

const invalid = (reason: string) =>
  new KasaError('notification_invalid', { details: { platform: 'shopify', reason } });

/**
 * Verifies a Shopify webhook with the library (`shopify.webhooks.validate`: base64 HMAC-SHA256 of
 * the raw body with the app's secret in `X-Shopify-Hmac-Sha256`, and the topic, shop, API version
 * and webhook id headers), checks it is from the configured shop, and reads the event. Order
 * topics carry the order id; `app/uninstalled` carries none (the server ignores it; the merchant
 * sees it in `kasa doctor`). Throws KasaError('notification_invalid') otherwise.
 *
 * @example
 * const event = await verifyShopifyWebhook(shopify, 'sklep.myshopify.com', { headers, body });
 * event; // { topic: 'order.paid', orderId: '5001001', payload: { id: 5001001, … } }
 */
export async function verifyShopifyWebhook(
  shopify: Shopify,
  shop: string,
  req: RawRequest,
): Promise<WebhookEvent> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers))
    if (value !== undefined) headers[key.toLowerCase()] = value;
  const result = await shopify.webhooks.validate({
    rawBody: req.body,
    rawRequest: { headers, method: 'POST', url: '/api/webhooks/shopify' },
    rawResponse: { statusCode: 200, getHeaders: () => ({}) },
  });
  if (!result.valid) throw invalid(result.reason);
  if (!('domain' in result) || result.domain.toLowerCase() !== shop) throw invalid('other_shop');
  const shopifyTopic = headers['x-shopify-topic'] ?? '';
  const topic = TOPICS[shopifyTopic] ?? shopifyTopic;
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch (cause) {
    throw new KasaError('body_invalid', { cause, details: { platform: 'shopify' } });
  }
  const isOrder = shopifyTopic.startsWith('orders/');
  const parsed = orderBodySchema.safeParse(json);
  const orderId = isOrder && parsed.success ? String(parsed.data.id) : undefined;
  return { topic, ...(orderId === undefined ? {} : { orderId }), payload: json };
}
