import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A fresh CSP nonce for one response. */
export const newNonce = (): string => randomBytes(16).toString('base64');

/**
 * The Content-Security-Policy of a page: nothing but nonce'd inline style and script (the consent
 * banner), images from data: URLs, forms to this origin and, on the checkout page, Kasa's scripts
 * and fetches to the Kasa origin.
 */
export function contentSecurityPolicy(nonce: string, connectOrigin?: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'${connectOrigin ? ` ${connectOrigin}` : ''}`,
    ...(connectOrigin ? [`connect-src ${connectOrigin}`] : []),
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Sends a server-rendered page with a per-response nonce in its CSP. `connectOrigin` lets scripts
 * with the nonce, and modules from that origin, run and call that origin.
 */
export function sendPage(
  c: Context,
  render: (nonce: string) => string,
  options: { status?: ContentfulStatusCode; connectOrigin?: string; nonce?: string } = {},
): Response {
  const nonce = options.nonce ?? newNonce();
  c.header('Content-Security-Policy', contentSecurityPolicy(nonce, options.connectOrigin));
  c.header('Cache-Control', 'no-store');
  return c.html(render(nonce), options.status ?? 200);
}

/** Plain hardening headers for every response. */
export const baseHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  c.header('X-Frame-Options', 'DENY');
};

/**
 * Whether a POST comes from another site or origin (a form elsewhere posting into our cart). Browsers send
 * `Sec-Fetch-Site` or `Origin`; a request with neither (curl, tests) is let through.
 */
export function isCrossSitePost(c: Context): boolean {
  if (c.req.method !== 'POST') return false;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}
