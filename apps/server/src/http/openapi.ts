import { errorCatalog } from '@kasa/core';
import { z } from 'zod';
import { mountedRouteDocs } from './route-docs.ts';

export interface ApiRouteDoc {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly body?: z.ZodType;
  /** Media types the body may come as; JSON when not given. */
  readonly bodyTypes?: readonly string[];
  readonly query?: z.ZodType;
  readonly headers?: readonly { name: string; required: boolean; description: string }[];
  /** `merchant`: only with the merchant token (`Authorization: Bearer <analytics.merchantToken>`). */
  readonly auth?: 'merchant';
  /** The answer when all goes well; `schema` describes its body (what the handler returns, as JSON). */
  readonly success: { status: number; description: string; contentType?: string; schema?: z.ZodType };
}

type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as OpenAPI 3.0 JSON Schema. For an answer (`output`), a field that a transform
 * normalises (a phone to +48…, a date to epoch ms) has no type of its own in zod; it is described by
 * what the transform accepts, which in Kasa's schemas covers what it gives (the test checks real
 * answers against the document).
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'openapi-3.0',
    override: (ctx) => {
      const def = ctx.zodSchema._zod.def;
      if (io === 'output' && def.type === 'pipe' && def.out._zod.def.type === 'transform') {
        Object.assign(ctx.jsonSchema, jsonSchema(def.in as z.ZodType, 'input'));
      }
    },
  }) as JsonSchema;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'merchantMessage'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCatalog) },
        message: { type: 'string', description: "Shopper-safe text in the request's language" },
        merchantMessage: { type: 'string' },
        field: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
};

const securitySchemes = {
  merchant: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The merchant token (`analytics.merchantToken`); it opens the dashboard and /api/analytics/*',
  },
};

function operation(route: ApiRouteDoc) {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryShape = route.query ? (jsonSchema(route.query, 'input') as { properties?: object }) : undefined;
  const queryParams = Object.entries(queryShape?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
  const headerParams = (route.headers ?? []).map((header) => ({
    ...header,
    in: 'header',
    schema: { type: 'string' },
  }));
  const { success } = route;
  const body = route.body;
  return {
    summary: route.summary,
    parameters: [...pathParams, ...queryParams, ...headerParams],
    ...(route.auth ? { security: [{ [route.auth]: [] }] } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (route.bodyTypes ?? ['application/json']).map((type) => [
                type,
                { schema: jsonSchema(body, 'input') },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [success.status]: {
        description: success.description,
        content: {
          [success.contentType ?? 'application/json']: success.schema
            ? { schema: jsonSchema(success.schema, 'output') }
            : {},
        },
      },
      default: { description: 'An error', content: { 'application/json': { schema: errorSchema } } },
    },
  };
}

/**
 * The OpenAPI document, generated from the same zod schemas that validate the requests: the checkout
 * routes given, and the routes other modules mount (the collector, the merchant's analytics).
 */
export function buildOpenApi(routes: readonly ApiRouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes, ...mountedRouteDocs]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Kasa checkout API', version: info.version },
    paths,
    components: { securitySchemes },
  };
}
