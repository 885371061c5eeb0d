import { VISITOR_DIGEST_LENGTH, VISITOR_DIGEST_PREFIX } from '@kasa/core';

/**
 * The visitor id Kasa's server bucketed this checkout's first view by (see VISITOR_DIGEST_PREFIX in
 * @kasa/core), or undefined where Web Crypto is missing (a page not served over https).
 *
 * @example await checkoutVisitorId('chk_abc'); // 'Qm9xLrT0…' (22 characters)
 */
export async function checkoutVisitorId(checkoutId: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const bytes = new TextEncoder().encode(`${VISITOR_DIGEST_PREFIX}${checkoutId}`);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  const base64 = btoa(String.fromCharCode(...digest));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').slice(0, VISITOR_DIGEST_LENGTH);
}
