import { randomBytes } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '@kasa/adapter-testing';
import { z } from 'zod';
import type { FakeShop } from './shop.ts';

/**
 * The PrestaShop 9 Admin API endpoints Kasa uses: the OAuth2 token, `GET /carts/{id}/view` (shape
 * from ps_apiresources `CartView`) and `POST /orders` (`AddOrderFromBackOfficeCommand`).
 */

const json = (status: number, body: unknown): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const orderSchema = z.object({
  cartId: z.int().positive(),
  employeeId: z.int().positive(),
  paymentModuleName: z.string().min(1),
  orderStateId: z.int().positive(),
  orderMessage: z.string().optional(),
});

export interface AdminApiState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokens: Set<string>;
  /** Scopes the client was given in Advanced Parameters › Admin API. */
  readonly scopes: readonly string[];
}

export function handleAdminApi(
  shop: FakeShop,
  state: AdminApiState,
  req: FakeRequest,
  path: string,
): FakeResponse {
  if (path === 'access_token' && req.method === 'POST') {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'The authorization grant type is not supported.',
      });
    }
    if (form.get('client_id') !== state.clientId || form.get('client_secret') !== state.clientSecret) {
      return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (asked.some((scope) => !state.scopes.includes(scope))) {
      return json(400, {
        error: 'invalid_scope',
        error_description: 'The requested scope is invalid, unknown, or malformed',
        hint: `Check the \`${asked.find((scope) => !state.scopes.includes(scope))}\` scope`,
      });
    }
    const token = randomBytes(24).toString('base64url');
    state.tokens.add(token);
    return json(200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
  }
  const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
  if (!bearer || !state.tokens.has(bearer))
    return json(401, { title: 'An error occurred', detail: 'Access denied' });

  const view = /^carts\/(\d+)\/view$/.exec(path);
  if (view && req.method === 'GET') {
    const cartId = Number(view[1]);
    const cart = shop.table('carts').get(cartId);
    const totals = shop.totals(cartId);
    if (!cart || !totals)
      return json(404, { title: 'An error occurred', detail: `Cart ${cartId} not found` });
    const order = shop.orderForCart(cartId);
    return json(200, {
      cartId,
      currencyId: Number(cart.id_currency),
      customer: { customerId: Number(cart.id_customer) },
      order: { orderId: order ? Number(order.id) : null, placedDate: order?.date_add ?? '' },
      products: totals.lines.map((l) => ({
        productId: l.product.id,
        name: l.product.name,
        quantity: Number(l.row.quantity),
        unitPrice: l.unit / 100,
        totalPrice: l.total / 100,
      })),
      cartRules: [],
      summary: {
        totalProducts: totals.products / 100,
        totalDiscounts: 0,
        totalWrapping: 0,
        totalShipping: totals.shipping / 100,
        total: totals.total / 100,
        taxIncluded: true,
      },
      cartLink: order ? null : `/cart?id=${cartId}`,
      dateAdd: cart.date_add,
      dateUpd: cart.date_upd,
    });
  }
  if (path === 'orders' && req.method === 'POST') {
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return json(400, { title: 'An error occurred', detail: 'Syntax error' });
    }
    const parsed = orderSchema.safeParse(body);
    if (!parsed.success)
      return json(422, { title: 'Validation Failed', detail: parsed.error.issues[0]?.message });
    const totals = shop.totals(parsed.data.cartId);
    if (!totals) return json(422, { title: 'An error occurred', detail: 'Cart not found' });
    const customer = shop
      .table('customers')
      .get(Number(shop.table('carts').get(parsed.data.cartId)?.id_customer));
    const result = shop.validateOrder({
      cartId: parsed.data.cartId,
      stateId: parsed.data.orderStateId,
      amountPaid: (totals.total / 100).toFixed(2),
      label: parsed.data.paymentModuleName,
      module: parsed.data.paymentModuleName,
      secureKey: customer?.secure_key,
    });
    if (!result.ok) return json(422, { title: 'An error occurred', detail: result.body });
    return json(201, { orderId: result.orderId });
  }
  return json(404, { title: 'An error occurred', detail: 'Not Found' });
}
