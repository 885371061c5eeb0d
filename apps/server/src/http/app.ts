import { getConnInfo } from '@hono/node-server/conninfo';
import { type EventStore, KasaError, type PickupPointProvider } from '@kasa/core';
import { type Context, Hono } from 'hono';
import type { Logger } from 'pino';
import type { CheckoutService } from '../checkout/service.ts';
import type { KasaConfig } from '../config.ts';
import { checkoutRoutes } from './checkout-routes.ts';
import { COLLECT_PATH, mountCollector } from './collect-routes.ts';
import { errorResponder } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import { carriesBearer, limitBody, originPolicy, rateLimit, securityHeaders } from './security.ts';

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
}

/** Event batches, payment notifications and shop webhooks (a whole order) may be larger than a form. */
const LARGE_BODY_BYTES = 64 * 1024;

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The Kasa HTTP server: checkout API, payment notifications, OpenAPI, and mounted pages. */
export function createApp(deps: AppDeps): Hono {
  const { config, logger } = deps;
  const allowed = new Set([...config.allowedOrigins, new URL(deps.publicUrl).origin]);
  const app = new Hono();
  const routes = checkoutRoutes({
    service: deps.service,
    pickup: deps.pickup,
    clientIp,
    returnOrigins: allowed,
    ssePollMs: deps.ssePollMs ?? 500,
    logger,
  });
  const openapi = buildOpenApi(routes, { version: '0.1.0' });

  app.use(securityHeaders());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Method, route pattern and status only: paths carry ids, never personal data.
    logger.info(
      {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  const apiLimit = limitBody(config.bodyLimitBytes);
  const largeLimit = limitBody(LARGE_BODY_BYTES);
  app.use('/api/*', (c, next) =>
    (c.req.path === COLLECT_PATH ||
      c.req.path.startsWith('/api/payments/notify/') ||
      c.req.path.startsWith('/api/webhooks/')
      ? largeLimit
      : apiLimit)(c, next),
  );
  app.use('/api/*', originPolicy(allowed));
  // The collector has its own, larger budget: a checkout sends many small batches. The shop's server
  // (with the shop key) starts every shopper's checkout from one address: no per-address budget.
  const writeLimit = rateLimit({ ...config.rateLimit, clientIp });
  const { shopKey } = config;
  const unlimited = (c: Context) =>
    c.req.path === COLLECT_PATH || (shopKey !== undefined && carriesBearer(c, shopKey));
  app.use('/api/*', (c, next) => (unlimited(c) ? next() : writeLimit(c, next)));

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
