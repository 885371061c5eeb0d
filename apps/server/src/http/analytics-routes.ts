import { type Aggregates, dashboardReport, okrIssueCode, okrSchema } from '@kasa/analytics';
import { KasaError } from '@kasa/core';
import type { Experiment } from '@kasa/experiments';
import type { AnalyticsSettings } from '@kasa/storage';
import type { Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { reportInput } from '../analytics/report-input.ts';
import { filtersOf, reportQuerySchema } from '../analytics/report-query.ts';
import { queryParams } from './query-params.ts';
import { requireBearer } from './security.ts';

export interface AnalyticsDeps {
  readonly aggregates: Aggregates;
  readonly settings: AnalyticsSettings;
  readonly okr: z.output<typeof okrSchema>;
  /** The experiments as stored now: a change from the dashboard or `kasa experiment` applies at once. */
  readonly experiments: () => readonly Experiment[];
  readonly windowMs: number;
  readonly merchantToken: string;
  /** Folds in the events stored so far, so a report includes the checkout just finished. */
  readonly catchUp: () => Promise<unknown>;
  readonly now?: () => number;
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/** Only requests that carry the merchant token; the merchant's figures are never cached. */
function requireMerchant(token: string): MiddlewareHandler {
  const bearer = requireBearer(token);
  return (c, next) =>
    bearer(c, async () => {
      c.header('Cache-Control', 'no-store');
      await next();
    });
}

/**
 * The merchant's analytics API, read by the dashboard and `kasa report`:
 * `GET /api/analytics/report` and `GET`/`PUT /api/analytics/okr`, all behind the merchant token.
 */
export function mountAnalytics(app: Hono, deps: AnalyticsDeps): void {
  app.use('/api/analytics/*', requireMerchant(deps.merchantToken));
  const okr = () => deps.settings.okr() ?? deps.okr;

  app.get('/api/analytics/report', async (c) => {
    const query = reportQuerySchema.safeParse(queryParams(c.req.url));
    if (!query.success) throw new KasaError('query_invalid', { details: { issues: issuesOf(query.error) } });
    await deps.catchUp();
    const report = await dashboardReport(
      deps.aggregates,
      reportInput({
        now: deps.now?.() ?? Date.now(),
        windowMs: deps.windowMs,
        filters: filtersOf(query.data),
        okr: okr(),
        experiments: deps.experiments(),
        costs: deps.settings.costs(),
      }),
    );
    return c.json(report);
  });

  app.get('/api/analytics/okr', (c) => c.json(okr()));

  app.put('/api/analytics/okr', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new KasaError('body_invalid', { details: { reason: 'not JSON' } });
    }
    const parsed = okrSchema.safeParse(body);
    if (!parsed.success) {
      // Each issue with its stable code, so the dashboard words it in the merchant's language.
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        code: okrIssueCode(issue),
        message: issue.message,
      }));
      throw new KasaError('body_invalid', { details: { issues } });
    }
    deps.settings.saveOkr(parsed.data);
    return c.json(parsed.data);
  });
}
