import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  errorBodySchema,
  listEnvelope,
  orderProductSchema,
  orderSchema,
  orderTransactionSchema,
} from '../rest/schemas.ts';
import { call, tokenOf } from './client.ts';
import { createShoperFake } from './index.ts';
import type { ShoperFake } from './types.ts';

let fake: ShoperFake;
let token: string;
beforeEach(async () => {
  fake = await createShoperFake({ bucket: { limit: 1000, bandwidth: 100 } });
  token = await tokenOf(fake);
});
afterEach(() => fake.close());

const lockerOrder = {
  email: 'kupujacy@example.invalid',
  status_id: 6,
  payment_id: 3,
  shipping_id: 1,
  shipping_tax_id: 1,
  shipping_cost: 12.99,
  origin: 4,
  notes_priv: 'kasa:chk_123',
  billing_address: {
    firstname: 'Jan',
    lastname: 'Kowalski',
    city: 'Kraków',
    postcode: '30-001',
    country_code: 'PL',
  },
  pickup_point: 'KRA01M',
  pickup_point_data: {
    point: 'KRA01M',
    supplier: 'INPOST',
    city: 'Kraków',
    postal_code: '30-001',
    street: 'Rynek 1',
  },
};
const post = (path: string, body: unknown) => call(fake, 'POST', path, { token, body });
const description = (answer: { body: unknown }) => errorBodySchema.parse(answer.body).error_description ?? '';

async function placeWithLines(): Promise<number> {
  const created = await post('orders', lockerOrder);
  const id = created.body as number;
  expect((await post('order-products', { order_id: id, product_id: 11, quantity: 2 })).status).toBe(200);
  expect((await post('order-products', { order_id: id, stock_id: 202, quantity: 1 })).status).toBe(200);
  return id;
}

