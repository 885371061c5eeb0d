/**
 * Carts made on the real shop as its storefront makes them: a guest's Store API session (the
 * Cart-Token of `GET /cart`, then `add-item` with it), or a registered customer's, whose token the
 * shop issues to their logged-in session (as the Kasa plugin's checkout page gets it). Writes carry
 * the nonce the page was given, as WooCommerce's own scripts send it (8.9 wants it; 10.x takes the
 * token alone).
 */
import type { RealShop } from './platform.ts';
import { type WpSession, wpLogin } from './wp-admin.ts';

export interface Shopper {
  readonly kind: 'guest' | 'customer';
  /** The WordPress user id of a customer; 0 for a guest. */
  readonly userId: number;
  /** A new cart with these lines; returns its Cart-Token. */
  createCart(lines: readonly { productId: number; quantity: number }[]): Promise<string>;
}

type Line = { productId: number; quantity: number };
/** One Store API write (path under /wp-json) as the shopper's page sends it. */
type Write = (method: string, path: string, body?: unknown) => Promise<Response>;

async function addItems(write: Write, lines: readonly Line[]) {
  for (const line of lines) {
    const added = await write('POST', '/wc/store/v1/cart/add-item', {
      id: line.productId,
      quantity: line.quantity,
    });
    const text = await added.text();
    if (added.status !== 201) throw new Error(`add-item answered ${added.status}: ${text.slice(0, 300)}`);
  }
}

export const guest = (shop: RealShop): Shopper => ({
  kind: 'guest',
  userId: 0,
  async createCart(lines) {
    const first = await fetch(`${shop.url}/wp-json/wc/store/v1/cart`);
    await first.arrayBuffer();
    const token = first.headers.get('cart-token');
    if (!token) throw new Error('GET /cart sent no Cart-Token');
    const nonce = first.headers.get('nonce') ?? '';
    const write: Write = (method, path, body) =>
      fetch(`${shop.url}/wp-json${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'cart-token': token, nonce },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    await addItems(write, lines);
    return token;
  },
});

/** A customer account (made once through REST v3) and its logged-in session. */
export async function customer(shop: RealShop, email = 'klientka@example.pl'): Promise<Shopper> {
  const password = 'klientka-haslo-123';
  const found = await shop.wp<{ id: number }[]>('GET', `/wc/v3/customers?email=${encodeURIComponent(email)}`);
  const id =
    found.body[0]?.id ??
    (
      await shop.wp<{ id: number }>('POST', '/wc/v3/customers', {
        email,
        username: email.split('@')[0],
        password,
        first_name: 'Anna',
        last_name: 'Nowak',
      })
    ).body.id;
  let session: WpSession | undefined;
  return {
    kind: 'customer',
    userId: id,
    async createCart(lines) {
      session ??= await wpLogin(shop.url, email, password);
      const logged = session;
      const cart = await logged.rest('GET', '/wc/store/v1/cart');
      await cart.arrayBuffer();
      const token = cart.headers.get('cart-token');
      if (!token) throw new Error('GET /cart sent no Cart-Token to the logged-in customer');
      // The customer's own page: their login cookie and the nonce of their session.
      const nonce = cart.headers.get('nonce') ?? '';
      const write: Write = (method, path, body) => logged.rest(method, path, body, { nonce });
      // One cart per customer account: empty it first, as a new visit that starts a new cart.
      const emptied = await write('DELETE', '/wc/store/v1/cart/items');
      await emptied.arrayBuffer();
      await addItems(write, lines);
      return token;
    },
  };
}
