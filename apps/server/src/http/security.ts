import { KasaError } from '@kasa/core';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CORS for the configured shop origins only. A browser write from any other origin is refused
 * outright (CORS alone would let the request through and only hide the answer).
 */
export function originPolicy(allowed: ReadonlySet<string>): MiddlewareHandler[] {
  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && WRITE_METHODS.has(c.req.method) && !allowed.has(origin))
      throw new KasaError('origin_forbidden');
    await next();
  };
  return [
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Accept-Language'],
      maxAge: 600,
    }),
    guard,
  ];
}

export const limitBody = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new KasaError('body_too_large', { details: { maxBytes: maxSize } });
    },
  });

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
