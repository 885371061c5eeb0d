import { z } from 'zod';

const created = z.object({ id: z.string().min(1) });
const withStatus = z.object({ status: z.string() });

export interface KasaClient {
  /** The checkout for a cart: the one remembered for it when it still exists, else a new one. */
  checkoutFor(cartRef: string, rememberedId?: string): Promise<string>;
  /** True when the checkout's order is paid or accepted cash on delivery: its cart is bought. */
  purchased(checkoutId: string): Promise<boolean>;
  /** Hands a changed cart to a checkout; false when that checkout is gone or already ordered. */
  changeCart(checkoutId: string, cartRef: string): Promise<boolean>;
  /**
   * The widget's server-rendered first view, ready to put in the page. Without `layout`, Kasa's
   * layout experiment chooses it, for `visitor` (the tracker's consented visitor cookie) if given.
   */
  fragment(
    checkoutId: string,
    options: { layout?: string; visitor?: string; nonce: string },
  ): Promise<string>;
}

/**
 * What a platform plugin does on its server: start a Kasa checkout for the shop's cart and fetch
 * the rendered widget, so the shopper's browser gets the form in the first response. With Kasa's
 * shop key, these calls are not limited per address (they all come from the shop's server).
 */
export function createKasaClient(
  kasaUrl: string,
  fetcher: typeof fetch = fetch,
  shopKey?: string,
): KasaClient {
  /** Kasa's answer; a status other than 2xx or `expected` is an error. */
  async function call(path: string, init: RequestInit = {}, expected = [404]): Promise<Response> {
    const headers = new Headers(init.headers);
    if (shopKey) headers.set('authorization', `Bearer ${shopKey}`);
    const response = await fetcher(`${kasaUrl}${path}`, { ...init, headers });
    if (!response.ok && !expected.includes(response.status)) {
      throw new Error(`Kasa answered ${response.status} to ${init?.method ?? 'GET'} ${path}`);
    }
    return response;
  }
  return {
    async checkoutFor(cartRef, rememberedId) {
      if (rememberedId && (await call(`/api/checkouts/${encodeURIComponent(rememberedId)}`)).ok)
        return rememberedId;
      const response = await call('/api/checkouts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cartRef }),
      });
      if (response.status === 404) throw new Error('cart_not_found');
      return created.parse(await response.json()).id;
    },
    async purchased(checkoutId) {
      const response = await call(`/api/checkouts/${encodeURIComponent(checkoutId)}`);
      if (!response.ok) {
        await response.body?.cancel();
        return false;
      }
      const { status } = withStatus.parse(await response.json());
      return status === 'paid' || status === 'cash_on_delivery';
    },
    async changeCart(checkoutId, cartRef) {
      const path = `/api/checkouts/${encodeURIComponent(checkoutId)}/cart`;
      const json = { 'content-type': 'application/json' };
      const body = JSON.stringify({ cartRef });
      const response = await call(path, { method: 'PUT', headers: json, body }, [404, 409]);
      await response.body?.cancel();
      return response.ok;
    },
    async fragment(checkoutId, { layout, visitor, nonce }) {
      const query = new URLSearchParams({
        nonce,
        ...(layout ? { layout } : {}),
        ...(visitor ? { visitor } : {}),
      });
      const response = await call(`/api/checkouts/${encodeURIComponent(checkoutId)}/fragment?${query}`);
      if (!response.ok) throw new Error('checkout_not_found');
      return response.text();
    },
  };
}
