/**
 * GET /api/analytics/live: the dashboard's live view, polled every few seconds. Under /api/analytics/
 * so the merchant token guards it (analytics-routes.ts mounts that middleware first). Reads only the
 * checkouts of the last day plus one attribution window (one indexed range); counts, times and arms,
 * nothing about a shopper.
 */
import { DAY_MS } from '@kasa/analytics';
import { KasaError } from '@kasa/core';
import type { Experiment } from '@kasa/experiments';
import type { RecentCheckouts } from '@kasa/storage';
import type { Hono } from 'hono';
import { z } from 'zod';
import { liveFigures } from '../analytics/live.ts';
import type { ApiRouteDoc } from './openapi.ts';
import { queryParams } from './query-params.ts';

export const LIVE_PATH = '/api/analytics/live';

/** Real checkouts only unless asked ('true' simulated only, 'both' mixed), as the report's query. */
export const liveQuerySchema = z.strictObject({
  simulated: z
    .enum(['true', 'false', 'both'], { message: 'simulated must be true, false or both' })
    .optional(),
});

export interface LiveDeps {
  /** The summaries store (SQLite or PostgreSQL). */
  readonly source: RecentCheckouts;
  readonly windowMs: number;
  /** Running experiments are listed with every arm, even before an open checkout is in one. */
  readonly experiments: () => readonly Experiment[];
  /** Folds in the events stored so far, so the order just paid is in the answer. */
  readonly catchUp: () => Promise<unknown>;
  readonly now?: () => number;
}

const ordersAndRevenue = z.object({ orders: z.number().int(), revenue: z.number().int() });
const share = z.number().min(0).max(1).nullable();

/** The answer, as {@link liveFigures} computes it. */
export const liveAnswerSchema = z.object({
  now: z.number().int(),
  windowMs: z.number().int(),
  inProgress: z.number().int(),
  inProgressMs: z.number().int(),
  hours: z.array(ordersAndRevenue.extend({ start: z.number().int() })),
  totals: z.object({
    lastHour: ordersAndRevenue,
    last6Hours: ordersAndRevenue,
    last24Hours: ordersAndRevenue,
  }),
  open: z.object({
    checkouts: z.number().int(),
    purchases: z.number().int(),
    conversion: share,
    firstFinalAt: z.number().int().nullable(),
    allFinalAt: z.number().int().nullable(),
  }),
  experiments: z.array(
    z.object({
      key: z.string(),
      arms: z.array(
        z.object({
          variation: z.string(),
          checkouts: z.number().int(),
          purchases: z.number().int(),
          conversion: share,
        }),
      ),
    }),
  ),
});

/**
 * @example
 * mountLive(app, { source: stores.summaries, windowMs: DAY_MS, experiments: registry.list, catchUp });
 * // GET /api/analytics/live?simulated=false → { inProgress: 2, totals: { lastHour: { orders: 3, … } }, … }
 */
export function mountLive(app: Hono, deps: LiveDeps): void {
  app.get(LIVE_PATH, async (c) => {
    const query = liveQuerySchema.safeParse(queryParams(c.req.url));
    if (!query.success) {
      const issues = query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new KasaError('query_invalid', { details: { issues } });
    }
    await deps.catchUp();
    const now = deps.now?.() ?? Date.now();
    // A day of orders, and every checkout still inside its attribution window.
    const checkouts = await deps.source.recentCheckouts(now - DAY_MS - deps.windowMs);
    const simulated = query.data.simulated ?? 'false';
    return c.json(
      liveFigures(checkouts, {
        now,
        windowMs: deps.windowMs,
        ...(simulated === 'both' ? {} : { simulated: simulated === 'true' }),
        experiments: deps.experiments().filter((e) => e.status === 'running'),
      }),
    );
  });
}

export const liveRouteDocs: readonly ApiRouteDoc[] = [
  {
    method: 'get',
    path: LIVE_PATH,
    summary:
      'Live figures: checkouts in progress (last 30 min, no order), orders and gross revenue per hour of the last 24 h and for the last 1/6/24 h, the checkouts still inside the attribution window with their provisional conversion and when they become final, and the same per experiment arm',
    query: liveQuerySchema,
    auth: 'merchant',
    success: { status: 200, description: 'The live figures', schema: liveAnswerSchema },
  },
];
