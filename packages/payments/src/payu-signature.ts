/**
 * PayU's notification signature: `OpenPayU-Signature: sender=checkout;signature=<hex>;algorithm=…;content=DOCUMENT`,
 * where the signature is MD5 or SHA-256 of the raw body followed by the POS "second key".
 * Kept apart from the sandbox because a real PayU provider uses exactly the same check.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RawRequest } from '@kasa/core';
import { KasaError } from '@kasa/core';

export type PayuSignatureAlgorithm = 'MD5' | 'SHA-256';

const NODE_HASH: Readonly<Record<PayuSignatureAlgorithm, string>> = { MD5: 'md5', 'SHA-256': 'sha256' };
/** PayU sends either name, and the case varies ("OpenPayu-Signature"). */
const HEADER_NAMES = ['openpayu-signature', 'x-openpayu-signature'];

/**
 * The hex signature PayU puts in the header: H(rawBody + secondKey).
 *
 * @example signPayuStyle('{"order":{}}', 'sandbox-second-key', 'MD5'); // 32 hex digits
 */
export function signPayuStyle(
  body: string,
  secondKey: string,
  algorithm: PayuSignatureAlgorithm = 'SHA-256',
): string {
  return createHash(NODE_HASH[algorithm])
    .update(body + secondKey, 'utf8')
    .digest('hex');
}

/**
 * The full header value for a body, as PayU would send it.
 *
 * @example payuSignatureHeader(body, key); // 'sender=checkout;signature=…;algorithm=SHA-256;content=DOCUMENT'
 */
export function payuSignatureHeader(
  body: string,
  secondKey: string,
  algorithm: PayuSignatureAlgorithm = 'SHA-256',
): string {
  return `sender=checkout;signature=${signPayuStyle(body, secondKey, algorithm)};algorithm=${algorithm};content=DOCUMENT`;
}

export interface PayuSignature {
  readonly signature: string;
  readonly algorithm: PayuSignatureAlgorithm;
}

function toAlgorithm(value: string | undefined): PayuSignatureAlgorithm | undefined {
  const upper = value?.toUpperCase();
  if (upper === 'MD5') return 'MD5';
  if (upper === 'SHA-256' || upper === 'SHA256') return 'SHA-256';
  return undefined;
}

/**
 * Parses a signature header value; undefined when the signature or a supported algorithm is missing.
 *
 * @example parsePayuSignatureHeader('sender=checkout;signature=ab12;algorithm=MD5'); // { signature: 'ab12', algorithm: 'MD5' }
 */
export function parsePayuSignatureHeader(value: string): PayuSignature | undefined {
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const signature = fields.get('signature');
  const algorithm = toAlgorithm(fields.get('algorithm'));
  if (signature === undefined || !/^[0-9a-f]+$/i.test(signature) || algorithm === undefined) return undefined;
  return { signature: signature.toLowerCase(), algorithm };
}

function findSignatureHeader(headers: RawRequest['headers']): string | undefined {
  for (const name of HEADER_NAMES) {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === name && value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * Checks the PayU signature over the exact raw body, in constant time.
 * Throws KasaError('notification_invalid') when the header is missing, malformed or does not match.
 */
export function verifyPayuSignature(req: RawRequest, secondKey: string): void {
  if (secondKey === '') throw new RangeError('verifyPayuSignature: the second key is empty');
  const header = findSignatureHeader(req.headers);
  const parsed = header === undefined ? undefined : parsePayuSignatureHeader(header);
  if (parsed === undefined) {
    throw new KasaError('notification_invalid', { details: { reason: 'signature_missing' } });
  }
  const expected = signPayuStyle(req.body, secondKey, parsed.algorithm);
  // The length of a hex digest is public, so checking it first leaks nothing.
  const matches =
    parsed.signature.length === expected.length &&
    timingSafeEqual(Buffer.from(parsed.signature, 'hex'), Buffer.from(expected, 'hex'));
  if (!matches) throw new KasaError('notification_invalid', { details: { reason: 'signature_mismatch' } });
}
