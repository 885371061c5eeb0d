import { KasaError } from '@kasa/core';
import { z } from 'zod';
import type { Http, HttpReply } from './http.ts';
import { excerpt, parseReply, tryJson } from './seam.ts';
import { buildResourceXml, parseXml, type XmlResource } from './xml.ts';

/**
 * The PrestaShop 8/9 webservice (`/api/…`): the key as the Basic-auth user with an empty password,
 * XML bodies in, `?output_format=JSON` out.
 */

export interface WebserviceError {
  readonly code: string;
  readonly message: string;
}

const jsonErrors = z.object({
  errors: z.array(z.object({ code: z.union([z.number(), z.string()]).nullish(), message: z.string() })),
});

/** The webservice's own error document (JSON or XML); undefined for anything else, e.g. a PHP fatal page. */
export function readErrors(text: string): WebserviceError[] | undefined {
  const json = jsonErrors.safeParse(tryJson(text));
  if (json.success) return json.data.errors.map((e) => ({ code: String(e.code ?? ''), message: e.message }));
  const xml = parseXml(text) as { prestashop?: { errors?: { error?: unknown[] } } } | undefined;
  const list = xml?.prestashop?.errors?.error;
  if (!Array.isArray(list)) return undefined;
  return list.map((e) => {
    const item = (e ?? {}) as { code?: unknown; message?: unknown };
    return { code: String(item.code ?? ''), message: String(item.message ?? '') };
  });
}

/** `parameter "email" required` or `Property Customer->email is empty.` → `email`. */
function fieldOf(message: string): string | undefined {
  return (
    /parameter "([a-z_]+)"/i.exec(message)?.[1] ??
    /Property [A-Za-z]+->([a-z_]+)/.exec(message)?.[1] ??
    undefined
  );
}

export interface ListQuery {
  /** `filter[field]` values in webservice syntax, e.g. `[5]` or `[kasa:]%`. */
  readonly filter?: Readonly<Record<string, string>>;
  /** `full` or `[id,secure_key]`. */
  readonly display: string;
  readonly sort?: string;
  readonly limit?: number;
}

export interface Webservice {
  create<T>(
    resource: string,
    node: string,
    body: XmlResource,
    schema: z.ZodType<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; reply: HttpReply }>;
  list<T>(resource: string, query: ListQuery, item: z.ZodType<T>): Promise<T[]>;
  /** Changes only the given fields (PATCH, PrestaShop 8+); repeating it sets the same values. */
  patch(
    resource: string,
    node: string,
    id: number,
    fields: Readonly<Record<string, string | number>>,
  ): Promise<void>;
  /** Maps a refusal to a KasaError naming the call, the platform's code and the field. */
  refusal(operation: string, reply: HttpReply): KasaError;
}

export function createWebservice(options: { shopUrl: string; key: string; http: Http }): Webservice {
  const authorization = `Basic ${Buffer.from(`${options.key}:`, 'utf8').toString('base64')}`;
  const url = (path: string, params: URLSearchParams) => {
    params.set('output_format', 'JSON');
    return `${options.shopUrl}/api/${path}?${params.toString()}`;
  };

  function refusal(operation: string, reply: HttpReply): KasaError {
    const errors = readErrors(reply.text);
    const first = errors?.[0];
    const base = {
      platform: 'prestashop',
      operation,
      status: reply.status,
      ...(first
        ? { platformCode: first.code, platformMessage: first.message }
        : { body: excerpt(reply.text) }),
    };
    if (reply.status === 401) {
      return new KasaError('platform_auth_failed', {
        details: {
          ...base,
          credential: 'webserviceKey',
          hint: 'PrestaShop refused the webservice key: check webserviceKey, that the key is enabled (Advanced Parameters › Webservice) and that the webservice is on.',
        },
      });
    }
    if (reply.status === 403 || reply.status === 405) {
      return new KasaError('platform_auth_failed', {
        details: {
          ...base,
          credential: 'webserviceKey',
          hint: 'The webservice key lacks a permission: give it GET and POST on customers, addresses, carts, orders and order_histories.',
        },
      });
    }
    const field = first ? fieldOf(first.message) : undefined;
    return new KasaError('platform_rejected', { ...(field ? { field } : {}), details: base });
  }

  return {
    refusal,

    async create<T>(resource: string, node: string, body: XmlResource, schema: z.ZodType<T>) {
      const operation = `POST /api/${resource}`;
      const reply = await options.http({
        operation,
        method: 'POST',
        url: url(resource, new URLSearchParams()),
        headers: {
          authorization,
          'content-type': 'application/xml; charset=utf-8',
          accept: 'application/json',
        },
        body: buildResourceXml(node, body),
        safe: false,
        isRefusal: (r) => readErrors(r.text) !== undefined,
      });
      if (reply.status !== 201 && reply.status !== 200) return { ok: false, reply };
      const json = tryJson(reply.text);
      if (json === undefined) return { ok: false, reply };
      const envelope = z.object({ [node]: schema });
      const parsed = parseReply(operation, envelope, json) as Record<string, T>;
      return { ok: true, value: parsed[node] as T };
    },

    async patch(resource, node, id, fields) {
      const operation = `PATCH /api/${resource}/{id}`;
      const reply = await options.http({
        operation,
        method: 'PATCH',
        url: url(`${resource}/${id}`, new URLSearchParams()),
        headers: {
          authorization,
          'content-type': 'application/xml; charset=utf-8',
          accept: 'application/json',
        },
        body: buildResourceXml(node, { fields: { id, ...fields } }),
        safe: true,
      });
      if (reply.status !== 200) throw refusal(operation, reply);
    },

    async list<T>(resource: string, query: ListQuery, item: z.ZodType<T>) {
      const params = new URLSearchParams({ display: query.display });
      for (const [field, value] of Object.entries(query.filter ?? {})) params.set(`filter[${field}]`, value);
      if (query.sort) params.set('sort', query.sort);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      const operation = `GET /api/${resource}`;
      const reply = await options.http({
        operation,
        method: 'GET',
        url: url(resource, params),
        headers: { authorization, accept: 'application/json' },
        safe: true,
      });
      if (reply.status !== 200) throw refusal(operation, reply);
      const json = tryJson(reply.text);
      // An empty list is `[]` in JSON output, not `{ "customers": [] }`.
      if (Array.isArray(json) && json.length === 0) return [];
      const parsed = parseReply(operation, z.object({ [resource]: z.array(item) }), json) as Record<
        string,
        T[]
      >;
      return parsed[resource] ?? [];
    },
  };
}

/** Ids arrive as numbers (`id`) or strings (`"id_customer": "5"`). */
export const wsId = z.coerce.number().int().nonnegative();
