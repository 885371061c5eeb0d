import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signatureOf, verifySignature } from './webhook-signature.ts';

interface Vector {
  readonly name: string;
  readonly key: string;
  readonly data: string;
  readonly algorithm: 'sha256' | 'sha1';
  readonly hex: string;
  readonly base64: string;
}
const vectors = (
  JSON.parse(readFileSync(new URL('../test-fixtures/hmac-vectors.json', import.meta.url), 'utf8')) as {
    cases: Vector[];
  }
).cases;

describe('signatureOf', () => {
  for (const v of vectors) {
    it(`matches the published digest, hex and base64 (${v.name})`, () => {
      expect(signatureOf(v.data, v.key, { algorithm: v.algorithm, encoding: 'hex' })).toBe(v.hex);
      expect(signatureOf(v.data, v.key, { algorithm: v.algorithm, encoding: 'base64' })).toBe(v.base64);
      expect(
        signatureOf(Buffer.from(v.data, 'utf8'), v.key, { algorithm: v.algorithm, encoding: 'hex' }),
      ).toBe(v.hex);
    });
  }

  it('defaults to SHA-256 in base64, the webhook format of WooCommerce and Shopify', () => {
    const sha256 = vectors.find((v) => v.algorithm === 'sha256');
    expect(sha256).toBeDefined();
    if (sha256) expect(signatureOf(sha256.data, sha256.key)).toBe(sha256.base64);
  });

  it('signs the UTF-8 bytes of the body, so Polish letters count as two bytes', () => {
    const body = '{"city":"Łódź"}';
    expect(signatureOf(body, 's')).toBe(signatureOf(Buffer.from(body, 'utf8'), 's'));
    expect(signatureOf(body, 's')).not.toBe(signatureOf(Buffer.from(body, 'latin1'), 's'));
  });
});

describe('verifySignature', () => {
  for (const v of vectors) {
    it(`accepts the published digest and refuses an altered body or secret (${v.name})`, () => {
      const hex = { algorithm: v.algorithm, encoding: 'hex' } as const;
      expect(verifySignature(v.data, v.hex, v.key, hex)).toBe(true);
      expect(verifySignature(v.data, v.hex.toUpperCase(), v.key, hex)).toBe(true);
      expect(verifySignature(v.data, v.base64, v.key, { algorithm: v.algorithm })).toBe(true);
      expect(verifySignature(`${v.data} `, v.hex, v.key, hex)).toBe(false);
      expect(verifySignature(v.data, v.hex, `${v.key}!`, hex)).toBe(false);
    });
  }

  it('refuses a missing, empty, truncated or padded signature without throwing', () => {
    const good = signatureOf('body', 'secret');
    expect(verifySignature('body', undefined, 'secret')).toBe(false);
    expect(verifySignature('body', null, 'secret')).toBe(false);
    expect(verifySignature('body', '', 'secret')).toBe(false);
    expect(verifySignature('body', good.slice(0, -1), 'secret')).toBe(false);
    expect(verifySignature('body', `${good}A`, 'secret')).toBe(false);
    expect(verifySignature('body', 'ż'.repeat(good.length), 'secret')).toBe(false);
  });

  it('refuses a SHA-1 signature when SHA-256 is expected', () => {
    expect(verifySignature('body', signatureOf('body', 'secret', { algorithm: 'sha1' }), 'secret')).toBe(
      false,
    );
  });
});
