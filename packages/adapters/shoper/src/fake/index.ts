import { randomBytes } from 'node:crypto';
import {
  createFaultPlan,
  type FakeCatalogueProduct,
  resolveFakeCartLines,
  serveFake,
} from '@kasa/adapter-testing/faults';
import { type CartRef, money } from '@kasa/core';
import { encodeBasketRef } from '../basket-ref.ts';
import type { ShoperConfigInput } from '../config.ts';
import { createFakeAuth, shoperError } from './auth.ts';
import { createLeakyBucket, DEFAULT_BUCKET } from './bucket.ts';
import { PAYMENT_IDS, SHIPPINGS, STATUS_IDS, seedProducts, unitPrice } from './catalogue.ts';
import { type Change, FakeOrderBook } from './orders.ts';
import { type RestContext, route, splitPath } from './router.ts';
import type { ShoperFake, ShoperFakeOptions, ShoperRequestLog } from './types.ts';
import {
  type Delivery,
  deliver,
  MERCHANT_KASA_WEBHOOK,
  type RegisteredWebhook,
  type ShopIdentity,
  webhookHeaders,
} from './webhooks.ts';
import { orderJson, platformOrdersOf } from './wire.ts';

export type {
  ShoperFake,
  ShoperFakeConfig,
  ShoperFakeOptions,
  ShoperFakeShop,
  ShoperRequestLog,
} from './types.ts';
export { appstoreShopSecret, type Delivery, webhookSha1 } from './webhooks.ts';

const DEFAULT_LINES = [
  { productId: '11', quantity: 1 },
  { productId: '17', quantity: 1 },
] as const;

const KIND: Readonly<Record<string, 'locker' | 'courier' | 'pickup'>> = {
  paczkomaty: 'locker',
  personal: 'pickup',
};

/**
 * Starts a fake Shoper shop on 127.0.0.1 speaking the REST webapi over real HTTP: `/auth` and
 * `/oauth/token`, expiring bearer tokens, the leaky bucket with its `X-SHOP-API-*` headers, lists with
 * filters, the demo catalogue, orders with their lines and transactions, bulk, webhooks it lists and
 * sends signed, and the faults of a FaultPlan. Nothing leaves the machine but webhooks to URLs a test
 * registers.
 *
 * @example
 * const fake = await createShoperFake({ bucket: { limit: 10, bandwidth: 2 } });
 * const ref = await fake.createCart([{ productId: '12-202', quantity: 2 }]);
 * await fake.close();
 */
