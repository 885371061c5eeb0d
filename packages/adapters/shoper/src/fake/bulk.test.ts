import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkAnswerSchema, errorBodySchema, listEnvelope, orderProductSchema } from '../rest/schemas.ts';
import { call, tokenOf } from './client.ts';
import { createShoperFake } from './index.ts';
import type { ShoperFake } from './types.ts';

let fake: ShoperFake;
let token: string;
let orderId: number;
beforeEach(async () => {
  fake = await createShoperFake({ bucket: { limit: 1000, bandwidth: 100 } });
  token = await tokenOf(fake);
  const created = await call(fake, 'POST', 'orders', {
    token,
    body: {
      email: 'k@example.invalid',
      status_id: 6,
      payment_id: 3,
      shipping_id: 2,
      shipping_tax_id: 1,
      shipping_cost: 16.99,
    },
  });
  orderId = created.body as number;
});
afterEach(() => fake.close());

const line = (i: number, body: Record<string, unknown>) => ({
  id: `line-${i}`,
  method: 'POST',
  path: i % 2 === 0 ? '/webapi/rest/order-products' : 'order-products',
  body,
});
const bulk = (body: unknown) => call(fake, 'POST', 'bulk', { token, body });

describe('the Shoper fake: bulk', () => {
  it('runs up to 25 operations in one request, one result per operation, in order', async () => {
    const operations = Array.from({ length: 25 }, (_, i) =>
      line(i, { order_id: orderId, stock_id: 101 + (i % 10), quantity: 1 }),
    );
    const requestsBefore = fake.shop.requests.length;
    const answer = await bulk(operations);
    expect(answer.status).toBe(200);
    const parsed = bulkAnswerSchema.parse(answer.body);
    expect(parsed.errors).toBe(false);
    expect(parsed.items.map((i) => i.id)).toEqual(operations.map((o) => o.id));
    expect(parsed.items.every((i) => i.code === 200 && Number.isInteger(i.body))).toBe(true);
    expect(fake.shop.requests.length - requestsBefore).toBe(1);
    const filters = encodeURIComponent(JSON.stringify({ order_id: orderId }));
    const lines = listEnvelope(orderProductSchema).parse(
      (await call(fake, 'GET', `order-products?limit=50&filters=${filters}`, { token })).body,
    );
    expect(lines.count).toBe(25);
  });

  it('refuses more than 25 operations as a whole, doing none of them', async () => {
    const operations = Array.from({ length: 26 }, (_, i) =>
      line(i, { order_id: orderId, stock_id: 101, quantity: 1 }),
    );
    const answer = await bulk(operations);
    expect(answer.status).toBe(400);
    expect(errorBodySchema.parse(answer.body).error_description).toContain('25');
    expect(fake.shop.platformOrders()[0]?.total?.amount).toBe(1699);
  });

  it('reports a failed operation by itself, with its code and error body, and still does the others', async () => {
    const answer = await bulk([
      line(0, { order_id: orderId, stock_id: 101, quantity: 1 }),
      line(1, { order_id: orderId, stock_id: 999, quantity: 1 }),
      line(2, { order_id: orderId, quantity: 'dwa', stock_id: 102 }),
      line(3, { order_id: orderId, stock_id: 103, quantity: 1 }),
    ]);
    const parsed = bulkAnswerSchema.parse(answer.body);
    expect(parsed.errors).toBe(true);
    expect(parsed.items.map((i) => i.code)).toEqual([200, 404, 400, 200]);
    expect(errorBodySchema.parse(parsed.items[1]?.body).error).toBe('server_error');
    // 16.99 + 49.90 + 24.90
    expect(fake.shop.platformOrders()[0]?.total?.amount).toBe(9179);
  });

  it('runs GET operations with params, and refuses a malformed operation or a bulk in a bulk', async () => {
    const answer = await bulk([
      {
        id: 'stocks',
        method: 'GET',
        path: '/webapi/rest/product-stocks',
        params: { filters: { stock_id: { in: [201, 202] } } },
      },
      { id: 'order', method: 'GET', path: `/webapi/rest/orders/${orderId}` },
      { id: 'nested', method: 'POST', path: '/webapi/rest/bulk', body: [] },
    ]);
    const parsed = bulkAnswerSchema.parse(answer.body);
    expect(parsed.items.map((i) => i.code)).toEqual([200, 200, 400]);
    expect(parsed.items[0]?.body).toMatchObject({ count: '2' });
    expect((await bulk([{ id: 'x', method: 'FETCH', path: 'orders' }])).status).toBe(400);
    expect((await bulk([])).status).toBe(400);
  });
});
