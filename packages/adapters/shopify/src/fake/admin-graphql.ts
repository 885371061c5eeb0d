import { createHmac, randomUUID } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '@kasa/adapter-testing/faults';
import type { RawRequest } from '@kasa/core';
import { SUPPORTED_API_VERSIONS } from '../config.ts';
import { type CostBucket, createCostBucket } from './admin-bucket.ts';
import {
  type FakeOrder,
  type FakeVariant,
  matchesQuery,
  newOrder,
  type OrderCreateVariables,
  recordManualPayment,
} from './admin-orders.ts';

/** The scopes a custom app for Kasa's mode B is given by default in the fake. */
export const FAKE_ADMIN_SCOPES = [
  'read_orders',
  'write_orders',
  'read_products',
  'write_customers',
  'read_customers',
];
export const FAKE_WEBHOOK_TOPICS = ['ORDERS_CREATE', 'ORDERS_PAID', 'ORDERS_CANCELLED', 'APP_UNINSTALLED'];

export interface FakeAdminOptions {
  /** `kasa-fake.myshopify.com` unless given. */
  readonly shop?: string;
  readonly adminAccessToken?: string;
  readonly apiSecretKey?: string;
  readonly variants: readonly FakeVariant[];
  /** A trial or development store: at most 5 orderCreate a minute. */
  readonly trial?: boolean;
  readonly scopes?: readonly string[];
  readonly webhookTopics?: readonly string[];
  /** Versions the shop still serves; an older one is answered in the oldest of these. */
  readonly servedVersions?: readonly string[];
  /** The cost bucket's size, refill rate and clock (real time unless a test gives one). */
  readonly bucket?: Parameters<typeof createCostBucket>[0];
  /** How long a new order stays out of `orders(query:)` results, as a lagging search index. */
  readonly searchLagMs?: number;
  /** A frozen shop (unpaid plan): Shopify answers 402 Payment Required. */
  readonly frozen?: boolean;
}

export interface FakeAdminCall {
  readonly operation: string;
  readonly apiVersion: string;
}

export interface FakeShopifyAdmin {
  readonly shop: string;
  readonly adminAccessToken: string;
  readonly apiSecretKey: string;
  /** Answers one request to `/admin/api/{version}/graphql.json` (served by fake/index.ts). */
  handle(req: FakeRequest): FakeResponse;
  /** Shopify's answer to a planned 5xx or 429. */
  errorResponse(status: number): FakeResponse;
  readonly bucket: CostBucket;
  /** Every GraphQL call answered (faulted ones included), in order. */
  readonly calls: readonly FakeAdminCall[];
  orders(): readonly FakeOrder[];
  /** Signs a webhook delivery as Shopify does: base64 HMAC-SHA256 of the raw body, and its headers. */
  signWebhook(body: string, topic?: string): RawRequest;
  /** Changes what the doctor sees. */
  setScopes(scopes: readonly string[]): void;
  setWebhookTopics(topics: readonly string[]): void;
}