export async function createShoperFake(options: ShoperFakeOptions = {}): Promise<ShoperFake> {
  const now = options.now ?? Date.now;
  const shop: ShopIdentity = {
    domain: 'sklep-demo.shoparena.pl',
    license: randomBytes(16).toString('hex'),
    version: '5.25.10',
  };
  const webhookSecret = randomBytes(18).toString('base64url');
  const scheme =
    options.webhookScheme === 'appstore'
      ? {
          kind: 'appstore' as const,
          appstoreSecret: options.appstoreSecret ?? randomBytes(18).toString('hex'),
        }
      : { kind: 'admin' as const };
  const auth = createFakeAuth(options);
  const bucket = createLeakyBucket({ ...DEFAULT_BUCKET, ...options.bucket });
  const faults = createFaultPlan();
  const products = seedProducts();
  const book = new FakeOrderBook(() => products, now);
  const requests: ShoperRequestLog[] = [];
  const webhooks: RegisteredWebhook[] = [];
  const deliveries: Delivery[] = [];
  const pending = new Set<Promise<void>>();

  const registerWebhook: ShoperFake['shop']['registerWebhook'] = (hook) => {
    const webhook = {
      webhook_id: webhooks.length + 1,
      url: hook.url,
      secret: hook.secret ?? webhookSecret,
      events: hook.events ?? ['order.create', 'order.edit', 'order.paid', 'order.status'],
      active: hook.active ?? true,
    };
    webhooks.push(webhook);
    return webhook.webhook_id;
  };
  for (const hook of options.webhooks ?? [MERCHANT_KASA_WEBHOOK]) registerWebhook(hook);

  const send = (event: string, orderId: number) => {
    const order = book.find(orderId);
    if (order === undefined) return;
    const body = JSON.stringify(orderJson(order, book));
    for (const webhook of webhooks.filter((w) => w.active && w.events.includes(event))) {
      const headers = webhookHeaders(shop, scheme, webhook, event, body);
      const delivery = deliver(webhook.url, headers, body).then((result) => {
        deliveries.push({ webhookId: webhook.webhook_id, event, url: webhook.url, body, ...result });
      });
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
    }
  };
  const changed = (change: Change) => {
    for (const { event, orderId } of change.events) send(event, orderId);
    return change.answer;
  };
  const ctx: RestContext = { products: () => products, book, webhooks: () => webhooks, changed };

  const stocks = new Map(
    products.flatMap((p) =>
      p.variants.length === 0
        ? [[String(p.productId), { product: p, stock: p.main }] as const]
        : p.variants.map((v) => [`${p.productId}-${v.stockId}`, { product: p, stock: v }] as const),
    ),
  );
  const stockOf = (id: string) => {
    const found = stocks.get(id);
    if (found === undefined)
      throw new RangeError(`The fake Shoper has no product ${id}; it has ${[...stocks.keys()].join(', ')}.`);
    return found;
  };

  function handle(
    method: string,
    url: URL,
    headers: Record<string, string | string[] | undefined>,
    raw: string,
  ) {
    const at = now();
    const { admitted, retryAfterSeconds } = bucket.take(at);
    if (!admitted) {
      return {
        ...shoperError(429, 'too_many_requests', 'Too many requests'),
        headers: { 'retry-after': String(retryAfterSeconds) },
      };
    }
    if (!url.pathname.startsWith('/webapi/rest/')) return shoperError(404, 'server_error', 'Not found');
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    const { segments } = splitPath(url.pathname);
    if (method === 'POST' && segments.join('/') === 'auth') return auth.passwordGrant(authorization, at);
    if (method === 'POST' && segments.join('/') === 'oauth/token') {
      return auth.tokenGrant(authorization, new URLSearchParams(raw), at);
    }
    const refused = auth.refusal(authorization, at);
    if (refused) return refused;
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return shoperError(400, 'invalid_request', 'body: not valid JSON');
      }
    }
    return route({ method, segments, query: url.searchParams, body }, ctx);
  }

  const server = await serveFake({
    ...(options.port === undefined ? {} : { port: options.port }),
    faults,
    errorResponse: (status) => {
      const answer =
        status === 429
          ? shoperError(429, 'too_many_requests', 'Too many requests')
          : shoperError(status, 'server_error', 'The server encountered an internal error');
      return { ...answer, headers: bucket.headers(now()) };
    },
    handler(req) {
      const answer = handle(req.method, req.url, req.headers, req.body);
      requests.push({
        method: req.method,
        path: req.url.pathname,
        query: req.url.search,
        status: answer.status,
      });
      return { ...answer, headers: { ...answer.headers, ...bucket.headers(now()) } };
    },
  });

  const catalogue: FakeCatalogueProduct[] = [...stocks].map(([id, { product, stock }]) => ({
    id,
    name: stock.option === undefined ? product.name : `${product.name}, ${stock.option}`,
    sku: stock.code,
    price: money(unitPrice(product, stock)),
    vatRate: product.vatRate,
  }));

  const fakeShop: ShoperFake['shop'] = {
    auth,
    faults,
    requests,
    deliveries,
    webhookSecret,
    identity: shop,
    platformOrders: () => platformOrdersOf(book),
    orderJson: (id) => {
      const order = book.find(id);
      return order === undefined ? undefined : orderJson(order, book);
    },
    signWebhook(body, topic = 'order.create') {
      const webhook = webhooks[0] ?? { webhook_id: 1, secret: webhookSecret };
      return { headers: webhookHeaders(shop, scheme, webhook, topic, body), body };
    },
    registerWebhook,
    webhooksSettled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    expireTokens: () => auth.expireTokens(),
    setBucket: (settings) => bucket.set(settings, now()),
    bucketLevel: () => bucket.level(now()),
    setPrice(productId, grosze) {
      const { stock } = stockOf(productId);
      stock.price = grosze;
      if (stock.variant) stock.priceType = 1;
    },
    setStock(productId, { quantity, active }) {
      const { stock } = stockOf(productId);
      if (quantity !== undefined) stock.quantity = quantity;
      if (active !== undefined) stock.active = active;
    },
  };

  return {
    platform: 'shoper',
    url: server.url,
    config: {
      shopUrl: `https://${shop.domain}`,
      endpoint: server.url,
      auth: { login: auth.login, password: auth.password },
      webhookSecret,
      paymentIds: { prepaid: PAYMENT_IDS.prepaid, cod: PAYMENT_IDS.cod },
      statusIds: { ...STATUS_IDS },
    },
    products: catalogue,
    shipping: SHIPPINGS.filter((s) => s.active === '1').map((s) => ({
      id: s.shipping_id,
      name: s.name,
      kind: KIND[s.engine ?? ''] ?? 'courier',
      price: money(Math.round(Number(s.cost) * 100)),
    })),
    async createCart(lines = DEFAULT_LINES): Promise<CartRef> {
      const resolved = resolveFakeCartLines('Shoper', stocks, lines);
      return encodeBasketRef({
        lines: resolved.map(({ item, quantity }) => ({
          productId: item.product.productId,
          stockId: item.stock.stockId,
          quantity,
          shownUnitPrice: unitPrice(item.product, item.stock),
        })),
      });
    },
    shop: fakeShop,
    faults,
    close: async () => {
      await fakeShop.webhooksSettled();
      await server.close();
    },
  };
}

/**
 * The adapter's settings for a fake, with test-sized timeouts and backoff.
 *
 * @example createShoperAdapter(testAdapterConfig(fake, { maxRetryAfterMs: 50 }));
 */
export const testAdapterConfig = (
  fake: Pick<ShoperFake, 'config'>,
  overrides: Partial<ShoperConfigInput> = {},
): ShoperConfigInput => ({
  ...fake.config,
  timeoutMs: 300,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  ...overrides,
});
