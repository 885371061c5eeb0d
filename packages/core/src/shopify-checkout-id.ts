/**
 * Shopify mode A: the Kasa checkout id of a Shopify checkout Kasa's step never saw (the shopper went
 * straight to Shopify's checkout). The web pixel keys the checkout's events by it, and the server
 * keys the order webhook's purchase by it, so both must compute it here, once. WebCrypto only, so
 * the pixel's sandbox and Node run the same code.
 */

/** What a Shopify checkout token is hashed with (the token itself never leaves the browser). */
export const SHOPIFY_CHECKOUT_DIGEST_PREFIX = 'kasa-shopify-checkout:';

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * `shp_` and the first 22 characters of base64url(SHA-256(`kasa-shopify-checkout:` + token)). A
 * digest, not the token: the token opens the shopper's checkout and must not sit in analytics.
 *
 * @example await shopifyCheckoutId('a1b2c3'); // 'shp_' + 22 characters
 */
export async function shopifyCheckoutId(checkoutToken: string): Promise<string> {
  const data = new TextEncoder().encode(SHOPIFY_CHECKOUT_DIGEST_PREFIX + checkoutToken);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return `shp_${base64url(digest).slice(0, 22)}`;
}
