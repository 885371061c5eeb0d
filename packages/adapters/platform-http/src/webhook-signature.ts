import { createHmac, timingSafeEqual } from 'node:crypto';

/** How a platform signs its webhooks: the HMAC's hash and how the digest is written. */
export interface SignatureOptions {
  readonly algorithm?: 'sha256' | 'sha1';
  readonly encoding?: 'base64' | 'hex';
}

/**
 * The HMAC of the exact raw body (UTF-8), keyed with the webhook secret. WooCommerce, Shopify and
 * Kasa's PrestaShop module use the default (SHA-256, base64).
 *
 * @example signatureOf('{"id":727}', 'secret'); // the X-WC-Webhook-Signature value
 * @example signatureOf(body, secret, { algorithm: 'sha1', encoding: 'hex' });
 */
export function signatureOf(
  rawBody: string | Uint8Array,
  secret: string,
  options: SignatureOptions = {},
): string {
  const hmac = createHmac(options.algorithm ?? 'sha256', secret);
  typeof rawBody === 'string' ? hmac.update(rawBody, 'utf8') : hmac.update(rawBody);
  return hmac.digest(options.encoding ?? 'base64');
}

/**
 * True when `given` is the signature of the raw body. Compared in constant time; a missing or
 * wrong-length signature is false, never a throw (a valid HMAC's length is no secret). Hex is
 * compared case-insensitively.
 *
 * @example if (!verifySignature(req.body, headerOf(req, 'x-shopify-hmac-sha256'), secret)) throw new KasaError('notification_invalid');
 */
export function verifySignature(
  rawBody: string | Uint8Array,
  given: string | undefined | null,
  secret: string,
  options: SignatureOptions = {},
): boolean {
  if (given === undefined || given === null || given === '') return false;
  const expected = Buffer.from(signatureOf(rawBody, secret, options), 'utf8');
  const offered = Buffer.from(options.encoding === 'hex' ? given.trim().toLowerCase() : given.trim(), 'utf8');
  return offered.length === expected.length && timingSafeEqual(offered, expected);
}
