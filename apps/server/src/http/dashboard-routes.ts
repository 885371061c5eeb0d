import { KasaError } from '@kasa/core';
import type { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { type CompressedAsset, serveAsset } from './assets.ts';

/** The built dashboard as `loadDashboardAssets` of @kasa/dashboard/server gives it. */
export interface DashboardBundle {
  readonly index: string;
  readonly files: ReadonlyMap<string, CompressedAsset>;
}

/**
 * The dashboard's own script and stylesheet only; data comes from the same origin's analytics API.
 * No 'unsafe-inline' for styles either: React sets `style` through the CSSOM (element.style), which
 * CSP does not govern, and the built page has no inline <style> or style="" markup.
 */
const dashboardPageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    connectSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
});

/** Serves the merchant dashboard at /dashboard/: the page uncached, its hashed assets for a year. */
export function mountDashboard(app: Hono, dashboard: DashboardBundle): void {
  app.get('/dashboard', (c) => c.redirect('/dashboard/', 301));
  app.get('/dashboard/', dashboardPageHeaders, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(dashboard.index);
  });
  app.get('/dashboard/assets/:file', (c) => {
    const asset = dashboard.files.get(`assets/${c.req.param('file')}`);
    if (!asset) throw new KasaError('not_found');
    return serveAsset(c, asset);
  });
}
