import type { Hono } from 'hono';
import type { MerchantAlert } from '../checkout/alerts.ts';
import { requireBearer } from './security.ts';

export const ALERTS_PATH = '/api/alerts';

/**
 * `GET /api/alerts`, behind the merchant token: payments taken whose order is not confirmed, to
 * refund by hand, or refunded by Kasa (see checkout/alerts.ts). The dashboard shows them as a banner.
 */
export function mountAlerts(app: Hono, deps: { merchantToken: string; alerts: () => MerchantAlert[] }): void {
  const bearer = requireBearer(deps.merchantToken);
  app.get(ALERTS_PATH, bearer, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ alerts: deps.alerts() });
  });
}
