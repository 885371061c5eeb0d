import { KasaError } from '@kasa/core';
import { z } from 'zod';
import type { Http, HttpReply } from './http.ts';
import { excerpt, parseReply, tryJson } from './seam.ts';

/**
 * The PrestaShop 9 Admin API (`ps_apiresources`): OAuth2 client credentials, JSON. Kasa uses
 * `GET /carts/{id}/view` for totals PrestaShop computed, and `POST /orders` to create an order in a
 * chosen state (cash on delivery). Check the shop's `ps_apiresources` version has both.
 */

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
});

export const cartViewSchema = z.object({
  cartId: z.int(),
  currencyId: z.int(),
  order: z.object({ orderId: z.int().nullish() }).partial(),
  summary: z.object({ totalProducts: z.number(), totalShipping: z.number(), total: z.number() }),
});
export type CartView = z.infer<typeof cartViewSchema>;

export interface AdminApi {
  cartView(cartId: number): Promise<CartView | undefined>;
  createOrder(input: {
    cartId: number;
    employeeId: number;
    paymentModuleName: string;
    orderStateId: number;
    orderMessage: string;
  }): Promise<{ orderId: number }>;
}

const SCOPES = 'cart_read order_write';

export function createAdminApi(options: {
  url: string;
  clientId: string;
  clientSecret: string;
  http: Http;
  now?: () => number;
}): AdminApi {
  const now = options.now ?? Date.now;
  let token: { value: string; until: number } | undefined;

  function refusal(operation: string, reply: HttpReply): KasaError {
    const details = { platform: 'prestashop', operation, status: reply.status, body: excerpt(reply.text) };
    if (reply.status === 401 || reply.status === 403) {
      return new KasaError('platform_auth_failed', {
        details: {
          ...details,
          credential: 'adminApi.clientId/adminApi.clientSecret',
          hint: `The Admin API refused the client: check adminApi.clientId and adminApi.clientSecret and that the client has the scopes ${SCOPES}.`,
        },
      });
    }
    if (reply.status === 404 && operation.startsWith('POST')) {
      return new KasaError('platform_version_unsupported', {
        details: {
          ...details,
          hint: 'The shop has no Admin API POST /orders: update ps_apiresources, or drop adminApi.',
        },
      });
    }
    return new KasaError('platform_rejected', { details });
  }

  async function bearer(): Promise<string> {
    if (token && token.until > now()) return token.value;
    const operation = 'POST /admin-api/access_token';
    const reply = await options.http({
      operation,
      method: 'POST',
      url: `${options.url}/access_token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        scope: SCOPES,
      }).toString(),
      // Asking for a token twice does no harm.
      safe: true,
    });
    if (reply.status !== 200) throw refusal(operation, reply);
    const parsed = parseReply(operation, tokenSchema, tryJson(reply.text));
    // Renew a minute early so a token never expires mid-call.
    token = { value: parsed.access_token, until: now() + ((parsed.expires_in ?? 3600) - 60) * 1000 };
    return token.value;
  }

  return {
    async cartView(cartId) {
      const operation = 'GET /admin-api/carts/{id}/view';
      const reply = await options.http({
        operation,
        method: 'GET',
        url: `${options.url}/carts/${cartId}/view`,
        headers: { authorization: `Bearer ${await bearer()}`, accept: 'application/json' },
        safe: true,
      });
      if (reply.status === 404) return undefined;
      if (reply.status !== 200) throw refusal(operation, reply);
      return parseReply(operation, cartViewSchema, tryJson(reply.text));
    },

    async createOrder(input) {
      const operation = 'POST /admin-api/orders';
      const reply = await options.http({
        operation,
        method: 'POST',
        url: `${options.url}/orders`,
        headers: {
          authorization: `Bearer ${await bearer()}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(input),
        safe: false,
      });
      if (reply.status !== 201 && reply.status !== 200) throw refusal(operation, reply);
      return parseReply(operation, z.object({ orderId: z.int().positive() }), tryJson(reply.text));
    },
  };
}
