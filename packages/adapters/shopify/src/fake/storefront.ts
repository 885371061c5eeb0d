import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeCart, FakeCartStore } from './storefront-carts.ts';
import { variantGid, variantOf } from './storefront-catalogue.ts';
import { orderOfCart, signWebhook } from './storefront-checkout.ts';
import { answerGraphql, rootFieldOf } from './storefront-graphql.ts';

export { FAKE_SHOPIFY_RATES, FAKE_SHOPIFY_VARIANTS } from './storefront-catalogue.ts';

export interface FakeStorefrontOptions {
  /** The shop's permanent domain. Default `kasa-demo.myshopify.com`. */
  readonly shop?: string;
  /** The private Storefront token the fake accepts. Default: random. */
  readonly storefrontAccessToken?: string;
  /** The app secret webhooks are signed with. Default: random. */
  readonly webhookSecret?: string;
  /** Where `orders/create` goes when a checkout completes (also settable per call). */
  readonly webhookUrl?: string;
  /** The API version written in webhooks' X-Shopify-API-Version. Default 2026-04. */
  readonly apiVersion?: string;
  /**
   * How many answers after a delivery address is added come without delivery groups (Shopify prices
   * a new address asynchronously). Default 0.
   */
  readonly deliveryPricingAnswers?: number;
  /** Units in stock per product (demo id or variant gid); more in a cart is cut, with Shopify's warning. */
  readonly stock?: Readonly<Record<string, number>>;
  /**
   * Called with each order a completed checkout makes, before its webhook goes out: where a combined
   * fake keeps the order for its Admin API to read back.
   */
  readonly onOrder?: (order: ReturnType<typeof orderOfCart>, cart: FakeCart) => void | Promise<void>;
  /** Default: a free port. Avoid fetch-blocked ports such as 6666. */
  readonly port?: number;
}

export interface CompletedCheckout {
  /** The order JSON of the `orders/create` webhook. */
  readonly order: ReturnType<typeof orderOfCart>;
  /** The webhook as sent (raw body and headers). */
  readonly webhook: ReturnType<typeof signWebhook>;
  /** The receiver's HTTP status, when a webhook URL was given. */
  readonly deliveryStatus?: number;
}

export interface FakeStorefront {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly shop: string;
  readonly storefrontAccessToken: string;
  readonly webhookSecret: string;
  readonly apiVersion: string;
  /**
   * A fetch for `setAbstractFetchFunc` (or the client's `fetch` option): requests to
   * `https://<shop>/…` go to this fake, anything else is fetched as it is.
   */
  readonly fetch: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly carts: FakeCartStore;
  /** Kasa's operation name (the GraphQL root field) of every request, in order. */
  readonly calls: readonly string[];
  /** The `Shopify-Storefront-Buyer-IP` of every request, in order (`undefined` when not sent). */
  readonly buyerIps: readonly (string | undefined)[];
  /**
   * Seeds a cart as the shop's cart page would. Lines name a variant gid or a demo-catalogue id
   * (`kawa-etiopia-250`); default one coffee and one mug. Returns the cart id (Kasa's cart ref).
   */
  createCart(lines?: readonly { productId: string; quantity: number }[]): string;
  /**
   * What Shopify does once the shopper pays in its checkout: the cart becomes an order (the cart
   * is then gone) and `orders/create` is sent, signed, to `webhookUrl`.
   */
  completeCheckout(cartId: string, options?: { webhookUrl?: string }): Promise<CompletedCheckout>;
  close(): Promise<void>;
}

const PATH = /^\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;
const MAX_BODY = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a fake Shopify Storefront API on 127.0.0.1: `POST /api/{version}/graphql.json` answering
 * the cart query and mutations Kasa uses, from an in-memory cart store with the demo catalogue, an
 * InPost Paczkomat 24/7 rate and a courier. It checks `Shopify-Storefront-Private-Token` (401
 * without it) and answers `application/json`, as the library requires.
 *
 * @example
 * const fake = await startFakeStorefront();
 * const client = createStorefrontCartClient({ shop: fake.shop, storefrontAccessToken: fake.storefrontAccessToken, fetch: fake.fetch });
 * const cart = await client.getCart(fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]));
 * await fake.close();
 */
