/** The dashboard's call that deletes simulated data (apps/server/src/http/simulated-routes.ts). */
import { request } from './api.ts';

/** What the server deleted: checkout summaries (carts and checkouts) and events. */
export interface DeletedSimulated {
  readonly checkouts: number;
  readonly events: number;
}

/**
 * DELETE /api/analytics/simulated with the merchant token.
 *
 * @example
 * const result = await deleteSimulated(token, 'pl'); // { kind: 'ok', data: { checkouts: 20000, events: 104811 } }
 */
export const deleteSimulated = (token: string, lang: 'pl' | 'en') =>
  request<DeletedSimulated>('/api/analytics/simulated', token, { method: 'DELETE', lang });
