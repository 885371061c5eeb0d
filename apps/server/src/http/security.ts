import { timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { KasaError } from '@kasa/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';

/**
 * The methods that change something. Middleware that only writes need is registered for these
 * alone (`app.on(WRITE_METHODS, path, middleware)`): a read never passes through it.
 */
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const WRITES = new Set(WRITE_METHODS);

/** True for the methods that change something (POST, PUT, PATCH, DELETE). */
const isWrite = (c: Context): boolean => WRITES.has(c.req.method);

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
 * Sets a header of every answer before the route runs; the route's answer still wins where it sets
 * the same header itself. Under Node it goes straight onto Node's response, which merges it under
 * the answer's headers: a web Headers object built for a dozen headers cost a checkout read an
 * eighth of its CPU. Elsewhere (`app.request`, other runtimes) Hono's `c.header` does it.
 */
export function presetHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/** Where a refused origin is reported: pino's logger fits. */
export interface RefusalLog {
  warn(fields: object, message: string): void;
}

/** How many refused origins are named in the log; past that, one line says the rest are not. */
export const NAMED_REFUSED_ORIGINS = 100;

/**
 * Reports each refused origin once: a shop left out of `allowedOrigins` shows its shoppers only
 * "Coś poszło nie tak", so the merchant learns here what to configure. Memory stays bounded whatever
 * origins a client makes up.
 */
function refusalReporter(log: RefusalLog | undefined): (origin: string) => void {
  const named = new Set<string>();
  let full = false;
  return (header) => {
    const origin = header.slice(0, 200);
    if (!log || full || named.has(origin)) return;
    if (named.size >= NAMED_REFUSED_ORIGINS) {
      full = true;
      log.warn(
        { refusedOrigins: named.size },
        'Requests came from more origins outside allowedOrigins than are named here; further ones are not logged until Kasa restarts.',
      );
      return;
    }
    named.add(origin);
    log.warn(
      { origin },
      'Refused a browser request: the page\'s origin is not in allowedOrigins, so the checkout widget there can only say "Coś poszło nie tak". If that page is your shop, add its origin (scheme://host[:port]) to allowedOrigins in kasa.config.json or to KASA_ALLOWED_ORIGINS (comma-separated) and restart Kasa. Logged once per origin.',
    );
  };
}

/**
 * CORS for the configured shop origins only. A browser write from any other origin is refused
 * outright (CORS alone would let the request through and only hide the answer); each such origin is
 * logged once, at warn, with the fix. Every header is set before the handler runs: a header added to
 * a finished response makes Node's adapter rebuild it.
 *
 * @example app.use('/api/*', originPolicy(new Set(['https://sklep.pl']), logger));
 */
export function originPolicy(allowed: ReadonlySet<string>, log?: RefusalLog): MiddlewareHandler {
  const refused = refusalReporter(log);
  return async (c, next) => {
    const origin = c.req.header('origin');
    presetHeader(c, 'Vary', 'Origin');
    if (origin && allowed.has(origin)) presetHeader(c, 'Access-Control-Allow-Origin', origin);
    else if (origin) refused(origin);
    if (c.req.method === 'OPTIONS') {
      if (!origin || !allowed.has(origin)) return c.body(null, 204);
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, Accept-Language');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    if (origin && isWrite(c) && !allowed.has(origin)) throw new KasaError('origin_forbidden');
    await next();
  };
}

/** Refuses a body over `maxSize` bytes; for writes (see WRITE_METHODS). */
export function limitBody(maxSize: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new KasaError('body_too_large', { details: { maxBytes: maxSize } });
    },
  });
  return (c, next) => {
    // Node's HTTP parser reads exactly Content-Length bytes, so the header settles the size without
    // wrapping the body in a stream (a web Request per call: a third of the collector's CPU).
    const length = c.req.header('content-length');
    if (length === undefined || !/^\d+$/.test(length)) return limit(c, next);
    if (Number(length) > maxSize) throw new KasaError('body_too_large', { details: { maxBytes: maxSize } });
    return next();
  };
}

/**
 * A fixed-window counter per client IP, for write endpoints (see WRITE_METHODS). In-memory: one
 * process serves one shop; a fleet would move this to Redis.
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

/** Response headers as name and value, set in this order. */
type HeaderList = readonly (readonly [name: string, value: string])[];

const HSTS = ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'] as const;

/**
 * Helmet-style headers on pages and files (Hono's secure-headers defaults), except that shop pages
 * on other origins load the widget's script (Cross-Origin-Resource-Policy: cross-origin).
 */
export const PAGE_HEADERS: HeaderList = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  HSTS,
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * The headers every API answer needs, after OWASP's REST Security Cheat Sheet: the rest of
 * PAGE_HEADERS speak only to a document the browser shows, and each header costs every call about
 * half a microsecond. No answer may be framed (X-Frame-Options; the sheet's other way, a
 * frame-ancestors policy, would be one header more), and the checkout fragment, HTML under a URL
 * with the checkout's id, sends no referrer. `Cache-Control: no-store` goes only where personal or
 * merchant data is answered (the checkouts', the merchant's routes): with it on every API answer,
 * Chromium 156 often could not open a new tab after a checkout tab was closed mid-way (the widget
 * benchmark hung; never without it).
 */
export const API_HEADERS: HeaderList = [
  ['Referrer-Policy', 'no-referrer'],
  HSTS,
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/** A checkout (and its fragment) carries the shopper's contact data: no cache may keep it. */
const CHECKOUT_HEADERS: HeaderList = [...API_HEADERS, ['Cache-Control', 'no-store']];

/**
 * Sets CHECKOUT_HEADERS on /api/checkouts answers, API_HEADERS on the other /api ones and
 * PAGE_HEADERS on the rest, before the route runs, so a route that sets one itself keeps its own,
 * stricter value (the dashboard's), and no answer is touched again once made (checking and setting
 * a dozen headers on each finished answer was a tenth of a checkout read's time).
 */
export const securityHeaders = (): MiddlewareHandler => (c, next) => {
  for (const [name, value] of headersFor(c.req.path)) presetHeader(c, name, value);
  return next();
};

function headersFor(path: string): HeaderList {
  if (path.startsWith('/api/checkouts')) return CHECKOUT_HEADERS;
  return path.startsWith('/api/') ? API_HEADERS : PAGE_HEADERS;
}

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