describe('the Shoper fake: orders', () => {
  it('creates an order and answers its integer id', async () => {
    const created = await post('orders', lockerOrder);
    expect(created.status).toBe(200);
    expect(Number.isInteger(created.body)).toBe(true);
  });

  it('refuses an order without a field the SDK requires, naming it', async () => {
    for (const field of ['email', 'status_id', 'payment_id', 'shipping_id', 'shipping_tax_id']) {
      const { [field]: _left, ...rest } = lockerOrder as Record<string, unknown>;
      const refused = await post('orders', rest);
      expect(refused.status, field).toBe(400);
      expect(description(refused)).toContain(field);
    }
  });

  it('refuses wrong types with 400 and ids that name nothing with 404', async () => {
    const typed = await post('orders', { ...lockerOrder, status_id: 'nowe' });
    expect(typed.status).toBe(400);
    expect(description(typed)).toContain('status_id');
    expect(
      (await post('orders', { ...lockerOrder, pickup_point_data: { point: 'X', supplier: 'FEDEX' } })).status,
    ).toBe(400);
    expect((await post('orders', [lockerOrder])).status).toBe(400);
    const unknown = await post('orders', { ...lockerOrder, payment_id: 77 });
    expect(unknown.status).toBe(404);
    expect(description(unknown)).toContain('payment_id 77');
  });

  it('computes sum from the lines and the shipping cost, inheriting catalogue prices', async () => {
    const id = await placeWithLines();
    const order = orderSchema.parse((await call(fake, 'GET', `orders/${id}`, { token })).body);
    // 2 × 49.90 + 1 × 56.90 (ground coffee: 54.90 + 2.00) + 12.99
    expect(order.sum).toBeCloseTo(169.69);
    expect(order).toMatchObject({
      order_id: id,
      paid: 0,
      is_paid: false,
      pickup_point: 'KRA01M',
      notes_priv: 'kasa:chk_123',
    });
    expect(order.pickup_point_data?.supplier).toBe('INPOST');
    const raw = (await call(fake, 'GET', `orders/${id}`, { token })).body as Record<string, unknown>;
    expect([typeof raw.order_id, typeof raw.sum]).toEqual(['string', 'string']);
  });

  it('lists the lines of an order by order_id, and lets product_id win over stock_id as the SDK says', async () => {
    const id = await placeWithLines();
    await post('order-products', { order_id: id, product_id: 12, stock_id: 202, quantity: 1 });
    const filters = encodeURIComponent(JSON.stringify({ order_id: id }));
    const lines = listEnvelope(orderProductSchema).parse(
      (await call(fake, 'GET', `order-products?filters=${filters}`, { token })).body,
    );
    expect(lines.list.map((l) => [l.product_id, l.stock_id, l.quantity, l.price])).toEqual([
      [11, 101, 2, 49.9],
      [12, 202, 1, 56.9],
      [12, 102, 1, 54.9],
    ]);
  });

  it('refuses an order line for a missing order or stock, and a free line without a price', async () => {
    const id = (await post('orders', lockerOrder)).body as number;
    expect((await post('order-products', { order_id: 4242, stock_id: 101, quantity: 1 })).status).toBe(404);
    expect((await post('order-products', { order_id: id, stock_id: 999, quantity: 1 })).status).toBe(404);
    expect((await post('order-products', { order_id: id, quantity: 1, name: 'Gratis' })).status).toBe(400);
    expect((await post('order-products', { order_id: 'x', stock_id: 101, quantity: 1 })).status).toBe(400);
  });

  it('finds an order by the checkout id in notes_priv with LIKE', async () => {
    await post('orders', { ...lockerOrder, notes_priv: 'kasa:chk_other' });
    const id = (await post('orders', lockerOrder)).body as number;
    const filters = encodeURIComponent(JSON.stringify({ notes_priv: { LIKE: '%kasa:chk_123%' } }));
    const found = listEnvelope(orderSchema).parse(
      (await call(fake, 'GET', `orders?filters=${filters}`, { token })).body,
    );
    expect(found.list.map((o) => o.order_id)).toEqual([id]);
  });

  it('records a transaction, marks the order paid with PUT (answer true), and shows it in platformOrders', async () => {
    const id = await placeWithLines();
    const transaction = await post('order-transactions', {
      order_id: id,
      payment_id: 3,
      currency_id: 1,
      currency_value: 169.69,
      status: 3,
      status_description: 'sandbox txn_42',
    });
    expect(Number.isInteger(transaction.body)).toBe(true);
    const filters = encodeURIComponent(JSON.stringify({ order_id: id }));
    const listed = listEnvelope(orderTransactionSchema).parse(
      (await call(fake, 'GET', `order-transactions?filters=${filters}`, { token })).body,
    );
    expect(listed.list[0]).toMatchObject({
      status: 3,
      status_description: 'sandbox txn_42',
      currency_value: 169.69,
    });

    const put = await call(fake, 'PUT', `orders/${id}`, { token, body: { paid: 169.69, status_id: 3 } });
    expect([put.status, put.body]).toEqual([200, true]);
    expect(fake.shop.platformOrders()).toEqual([
      {
        id: String(id),
        checkoutId: 'chk_123',
        paid: true,
        total: { amount: 16969, currency: 'PLN' },
        transactionId: 'txn_42',
        pickupPointId: 'KRA01M',
      },
    ]);
  });

  it('refuses a transaction without its required fields and a PUT of an unknown order', async () => {
    const id = (await post('orders', lockerOrder)).body as number;
    const refused = await post('order-transactions', {
      order_id: id,
      payment_id: 3,
      currency_value: 1,
      status: 3,
    });
    expect(refused.status).toBe(400);
    expect(description(refused)).toContain('currency_id');
    expect(
      (
        await post('order-transactions', {
          order_id: id,
          payment_id: 3,
          currency_id: 1,
          currency_value: 1,
          status: 9,
        })
      ).status,
    ).toBe(400);
    expect((await call(fake, 'PUT', 'orders/4242', { token, body: { status_id: 5 } })).status).toBe(404);
    expect((await call(fake, 'PUT', `orders/${id}`, { token, body: { status_id: 99 } })).status).toBe(404);
  });
});
