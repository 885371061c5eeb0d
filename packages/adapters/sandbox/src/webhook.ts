import { headerOf, KasaError, type RawRequest, type WebhookEvent } from '@kasa/core';
import { signatureOf, verifySignature } from '@kasa/platform-http';
import { z } from 'zod';

/** The header carrying the sandbox webhook signature. */
export const SANDBOX_SIGNATURE_HEADER = 'x-kasa-sandbox-signature';

/** The secret used when none is configured. Fine for a demo, never for a real shop. */
export const DEFAULT_SANDBOX_WEBHOOK_SECRET = 'sandbox-webhook-secret';

const eventSchema = z.looseObject({
  topic: z.string().min(1).max(100),
  orderId: z.string().min(1).max(100).optional(),
});

/**
 * Signs a webhook body as the sandbox does: base64 HMAC-SHA256 of the exact raw body.
 *
 * @example
 * const body = JSON.stringify({ topic: 'order.paid', orderId: 'ord_…' });
 * headers[SANDBOX_SIGNATURE_HEADER] = signSandboxWebhook(body);
 */
export function signSandboxWebhook(body: string, secret: string = DEFAULT_SANDBOX_WEBHOOK_SECRET): string {
  return signatureOf(body, secret);
}

/**
 * Checks the signature over the raw body and parses the event `{ topic, orderId?, … }`.
 * Throws KasaError('notification_invalid') for a missing or forged signature or an altered body,
 * and KasaError('body_invalid') for a correctly signed body that is not an event.
 */
export function verifySandboxWebhook(req: RawRequest, secret: string): WebhookEvent {
  if (!verifySignature(req.body, headerOf(req, SANDBOX_SIGNATURE_HEADER), secret)) {
    throw new KasaError('notification_invalid');
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
  const { topic, orderId } = parsed.data;
  return { topic, ...(orderId === undefined ? {} : { orderId }), payload: parsed.data };
}