export async function startFakeStorefront(options: FakeStorefrontOptions = {}): Promise<FakeStorefront> {
  const shop = options.shop ?? 'kasa-demo.myshopify.com';
  const storefrontAccessToken = options.storefrontAccessToken ?? `shpsa_${randomBytes(16).toString('hex')}`;
  const webhookSecret = options.webhookSecret ?? randomBytes(24).toString('hex');
  const apiVersion = options.apiVersion ?? '2026-04';
  const stock = Object.fromEntries(
    Object.entries(options.stock ?? {}).map(([id, units]) => [variantOf(id)?.id ?? -1, units]),
  );
  const carts = new FakeCartStore(shop, options.deliveryPricingAnswers ?? 0, stock);
  const calls: string[] = [];
  const buyerIps: (string | undefined)[] = [];
  let nextOrder = 1001;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' || !PATH.test(path)) {
      send(res, 404, { errors: 'Not Found' });
      return;
    }
    if (req.headers['shopify-storefront-private-token'] !== storefrontAccessToken) {
      send(res, 401, {
        errors: [{ message: 'Invalid Storefront access token', extensions: { code: 'UNAUTHORIZED' } }],
      });
      return;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      send(res, 415, { errors: [{ message: 'Content-Type must be application/json' }] });
      return;
    }
    let parsed: { query?: unknown; variables?: unknown };
    try {
      parsed = JSON.parse(await readBody(req)) as typeof parsed;
    } catch {
      send(res, 400, { errors: [{ message: 'Invalid JSON in request body' }] });
      return;
    }
    const query = typeof parsed.query === 'string' ? parsed.query : '';
    calls.push(rootFieldOf(query) ?? '');
    buyerIps.push(req.headers['shopify-storefront-buyer-ip'] as string | undefined);
    const variables = (
      parsed.variables && typeof parsed.variables === 'object' ? parsed.variables : {}
    ) as Record<string, unknown>;
    send(res, 200, answerGraphql(carts, query, variables));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { errors: [{ message: String(error) }] }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const shopOrigin = `https://${shop}`;

  return {
    url,
    shop,
    storefrontAccessToken,
    webhookSecret,
    apiVersion,
    carts,
    calls,
    buyerIps,
    fetch: (input, init) => {
      const target = input instanceof Request ? input.url : String(input);
      return fetch(target.startsWith(shopOrigin) ? url + target.slice(shopOrigin.length) : target, init);
    },
    createCart(
      lines = [
        { productId: 'kawa-etiopia-250', quantity: 1 },
        { productId: 'kubek-350', quantity: 1 },
      ],
    ) {
      const input = lines.map((line) => {
        const variant = variantOf(line.productId);
        if (!variant) throw new RangeError(`The fake Shopify shop has no product ${line.productId}.`);
        return { merchandiseId: variantGid(variant.id), quantity: line.quantity };
      });
      const result = carts.create({ lines: input });
      if (!result.cart) throw new RangeError(result.userErrors.map((e) => e.message).join('; '));
      return result.cart.id;
    },
    async completeCheckout(cartId, call = {}) {
      const cart: FakeCart | undefined = carts.get(cartId);
      if (!cart) throw new RangeError(`The fake Shopify shop has no open cart ${cartId}.`);
      if (cart.lines.length === 0) throw new RangeError('An empty cart cannot be checked out.');
      const number = nextOrder++;
      const order = orderOfCart(cart, {
        id: 5_000_000 + number,
        number,
        createdAt: new Date().toISOString(),
      });
      cart.completed = true;
      await options.onOrder?.(order, cart);
      const webhook = signWebhook({
        topic: 'orders/create',
        shop,
        apiVersion,
        secret: webhookSecret,
        payload: order,
      });
      const target = call.webhookUrl ?? options.webhookUrl;
      if (!target) return { order, webhook };
      const response = await fetch(target, { method: 'POST', headers: webhook.headers, body: webhook.body });
      await response.arrayBuffer();
      return { order, webhook, deliveryStatus: response.status };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
