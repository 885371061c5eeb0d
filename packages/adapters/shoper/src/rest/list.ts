import { KasaError } from '@kasa/core';
import type { HttpAnswer } from '@kasa/platform-http';
import type { z } from 'zod';
import { parseAnswer, type ShoperRest } from './client.ts';
import { bulkAnswerSchema, listEnvelope } from './schemas.ts';

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

/** One operation of a `POST /bulk`. */
export interface BulkOp {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Written in full (`/webapi/rest/orders`), as the public clients do. */
  readonly path: string;
  readonly body?: unknown;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** One operation's result in a bulk answer. */
export interface BulkItem {
  readonly code: number;
  readonly body?: unknown;
}

/**
 * A GET of one list page as a bulk operation.
 *
 * @example listOp('products', '/products', { product_id: { in: [11, 12] } });
 */
export const listOp = (id: string, path: string, filters?: Readonly<Record<string, unknown>>): BulkOp => ({
  id,
  method: 'GET',
  path: `/webapi/rest${path}`,
  params: listQuery(filters, 1),
});

/**
 * Runs operations in one `POST /bulk` (at most 25) and returns each one's result by its id. A
 * bulk of reads is idempotent; one with writes is not (a lost answer must be resolved by reading).
 *
 * @example const items = await runBulk(rest, 'markPaid: POST /bulk (read)', [getOrder, getTransactions], true);
 */
export async function runBulk(
  rest: ShoperRest,
  operation: string,
  ops: readonly BulkOp[],
  idempotent: boolean,
): Promise<Map<string, BulkItem>> {
  const answer = parseAnswer(
    bulkAnswerSchema,
    await rest.request({ operation, idempotent }, 'POST', '/bulk', { body: ops }),
    operation,
  );
  const items = new Map<string, BulkItem>();
  ops.forEach((op, index) => {
    const item = answer.items.find((i) => i.id === op.id) ?? answer.items[index];
    if (item !== undefined) items.set(op.id, item);
  });
  return items;
}

/**
 * A bulk item read as an HTTP answer, for `parseAnswer` and friends; a missing item is a 502.
 *
 * @example parseAnswer(orderSchema, asAnswer(items.get('order')), operation);
 */
export const asAnswer = (item: BulkItem | undefined): HttpAnswer<unknown> => ({
  kind: 'http',
  status: item?.code ?? 502,
  header: () => undefined,
  body: item?.body,
});

/**
 * The items of a list page a bulk read, all of them: a list with more pages is read to its end.
 *
 * @example const products = await bulkList(rest, items.get('products'), op, productSchema, operation);
 */
export async function bulkList<S extends z.ZodType>(
  rest: ShoperRest,
  item: BulkItem | undefined,
  op: BulkOp,
  schema: S,
  operation: string,
): Promise<z.output<S>[]> {
  const answer = asAnswer(item);
  if (answer.status >= 500) throw unavailable(operation, answer.status);
  const page = parseAnswer(listEnvelope(schema), answer, operation);
  if (page.pages <= 1) return page.list as z.output<S>[];
  const filters = JSON.parse(String(op.params?.filters ?? '{}')) as Record<string, unknown>;
  return listAll(rest, operation, op.path.replace('/webapi/rest', ''), schema, filters);
}

/**
 * A bulk operation that failed with a 5xx or 429: the call is worth repeating later.
 *
 * @example throw unavailable('getCart: POST /bulk', 503);
 */
export const unavailable = (operation: string, status: number): KasaError =>
  new KasaError('platform_unavailable', {
    details: { platform: 'shoper', operation, status, problem: `HTTP ${status} inside a bulk request` },
  });
