import type { z } from 'zod';
import { parseAnswer, type ShoperRest } from './client.ts';
import { listEnvelope } from './schemas.ts';

/** The most items one list page holds. */
export const PAGE_LIMIT = 50;

/**
 * The query of one list page: `limit`, `page` and `filters` as a JSON string.
 *
 * @example listQuery({ order_id: 7 }, 1); // { limit: 50, page: 1, filters: '{"order_id":7}' }
 */
export function listQuery(filters: Readonly<Record<string, unknown>> | undefined, page: number) {
  return {
    limit: PAGE_LIMIT,
    page,
    ...(filters === undefined || Object.keys(filters).length === 0
      ? {}
      : { filters: JSON.stringify(filters) }),
  };
}

/**
 * Splits ids into chunks that fit one page each.
 *
 * @example chunks([1, 2, 3], 2); // [[1, 2], [3]]
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Every item of a list (all pages), each validated with `item`.
 *
 * @example const statuses = await listAll(rest, 'ids: GET /statuses', '/statuses', statusSchema);
 */
export async function listAll<S extends z.ZodType>(
  rest: ShoperRest,
  operation: string,
  path: string,
  item: S,
  filters?: Readonly<Record<string, unknown>>,
): Promise<z.output<S>[]> {
  const schema = listEnvelope(item);
  const items: z.output<S>[] = [];
  for (let page = 1; ; page++) {
    const answer = await rest.request({ operation, idempotent: true }, 'GET', path, {
      query: listQuery(filters, page),
    });
    const list = parseAnswer(schema, answer, operation);
    items.push(...(list.list as z.output<S>[]));
    if (page >= list.pages || list.list.length === 0) return items;
  }
}

/**
 * The items whose `field` is one of `ids`, in as few calls as pages allow (`{"field":{"in":[…]}}`).
 *
 * @example const products = await listByIds(rest, 'getCart: GET /products', '/products', productSchema, 'product_id', [12, 14]);
 */
export async function listByIds<S extends z.ZodType>(
  rest: ShoperRest,
  operation: string,
  path: string,
  item: S,
  field: string,
  ids: readonly number[],
): Promise<z.output<S>[]> {
  const unique = [...new Set(ids)];
  const found: z.output<S>[] = [];
  for (const part of chunks(unique, PAGE_LIMIT)) {
    found.push(...(await listAll(rest, operation, path, item, { [field]: { in: part } })));
  }
  return found;
}
