import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-legged OAuth 1.0a as WooCommerce checks it on REST requests over http:// (its
 * `WC_REST_Authentication::perform_oauth_authentication`): HMAC-SHA1 or HMAC-SHA256, key =
 * consumer secret + '&', base string = METHOD & url(home + path) & url(sorted, encoded params),
 * timestamp within ±15 minutes, nonce never reused.
 */

/** RFC 3986 percent-encoding, as PHP's rawurlencode. */
export const rfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The base string WooCommerce signs. `params` excludes `oauth_signature`. */
export function oauthBaseString(
  method: string,
  baseUrl: string,
  params: ReadonlyMap<string, string>,
): string {
  const keys = [...params.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs = keys.map((k) => rfc3986(`${rfc3986(k)}=${rfc3986(params.get(k) ?? '')}`));
  return `${method.toUpperCase()}&${rfc3986(baseUrl)}&${pairs.join('%26')}`;
}

export type OAuthResult =
  | { readonly ok: true; readonly consumerKey: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface OAuthVerifier {
  verify(input: { method: string; baseUrl: string; query: URLSearchParams; nowSeconds: number }): OAuthResult;
}

const fail = (message: string, code = 'woocommerce_rest_authentication_error'): OAuthResult => ({
  ok: false,
  code,
  message,
});

export function createOAuthVerifier(keys: ReadonlyMap<string, string>): OAuthVerifier {
  const usedNonces = new Map<string, Map<string, number>>();
  return {
    verify({ method, baseUrl, query, nowSeconds }) {
      // PHP's $_GET keeps the last of duplicated keys; the JS client repeats user parameters.
      const params = new Map<string, string>();
      for (const [key, value] of query) params.set(key, value);
      for (const required of [
        'oauth_consumer_key',
        'oauth_timestamp',
        'oauth_nonce',
        'oauth_signature',
        'oauth_signature_method',
      ]) {
        if (!params.has(required)) return fail(`Missing OAuth parameter ${required}`);
      }
      const consumerKey = params.get('oauth_consumer_key') ?? '';
      const secret = keys.get(consumerKey);
      if (secret === undefined) return fail('Consumer key is invalid.');

      const given = (params.get('oauth_signature') ?? '').replace(/ /g, '+');
      params.delete('oauth_signature');
      const method_ = params.get('oauth_signature_method');
      if (method_ !== 'HMAC-SHA1' && method_ !== 'HMAC-SHA256') {
        return fail('Invalid signature - signature method is invalid.');
      }
      const algorithm = method_ === 'HMAC-SHA1' ? 'sha1' : 'sha256';
      const expected = createHmac(algorithm, `${secret}&`)
        .update(oauthBaseString(method, baseUrl, params))
        .digest('base64');
      const a = Buffer.from(expected);
      const b = Buffer.from(given);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        return fail('Invalid signature - provided signature does not match.');
      }

      const timestamp = Number(params.get('oauth_timestamp'));
      const window = 15 * 60;
      if (!Number.isFinite(timestamp) || timestamp < nowSeconds - window || timestamp > nowSeconds + window) {
        return fail('Invalid timestamp.');
      }
      const used = usedNonces.get(consumerKey) ?? new Map<string, number>();
      usedNonces.set(consumerKey, used);
      for (const [nonce, at] of used) if (at < nowSeconds - window) used.delete(nonce);
      const nonce = params.get('oauth_nonce') ?? '';
      if (used.has(nonce)) return fail('Invalid nonce - nonce has already been used.');
      used.set(nonce, timestamp);
      return { ok: true, consumerKey };
    },
  };
}
