import { errorCatalog } from '@kasa/core';
import { z } from 'zod';

export interface ApiRouteDoc {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: readonly { name: string; required: boolean; description: string }[];
  readonly success: { status: number; description: string; contentType?: string };
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

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

/** The OpenAPI document, generated from the same zod schemas that validate the requests. */
export function buildOpenApi(routes: readonly ApiRouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryShape = route.query
      ? (jsonSchema(route.query, 'input') as { properties?: object })
      : undefined;
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
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      parameters: [...pathParams, ...queryParams, ...headerParams],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [route.success.status]: {
          description: route.success.description,
          content: { [route.success.contentType ?? 'application/json']: {} },
        },
        default: { description: 'An error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Kasa checkout API', version: info.version },
    paths,
  };
}
