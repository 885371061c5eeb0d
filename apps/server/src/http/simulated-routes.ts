/**
 * `DELETE /api/analytics/simulated`: deletes what `kasa simulate` and the demo seed wrote (events,
 * summaries and their report rows), for the dashboard's "Delete simulated data". Under
 * /api/analytics/ so the merchant token guards it (analytics-routes.ts); mounted after it.
 */
import { deletesSimulated, type Summarizer } from '@kasa/storage';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ApiRouteDoc } from './openapi.ts';

export const SIMULATED_PATH = '/api/analytics/simulated';

/** The answer: how many checkout summaries (carts and checkouts) and events were deleted. */
export const deletedSimulatedSchema = z.object({
  checkouts: z.number().int(),
  events: z.number().int(),
});

export interface SimulatedRouteDeps {
  /** The summaries store; the route is served only when it can delete simulated data. */
  readonly summaries: object;
  /** The deletion runs between catch-ups, so no fold saves a deleted summary again. */
  readonly summarizer: Pick<Summarizer, 'whileIdle'>;
}

/**
 * Mounts the deletion when the store supports it (the SQLite and PostgreSQL summaries do).
 *
 * @example
 * mountSimulated(app, { summaries: stores.summaries, summarizer }); // DELETE → { checkouts: 20000, events: 104811 }
 */
export function mountSimulated(app: Hono, { summaries, summarizer }: SimulatedRouteDeps): void {
  if (!deletesSimulated(summaries)) return;
  app.delete(SIMULATED_PATH, async (c) => {
    const deleted = await summarizer.whileIdle(() => summaries.deleteSimulated());
    return c.json(deletedSimulatedSchema.parse(deleted));
  });
}

export const simulatedRouteDocs: readonly ApiRouteDoc[] = [
  {
    method: 'delete',
    path: SIMULATED_PATH,
    summary:
      'Delete every simulated checkout (what `kasa simulate` and the demo seed wrote): their events, summaries and report rows; real checkouts stay',
    auth: 'merchant',
    success: {
      status: 200,
      description: 'How many checkout summaries (carts and checkouts) and events were deleted',
      schema: deletedSimulatedSchema,
    },
  },
];