/** What each operation costs, roughly as Shopify's calculator charges it (a mutation: 10). */
const COST: Readonly<Record<string, number>> = {
  KasaOrderCreate: 10,
  KasaManualPayment: 10,
  KasaOrderCancel: 10,
  KasaOrdersByTag: 5,
  KasaOrder: 3,
  KasaDoctor: 4,
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

/**
 * A fake Shopify Admin GraphQL API: `POST
 * /admin/api/{version}/graphql.json` for the operations Kasa sends (by operation name), with
 * `userErrors`, the `extensions.cost` leaky bucket, `THROTTLED` errors (HTTP 200), the trial store's
 * 5 orders a minute, and the access-token check. fake/index.ts serves it over HTTP with the planned faults.
 *
 * @example
 * const admin = createFakeShopifyAdmin({ variants: [{ id: 'gid://shopify/ProductVariant/1', priceMinor: 4900, title: 'Kawa', sku: 'KAWA' }] });
 * admin.handle(request); // { status: 200, body: { data, extensions: { cost } } }
 */
export function createFakeShopifyAdmin(options: FakeAdminOptions): FakeShopifyAdmin {
  const shop = options.shop ?? 'kasa-fake.myshopify.com';
  const adminAccessToken = options.adminAccessToken ?? `shpat_${randomUUID().replaceAll('-', '')}`;
  const apiSecretKey = options.apiSecretKey ?? `shpss_${randomUUID().replaceAll('-', '')}`;
  const variants = new Map(options.variants.map((v) => [v.id, v]));
  const served = options.servedVersions ?? SUPPORTED_API_VERSIONS;
  const bucket = createCostBucket(options.bucket);
  const calls: FakeAdminCall[] = [];
  const orders: FakeOrder[] = [];
  const createdAt: number[] = [];
  let scopes = [...(options.scopes ?? FAKE_ADMIN_SCOPES)];
  let topics = [...(options.webhookTopics ?? FAKE_WEBHOOK_TOPICS)];
  let nextNumber = 1001;

  const findOrder = (id: unknown) => orders.find((o) => o.id === id);

  function run(
    operation: string,
    variables: Record<string, unknown>,
  ): { data?: unknown; errors?: unknown[] } {
    switch (operation) {
      case 'KasaOrderCreate': {
        const now = Date.now();
        if (options.trial) {
          while (createdAt.length > 0 && (createdAt[0] ?? 0) < now - 60_000) createdAt.shift();
          if (createdAt.length >= 5) {
            // Documented limit, undocumented answer: modelled as a userError naming the limit.
            const message =
              'Too many orders created: trial and development stores can create at most 5 orders per minute';
            return { data: { orderCreate: { order: null, userErrors: [{ field: null, message }] } } };
          }
        }
        const made = newOrder(nextNumber, variants, variables as unknown as OrderCreateVariables);
        if (Array.isArray(made)) return { data: { orderCreate: { order: null, userErrors: made } } };
        nextNumber += 1;
        createdAt.push(now);
        orders.push(made);
        return { data: { orderCreate: { order: made, userErrors: [] } } };
      }
      case 'KasaOrdersByTag': {
        const query = String(variables.query ?? '');
        const indexed = (o: FakeOrder) => Date.parse(o.createdAt) <= Date.now() - (options.searchLagMs ?? 0);
        return { data: { orders: { nodes: orders.filter((o) => indexed(o) && matchesQuery(o, query)) } } };
      }
      case 'KasaOrder':
        return { data: { order: findOrder(variables.id) ?? null } };
      case 'KasaManualPayment': {
        const order = findOrder(variables.id);
        if (order === undefined) {
          return {
            data: {
              orderCreateManualPayment: {
                order: null,
                userErrors: [{ field: ['id'], message: 'Order does not exist' }],
              },
            },
          };
        }
        const userErrors = recordManualPayment(order, String(variables.paymentMethodName ?? 'manual'));
        return { data: { orderCreateManualPayment: { order, userErrors } } };
      }
      case 'KasaOrderCancel': {
        const order = findOrder(variables.orderId);
        if (order === undefined) {
          return {
            data: {
              orderCancel: {
                job: null,
                orderCancelUserErrors: [
                  { field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' },
                ],
              },
            },
          };
        }
        order.cancelledAt ??= new Date().toISOString();
        return {
          data: {
            orderCancel: { job: { id: `gid://shopify/Job/${randomUUID()}` }, orderCancelUserErrors: [] },
          },
        };
      }
      case 'KasaDoctor':
        return {
          data: {
            shop: {
              name: 'Kasa Fake',
              myshopifyDomain: shop,
              plan: { partnerDevelopment: options.trial === true },
            },
            currentAppInstallation: { accessScopes: scopes.map((handle) => ({ handle })) },
            webhookSubscriptions: {
              nodes: topics.map((topic) => ({
                topic,
                endpoint: {
                  __typename: 'WebhookHttpEndpoint',
                  callbackUrl: 'http://127.0.0.1/api/webhooks/shopify',
                },
              })),
            },
          },
        };
      default:
        return { errors: [{ message: `The fake Admin API does not know the operation ${operation}.` }] };
    }
  }

  function handle(req: FakeRequest): FakeResponse {
    const path = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(req.url.pathname);
    if (req.method !== 'POST' || path === null) return json(404, { errors: 'Not Found' });
    if (req.headers['x-shopify-access-token'] !== adminAccessToken) {
      return json(401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
    if (options.frozen) return json(402, { errors: 'Unavailable Shop' });
    const asked = path[1] ?? '';
    const version = served.includes(asked) ? asked : (served[0] ?? asked);
    const body = JSON.parse(req.body) as { query?: string; variables?: Record<string, unknown> };
    const operation = /\b(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? 'anonymous';
    calls.push({ operation, apiVersion: asked });
    const requestedQueryCost = COST[operation] ?? 1;
    const headers = { 'x-shopify-api-version': version, 'x-request-id': randomUUID() };
    if (!bucket.take(requestedQueryCost)) {
      const extensions = {
        cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: bucket.status() },
      };
      return json(
        200,
        { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }], extensions },
        headers,
      );
    }
    const result = run(operation, body.variables ?? {});
    const extensions = {
      cost: { requestedQueryCost, actualQueryCost: requestedQueryCost, throttleStatus: bucket.status() },
    };
    return json(200, { ...result, extensions }, headers);
  }

  return {
    shop,
    adminAccessToken,
    apiSecretKey,
    handle,
    errorResponse: (status) =>
      json(status, {
        errors: status === 429 ? 'Exceeded 2 calls per second for api client.' : 'Internal Server Error',
      }),
    bucket,
    calls,
    orders: () => orders,
    signWebhook(body, topic = 'orders/updated') {
      const hmac = createHmac('sha256', apiSecretKey).update(body, 'utf8').digest('base64');
      return {
        headers: {
          'content-type': 'application/json',
          'x-shopify-hmac-sha256': hmac,
          'x-shopify-topic': topic,
          'x-shopify-shop-domain': shop,
          'x-shopify-api-version': served.at(-1) ?? '2025-10',
          'x-shopify-webhook-id': randomUUID(),
          'x-shopify-triggered-at': new Date().toISOString(),
        },
        body,
      };
    },
    setScopes: (next) => {
      scopes = [...next];
    },
    setWebhookTopics: (next) => {
      topics = [...next];
    },
  };
}
