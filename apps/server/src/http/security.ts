import { timingSafeEqual } from 'node:crypto';
import { KasaError } from '@kasa/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * True when the request carries `Authorization: Bearer <secret>`, compared in constant time.
 *
 * @example carriesBearer(c, config.shopKey); // true for the shop's server
 */
export function carriesBearer(c: Context, secret: string): boolean {
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(c.req.header('authorization') ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * CORS for the configured shop origins only. A browser write from any other origin is refused
 * outright (CORS alone would let the request through and only hide the answer). Every header is set
 * before the handler runs: a header added to a finished response makes Node's adapter rebuild it.
 */
export function originPolicy(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin');
    if (origin && allowed.has(origin)) c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      if (!origin || !allowed.has(origin)) return c.body(null, 204);
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, Accept-Language');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    if (origin && WRITE_METHODS.has(c.req.method) && !allowed.has(origin))
      throw new KasaError('origin_forbidden');
    await next();
  };
}

/** Reading `body` makes Node's lazy request build a full Request, so reads skip the check entirely. */
export function limitBody(maxSize: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new KasaError('body_too_large', { details: { maxBytes: maxSize } });
    },
  });
  return (c, next) => {
    if (!WRITE_METHODS.has(c.req.method)) return next();
    // Node's HTTP parser reads exactly Content-Length bytes, so the header settles the size without
    // wrapping the body in a stream (a web Request per call: a third of the collector's CPU).
    const length = c.req.header('content-length');
    if (length === undefined || !/^\d+$/.test(length)) return limit(c, next);
    if (Number(length) > maxSize) throw new KasaError('body_too_large', { details: { maxBytes: maxSize } });
    return next();
  };
}

/**
 * A fixed-window counter per client IP on write endpoints. In-memory: one process serves one shop;
 * a fleet would move this to Redis.
 */
export function rateLimit(options: {
  windowMs: number;
  max: number;
  clientIp: (c: Parameters<MiddlewareHandler>[0]) => string;
  now?: () => number;
}): MiddlewareHandler {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (!WRITE_METHODS.has(c.req.method)) return next();
    const at = now();
    if (windows.size > 10_000) {
      for (const [ip, window] of windows) if (at - window.start >= options.windowMs) windows.delete(ip);
    }
    const ip = options.clientIp(c);
    const current = windows.get(ip);
    const window = current && at - current.start < options.windowMs ? current : { start: at, count: 0 };
    window.count += 1;
    windows.set(ip, window);
    if (window.count > options.max) {
      c.header('Retry-After', String(Math.ceil((window.start + options.windowMs - at) / 1000)));
      throw new KasaError('rate_limited');
    }
    return next();
  };
}

/**
 * Helmet-style headers on every answer (Hono's defaults), with two changes: the widget's script and
 * the API are fetched by shop pages on other origins (Cross-Origin-Resource-Policy), and a route
 * that sets one of these headers itself keeps its own, stricter value (the dashboard's).
 */
export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({ crossOriginResourcePolicy: 'cross-origin', overwrite: false });

/**
 * Lets through only requests that carry `Authorization: Bearer <token>` (Hono's bearer auth: the
 * tokens are compared as SHA-256 digests in constant time). Anything else is Kasa's `unauthorized`
 * error, answered like every other error.
 *
 * @example app.use('/api/analytics/*', requireBearer(merchantToken));
 */
export function requireBearer(token: string): MiddlewareHandler {
  const auth = bearerAuth({ token });
  return async (c, next) => {
    try {
      await auth(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException) throw new KasaError('unauthorized');
      throw error;
    }
    await next();
  };
}
