import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOAuthVerifier, oauthBaseString, rfc3986 } from './oauth.ts';

const KEY = `ck_${'1'.repeat(40)}`;
const SECRET = `cs_${'2'.repeat(40)}`;
const BASE = 'http://127.0.0.1:8080/wp-json/wc/v3/orders';
const NOW = 1_780_000_000;

/** Signs a request the way the WooCommerce JS client does, as an independent check of the verifier. */
function signed(
  params: Record<string, string>,
  options: { method?: string; algorithm?: 'sha1' | 'sha256' } = {},
) {
  const algorithm = options.algorithm ?? 'sha256';
  const oauth = {
    oauth_consumer_key: KEY,
    oauth_nonce: Math.random().toString(36).slice(2),
    oauth_signature_method: algorithm === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256',
    oauth_timestamp: String(NOW),
    oauth_version: '1.0',
    ...params,
  };
  const all = new Map(Object.entries(oauth));
  const signature = createHmac(algorithm, `${SECRET}&`)
    .update(oauthBaseString(options.method ?? 'GET', BASE, all))
    .digest('base64');
  return new URLSearchParams({ ...oauth, oauth_signature: signature });
}

const verifier = () => createOAuthVerifier(new Map([[KEY, SECRET]]));

describe('the fake shop’s OAuth 1.0a check', () => {
  it('accepts HMAC-SHA256 and HMAC-SHA1 signatures over the sorted parameters', () => {
    const v = verifier();
    for (const algorithm of ['sha256', 'sha1'] as const) {
      const query = signed({ per_page: '20', kasa_checkout_id: 'chk_a b' }, { algorithm });
      expect(v.verify({ method: 'GET', baseUrl: BASE, query, nowSeconds: NOW })).toEqual({
        ok: true,
        consumerKey: KEY,
      });
    }
  });

  it('tolerates a parameter repeated with the same value, keeping the last as PHP does', () => {
    const query = signed({ per_page: '20' });
    query.append('per_page', '20');
    expect(verifier().verify({ method: 'GET', baseUrl: BASE, query, nowSeconds: NOW }).ok).toBe(true);
  });

  it('refuses a changed parameter, another method, an old timestamp and a reused nonce', () => {
    const v = verifier();
    const changed = signed({ per_page: '20' });
    changed.set('per_page', '100');
    expect(v.verify({ method: 'GET', baseUrl: BASE, query: changed, nowSeconds: NOW })).toMatchObject({
      ok: false,
      message: 'Invalid signature - provided signature does not match.',
    });
    expect(v.verify({ method: 'PUT', baseUrl: BASE, query: signed({}), nowSeconds: NOW }).ok).toBe(false);
    expect(
      v.verify({ method: 'GET', baseUrl: BASE, query: signed({}), nowSeconds: NOW + 16 * 60 }),
    ).toMatchObject({
      message: 'Invalid timestamp.',
    });
    const once = signed({});
    expect(v.verify({ method: 'GET', baseUrl: BASE, query: once, nowSeconds: NOW }).ok).toBe(true);
    expect(v.verify({ method: 'GET', baseUrl: BASE, query: once, nowSeconds: NOW })).toMatchObject({
      message: 'Invalid nonce - nonce has already been used.',
    });
  });

  it('refuses an unknown consumer key', () => {
    const query = signed({});
    query.set('oauth_consumer_key', `ck_${'9'.repeat(40)}`);
    expect(verifier().verify({ method: 'GET', baseUrl: BASE, query, nowSeconds: NOW })).toMatchObject({
      message: 'Consumer key is invalid.',
    });
  });

  it('encodes as PHP rawurlencode', () => {
    expect(rfc3986("a b!*'()~")).toBe('a%20b%21%2A%27%28%29~');
  });
});
