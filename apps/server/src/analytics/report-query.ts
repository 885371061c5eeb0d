import { DAY_MS, type Filters } from '@kasa/analytics';
import { z } from 'zod';

const date = z.iso.date({ message: 'a date as YYYY-MM-DD' });

/** The report's filters as the API's query and `kasa report`'s options take them. */
export const REPORT_FILTER_FIELDS = {
  from: date.optional(),
  to: date.optional(),
  variant: z.string().min(1).max(64).optional(),
  device: z.enum(['mobile', 'tablet', 'desktop']).optional(),
  source: z.string().min(1).max(200).optional(),
  touch: z.enum(['first', 'last']).optional(),
  /** 'false' (real checkouts only) when absent; 'both' mixes simulated ones in. */
  simulated: z.enum(['true', 'false', 'both']).optional(),
};

/** The schema, refusing a range that ends before it starts. */
export const rangeInOrder = <T extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(
  schema: T,
) => schema.refine((q) => !(q.from && q.to && q.to < q.from), { message: 'to is before from', path: ['to'] });

export const reportQuerySchema = rangeInOrder(z.strictObject(REPORT_FILTER_FIELDS));
export type ReportQuery = z.output<typeof reportQuerySchema>;

/**
 * Dates of the query as the filters' epoch bounds: `to` is inclusive, so the bound is the next midnight.
 * Real checkouts only unless `simulated` asks for the simulated ones ('true') or both ('both'), so what
 * `kasa simulate` made is never mixed into the shop's figures by default.
 *
 * @example
 * filtersOf({ from: '2026-11-01', to: '2026-11-30' }); // { from: 1793491200000, to: 1796083200000, simulated: false }
 * filtersOf({ simulated: 'both' }); // {}
 */
export function filtersOf(query: ReportQuery): Filters {
  return {
    ...(query.from ? { from: Date.parse(query.from) } : {}),
    ...(query.to ? { to: Date.parse(query.to) + DAY_MS } : {}),
    ...(query.variant ? { variant: query.variant } : {}),
    ...(query.device ? { device: query.device } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.touch ? { touch: query.touch } : {}),
    ...(query.simulated === 'both' ? {} : { simulated: query.simulated === 'true' }),
  };
}
