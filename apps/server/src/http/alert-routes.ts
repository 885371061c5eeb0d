import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { MerchantAlert } from '../checkout/alerts.ts';
import type { RefundView } from '../checkout/refunds.ts';
import { requireBearer } from './security.ts';

export const ALERTS_PATH = '/api/alerts';
export const REFUND_PATH = '/api/checkouts/:id/refund';

export interface MerchantRouteDeps {
  readonly merchantToken: string;
  readonly alerts: () => MerchantAlert[];
  /** The checkout service's `refund` (by checkout or order id); without it the refund route is not served. */
  readonly refund?: (id: string) => Promise<RefundView>;
  readonly logger?: Pick<Logger, 'info' | 'error'>;
}

/**
 * The merchant's money routes, behind the merchant token. `GET /api/alerts`: payments taken whose
 * order is not confirmed, to refund by hand, or refunded (see checkout/alerts.ts); the dashboard
 * shows them as a banner. `POST /api/checkouts/{id}/refund`: refunds a paid order (the id is the
 * checkout's or its order's) through the provider that took it, once, and answers the outcome.
 */
export function mountAlerts(app: Hono, deps: MerchantRouteDeps): void {
  const bearer = requireBearer(deps.merchantToken);
  app.get(ALERTS_PATH, bearer, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ alerts: deps.alerts() });
  });
  const { refund } = deps;
  if (!refund) return;
  app.post(REFUND_PATH, bearer, async (c) => {
    const answer = await refund(c.req.param('id') ?? '');
    // Ids and states only.
    const log = {
      code: answer.status,
      checkoutId: answer.checkoutId,
      orderId: answer.orderId,
      paymentId: answer.paymentId,
      provider: answer.provider,
      requestedBy: answer.requestedBy,
      ...(answer.refundRef ? { refundRef: answer.refundRef } : {}),
      ...(answer.cause ? { cause: answer.cause } : {}),
    };
    if (answer.status === 'refund_failed' || answer.status === 'refund_due')
      deps.logger?.error(
        log,
        'a refund the merchant asked for did not go through: ask again, or refund it in the payment provider’s panel',
      );
    else deps.logger?.info(log, 'merchant refund');
    return c.json({ refund: answer });
  });
}
