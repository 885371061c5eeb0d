import { getConnInfo } from '@hono/node-server/conninfo';
import {
  type EventStore,
  KasaError,
  type PaymentProvider,
  type PickupPointProvider,
  type RawRequest,
  type StorefrontAdapter,
} from '@kasa/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { CheckoutService } from '../checkout/service.ts';
import type { KasaConfig } from '../config.ts';
import type { ShoperAppstore } from '../storefront/shoper-tokens.ts';
import { checkoutRoutes } from './checkout-routes.ts';
import { COLLECT_PATH, mountCollector } from './collect-routes.ts';
import { errorResponder } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import {
  carriesBearer,
  limitBody,
  originPolicy,
  rateLimit,
  securityHeaders,
  WRITE_METHODS,
} from './security.ts';
import { shoperRoutes } from './shoper-routes.ts';
import { type ShopifyHandoff, shopifyRoutes } from './shopify-routes.ts';

export interface AppDeps {
  readonly config: KasaConfig;
  readonly publicUrl: string;
  readonly service: CheckoutService;
  readonly pickup: PickupPointProvider;
  readonly logger: Logger;
  /** Extra pages mounted at the root (the sandbox bank, the dashboard later). */
  readonly mount?: (app: Hono) => void;
  readonly ssePollMs?: number;
  /** Where collected events go; without it /api/collect is not served. */
  readonly events?: EventStore;
  /**
   * Who signs deliveries: the payment provider (notifications) and the shop platform (webhooks).
   * A delivery whose signature verifies is not held to the per-address write limit.
   */
  readonly signers?: {
    readonly payments: Pick<PaymentProvider, 'id' | 'verifyNotification'>;
    readonly store: Pick<StorefrontAdapter, 'platform' | 'verifyWebhook'>;
  };
  /** Shopify in mode A: the hand-off to Shopify's checkout (POST /api/checkouts/:id/shopify-checkout). */
  readonly shopifyHandoff?: ShopifyHandoff | undefined;
  /** Shoper as a listed AppStore application: its install and billing callbacks. */
  readonly shoperAppstore?: ShoperAppstore | undefined;
}

/** Event batches, payment notifications and shop webhooks (a whole order) may be larger than a form. */
const LARGE_BODY_BYTES = 64 * 1024;

/** Payment notifications and shop webhooks: `/api/payments/notify/<provider>`, `/api/webhooks/<platform>`. */
const SIGNED_DELIVERY = /^\/api\/(payments\/notify|webhooks)\/([^/]+)$/;

/**
 * True when the request is a notification or webhook whose signature verifies over the raw body,
 * checked by the same verifier its route then runs (a forged one is refused there, and counted).
 */
async function isSignedDelivery(c: Context, signers: AppDeps['signers']): Promise<boolean> {
  const match = c.req.method === 'POST' ? SIGNED_DELIVERY.exec(c.req.path) : null;
  if (!signers || !match) return false;
  const [, kind, name] = match;
  const { payments, store } = signers;
  const verify =
    kind === 'webhooks'
      ? name === store.platform && ((request: RawRequest) => store.verifyWebhook?.(request))
      : name === payments.id && ((request: RawRequest) => payments.verifyNotification(request));
  if (!verify) return false;
  // Hono keeps the text it read: the route's own read gets the same body.
  const request = { headers: Object.fromEntries(c.req.raw.headers.entries()), body: await c.req.text() };
  try {
    return (await verify(request)) !== undefined;
  } catch {
    return false;
  }
}

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One info line per answer: method, route pattern, status and milliseconds. */
const requestLog =
  (logger: Logger): MiddlewareHandler =>
  async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };

/** The Kasa HTTP server: checkout API, payment notifications, OpenAPI, and mounted pages. */
export function createApp(deps: AppDeps): Hono {
  const { config, logger } = deps;
  const allowed = new Set([...config.allowedOrigins, new URL(deps.publicUrl).origin]);
  const app = new Hono();
  const routes = [
    ...checkoutRoutes({
      service: deps.service,
      pickup: deps.pickup,
      clientIp,
      returnOrigins: allowed,
      ssePollMs: deps.ssePollMs ?? 500,
      logger,
    }),
    ...shopifyRoutes({ service: deps.service, handOff: deps.shopifyHandoff, clientIp }),
    ...shoperRoutes({ appstore: deps.shoperAppstore, logger }),
  ];
  const openapi = buildOpenApi(routes, { version: '0.1.0' });

  app.use(securityHeaders());
  // Method, route pattern and status only: paths carry ids, never personal data.
  if (logger.isLevelEnabled('info')) app.use(requestLog(logger));
  const apiLimit = limitBody(config.bodyLimitBytes);
  const largeLimit = limitBody(LARGE_BODY_BYTES);
  app.on(WRITE_METHODS, '/api/*', (c, next) =>
    (c.req.path === COLLECT_PATH ||
      c.req.path.startsWith('/api/payments/notify/') ||
      c.req.path.startsWith('/api/webhooks/')
      ? largeLimit
      : apiLimit)(c, next),
  );
  app.use('/api/*', originPolicy(allowed, logger));
  // The collector has its own, larger budget: a checkout sends many small batches. The shop's server
  // (with the shop key) starts every shopper's checkout from one address, and a payment provider or
  // shop platform sends every signed delivery from a few: no per-address budget for them.
  const writeLimit = rateLimit({ ...config.rateLimit, clientIp });
  const { shopKey } = config;
  const unlimited = async (c: Context) =>
    c.req.path === COLLECT_PATH ||
    (shopKey !== undefined && carriesBearer(c, shopKey)) ||
    (await isSignedDelivery(c, deps.signers));
  app.on(WRITE_METHODS, '/api/*', async (c, next) => ((await unlimited(c)) ? next() : writeLimit(c, next)));

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/api/openapi.json', (c) => c.json(openapi));
  for (const route of routes) app.on(route.method.toUpperCase(), route.path, route.handler);
  if (deps.events) {
    mountCollector(app, {
      events: deps.events,
      rateLimit: rateLimit({ ...config.collectRateLimit, clientIp }),
    });
  }
  deps.mount?.(app);

  app.notFound(() => {
    throw new KasaError('not_found');
  });
  app.onError(errorResponder(logger));
  return app;
}
