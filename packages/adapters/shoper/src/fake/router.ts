import type { FakeResponse } from '@kasa/adapter-testing/faults';
import { BULK_MAX_OPERATIONS, bulkRequestSchema } from '../rest/schemas.ts';
import {
  CURRENCIES,
  type FakeProductRecord,
  PAYMENTS,
  productJson,
  SHIPPINGS,
  STATUSES,
  stockJson,
  TAXES,
} from './catalogue.ts';
import { ListQueryError, listPage, type Row } from './lists.ts';
import type { Change, FakeOrderBook } from './orders.ts';
import { badRequest, invalidBody, notFound, ok } from './respond.ts';
import type { RegisteredWebhook } from './webhooks.ts';
import { lineJson, orderJson, transactionJson } from './wire.ts';

/**
 * The authenticated part of the REST webapi: `GET /<resource>` (lists) and `GET /<resource>/<id>`,
 * `POST /orders`, `PUT /orders/<id>`, `POST /order-products`, `POST /order-transactions`,
 * `POST /bulk`. Paths are relative to `/webapi/rest/`.
 */
export interface RestContext {
  readonly products: () => readonly FakeProductRecord[];
  readonly book: FakeOrderBook;
  readonly webhooks: () => readonly RegisteredWebhook[];
  /** Raises the webhooks of a change (deliveries run in the background). */
  readonly changed: (change: Change) => FakeResponse;
}

export interface RestCall {
  readonly method: string;
  /** Path segments after `/webapi/rest/`, e.g. `['orders', '12']`. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
}

const idField: Readonly<Record<string, string>> = {
  products: 'product_id',
  'product-stocks': 'stock_id',
  shippings: 'shipping_id',
  payments: 'payment_id',
  statuses: 'status_id',
  taxes: 'tax_id',
  currencies: 'currency_id',
  orders: 'order_id',
  'order-products': 'id',
  'order-transactions': 'transaction_id',
  webhooks: 'webhook_id',
};

function rowsOf(resource: string, ctx: RestContext): readonly Row[] | undefined {
  switch (resource) {
    case 'products':
      return ctx.products().map(productJson);
    case 'product-stocks':
      return ctx.products().flatMap((p) => [p.main, ...p.variants].map(stockJson));
    case 'shippings':
      return SHIPPINGS;
    case 'payments':
      return PAYMENTS;
    case 'statuses':
      return STATUSES;
    case 'taxes':
      return TAXES;
    case 'currencies':
      return CURRENCIES;
    case 'orders':
      return ctx.book.orders.map((o) => orderJson(o, ctx.book));
    case 'order-products':
      return ctx.book.lines.map(lineJson);
    case 'order-transactions':
      return ctx.book.transactions.map(transactionJson);
    case 'webhooks':
      return ctx.webhooks().map((w) => ({ ...w, format: 0, events: [...w.events] }));
    default:
      return undefined;
  }
}

function read(call: RestCall, ctx: RestContext): FakeResponse {
  const [resource = '', id] = call.segments;
  const rows = rowsOf(resource, ctx);
  const field = idField[resource];
  if (rows === undefined || field === undefined) return notFound(`resource ${resource}`);
  if (id === undefined) {
    try {
      return ok(listPage(rows, call.query));
    } catch (error) {
      if (error instanceof ListQueryError) return badRequest(error.message);
      throw error;
    }
  }
  const row = rows.find((r) => String(r[field]) === id);
  return row === undefined ? notFound(`${resource} ${id}`) : ok(row);
}

const numericId = (raw: string | undefined) =>
  raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;

/**
 * One REST call (also one operation of a bulk).
 *
 * @example route({ method: 'GET', segments: ['taxes'], query: new URLSearchParams(), body: undefined }, ctx);
 */
export function route(call: RestCall, ctx: RestContext): FakeResponse {
  const [resource = '', id, extra] = call.segments;
  if (extra !== undefined) return notFound(call.segments.join('/'));
  if (call.method === 'GET') return read(call, ctx);
  if (call.method === 'POST' && id === undefined) {
    switch (resource) {
      case 'orders':
        return ctx.changed(ctx.book.create(call.body));
      case 'order-products':
        return ctx.book.addLine(call.body);
      case 'order-transactions':
        return ctx.book.addTransaction(call.body);
      case 'bulk':
        return bulk(call.body, ctx);
    }
  }
  if (call.method === 'PUT' && resource === 'orders') {
    const orderId = numericId(id);
    return orderId === undefined
      ? notFound(`orders ${id ?? ''}`)
      : ctx.changed(ctx.book.update(orderId, call.body));
  }
  return notFound(`${call.method} ${call.segments.join('/')}`);
}

/** `/webapi/rest/orders/1` or `orders/1` → `['orders', '1']`, with the query of the path, if any. */
export function splitPath(path: string): { segments: string[]; query: URLSearchParams } {
  const [pathname = '', search = ''] = path.split('?', 2);
  const relative = pathname.replace(/^\/?(webapi\/rest\/)?/, '');
  return { segments: relative.split('/').filter((s) => s !== ''), query: new URLSearchParams(search) };
}

/**
 * `POST /bulk`: up to 25 operations run in order; the answer carries one item per operation with its id,
 * HTTP code and body, and `errors` when any failed (see bulkAnswerSchema for which part is a GUESS).
 * More than 25 operations, or a bulk inside a bulk, refuses the whole request with 400.
 */
function bulk(body: unknown, ctx: RestContext): FakeResponse {
  if (Array.isArray(body) && body.length > BULK_MAX_OPERATIONS) {
    return badRequest(`bulk: at most ${BULK_MAX_OPERATIONS} operations in one request, got ${body.length}`);
  }
  const parsed = bulkRequestSchema.safeParse(body);
  if (!parsed.success) return invalidBody(parsed.error);
  const items = parsed.data.map((op) => {
    const { segments, query } = splitPath(op.path);
    for (const [key, value] of Object.entries(op.params ?? {})) {
      query.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const answer =
      segments[0] === 'bulk'
        ? badRequest('bulk: a bulk operation cannot be a bulk request')
        : route({ method: op.method, segments, query, body: op.body }, ctx);
    return { id: op.id, code: answer.status, body: answer.body ?? null };
  });
  return ok({ errors: items.some((i) => i.code >= 400), items });
}
