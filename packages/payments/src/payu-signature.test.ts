import { readFileSync } from 'node:fs';
import { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { parsePayuNotification, verifyPayuNotification } from './payu-notification.ts';
import type { PayuSignatureAlgorithm } from './payu-signature.ts';
import {
  parsePayuSignatureHeader,
  payuSignatureHeader,
  signPayuStyle,
  verifyPayuSignature,
} from './payu-signature.ts';

const KEY = 'test-second-key';
// Read as text, untouched: signatures cover the exact bytes.
const RAW = readFileSync(
  new URL('../test-fixtures/payu-notification.body.raw.json', import.meta.url),
  'utf8',
);

const signed = (body: string, algorithm: PayuSignatureAlgorithm, name = 'OpenPayU-Signature') => ({
  headers: { [name]: payuSignatureHeader(body, KEY, algorithm) },
  body,
});

const invalid = (fn: () => unknown) => {
  expect(fn).toThrow(KasaError);
  expect(fn).toThrow(expect.objectContaining({ code: 'notification_invalid' }));
};

describe('signPayuStyle', () => {
  it('hashes the body followed by the second key (known vectors)', () => {
    expect(signPayuStyle('', '', 'MD5')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(signPayuStyle('ab', 'c', 'SHA-256')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('verifyPayuSignature', () => {
  it.each(['MD5', 'SHA-256'] as const)(
    'accepts a correct %s signature over the raw fixture body',
    (algorithm) => {
      expect(() => verifyPayuSignature(signed(RAW, algorithm), KEY)).not.toThrow();
    },
  );

  it.each(['OpenPayU-Signature', 'openpayu-signature', 'OpenPayu-Signature', 'X-OpenPayU-Signature'])(
    'reads the %s header',
    (name) => {
      expect(() => verifyPayuSignature(signed(RAW, 'SHA-256', name), KEY)).not.toThrow();
    },
  );

  it('rejects a forged signature', () => {
    const forged = `sender=checkout;signature=${'ab'.repeat(32)};algorithm=SHA-256;content=DOCUMENT`;
    invalid(() => verifyPayuSignature({ headers: { 'OpenPayU-Signature': forged }, body: RAW }, KEY));
  });

  it('rejects a body altered by one byte', () => {
    const request = signed(RAW, 'MD5');
    const altered = request.body.replace('"15000"', '"15001"');
    expect(altered).not.toBe(request.body);
    invalid(() => verifyPayuSignature({ ...request, body: altered }, KEY));
  });

  it('rejects a signature made with another key', () => {
    invalid(() => verifyPayuSignature(signed(RAW, 'SHA-256'), 'another-key'));
  });

  it.each([
    ['no header', {}],
    ['no algorithm', { 'OpenPayU-Signature': `signature=${signPayuStyle(RAW, KEY, 'MD5')}` }],
    [
      'an unsupported algorithm',
      { 'OpenPayU-Signature': `signature=${signPayuStyle(RAW, KEY)};algorithm=SHA-1` },
    ],
    [
      'a truncated signature',
      { 'OpenPayU-Signature': `signature=${signPayuStyle(RAW, KEY).slice(2)};algorithm=SHA-256` },
    ],
    ['a non-hex signature', { 'OpenPayU-Signature': `signature=${'zz'.repeat(32)};algorithm=SHA-256` }],
  ])('rejects a request with %s', (_, headers) => {
    invalid(() => verifyPayuSignature({ headers, body: RAW }, KEY));
  });

  it('parses the header fields whatever their order and case', () => {
    expect(parsePayuSignatureHeader('algorithm=sha256; SIGNATURE=ABCD ;sender=checkout')).toEqual({
      signature: 'abcd',
      algorithm: 'SHA-256',
    });
  });
});

describe('verifyPayuNotification', () => {
  it('parses the real PayU notification shape when signed with our own key', () => {
    expect(parsePayuNotification(RAW).order).toEqual({
      orderId: 'NN18KW7XJG160830GUEST000P01',
      extOrderId: '57c56b16d22e1',
      status: 'PENDING',
      totalAmount: '15000',
      currencyCode: 'PLN',
    });
    expect(verifyPayuNotification(signed(RAW, 'MD5'), KEY)).toEqual({
      providerRef: 'NN18KW7XJG160830GUEST000P01',
      attemptId: '57c56b16d22e1',
      status: 'pending',
    });
  });

  it.each([
    ['COMPLETED', 'paid'],
    ['CANCELED', 'cancelled'],
    ['WAITING_FOR_CONFIRMATION', 'pending'],
  ])('maps PayU %s to %s', (payu, ours) => {
    const body = RAW.replace('"PENDING"', `"${payu}"`);
    expect(verifyPayuNotification(signed(body, 'SHA-256'), KEY).status).toBe(ours);
  });

  it.each([
    ['not JSON', '{"order":'],
    ['an unknown status', RAW.replace('"PENDING"', '"REFUNDED"')],
    ['no order', '{"refund":{}}'],
  ])('rejects a correctly signed body that is %s', (_, body) => {
    invalid(() => verifyPayuNotification(signed(body, 'SHA-256'), KEY));
  });
});
