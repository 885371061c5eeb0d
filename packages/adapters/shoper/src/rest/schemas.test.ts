import { describe, expect, it } from 'vitest';
import {
  authAnswerSchema,
  bulkAnswerSchema,
  bulkRequestSchema,
  listEnvelope,
  oauthTokenAnswerSchema,
  orderInsertSchema,
  orderProductInsertSchema,
  orderSchema,
  plName,
  productSchema,
  stockUnitPrice,
  taxSchema,
} from './schemas.ts';

describe('Shoper wire schemas', () => {
  it('reads numbers and ids Shoper sends as strings', () => {
    const order = orderSchema.parse({
      order_id: '17',
      status_id: '1',
      sum: '129.99',
      paid: '0.00',
      email: 'x@example.invalid',
      shipping_id: '2',
      payment_id: '3',
      shipping_cost: '12.50',
    });
    expect(order).toMatchObject({ order_id: 17, sum: 129.99, paid: 0, shipping_cost: 12.5 });
  });

  it('reads the list envelope with a string count', () => {
    const list = listEnvelope(taxSchema).parse({
      count: '2',
      pages: 1,
      page: 1,
      list: [{ tax_id: 1, value: '23.00' }],
    });
    expect(list.count).toBe(2);
    expect(list.list[0]?.value).toBe(23);
  });

  it('refuses a non-numeric id and a negative one', () => {
    expect(taxSchema.safeParse({ tax_id: 'abc', value: 23 }).success).toBe(false);
    expect(taxSchema.safeParse({ tax_id: -1, value: 23 }).success).toBe(false);
  });

  it('reads the OAuth answer whose expires_in is a string (doc example)', () => {
    const answer = oauthTokenAnswerSchema.parse({
      access_token: 'a',
      refresh_token: 'r',
      expires_in: '3600',
      token_type: 'bearer',
      scope: 'orders_read',
    });
    expect(answer.expires_in).toBe(3600);
    expect(
      authAnswerSchema.safeParse({ access_token: 'a', expires_in: 60, token_type: 'bearer' }).success,
    ).toBe(true);
  });

  it('reads product flags and the pl_PL name; an empty PHP map is an empty object', () => {
    const product = productSchema.parse({
      product_id: 5,
      translations: { pl_PL: { name: 'Kubek', active: '1' } },
      stock: { stock_id: 9, price: '49.99', active: '1', stock: '3' },
    });
    expect(product.stock).toMatchObject({ active: true, price: 49.99, stock: 3 });
    expect(plName(product.translations)).toBe('Kubek');
    expect(
      productSchema.parse({ product_id: 5, translations: [], stock: { stock_id: 9 } }).translations,
    ).toEqual({});
  });

  it('prices a variant by its price_type', () => {
    expect(stockUnitPrice(100, { price: 20, price_type: 2 })).toBe(120);
    expect(stockUnitPrice(100, { price: 20, price_type: 3 })).toBe(80);
    expect(stockUnitPrice(100, { price: 20, price_type: 0 })).toBe(100);
    expect(stockUnitPrice(100, { price: 90, price_type: 1 })).toBe(90);
  });

  it('requires the OrderInsert fields the SDK requires', () => {
    const complete = {
      email: 'x@example.invalid',
      status_id: 1,
      payment_id: 2,
      shipping_id: 3,
      shipping_tax_id: 1,
    };
    expect(orderInsertSchema.safeParse(complete).success).toBe(true);
    for (const key of Object.keys(complete)) {
      const partial: Record<string, unknown> = { ...complete };
      delete partial[key];
      expect(orderInsertSchema.safeParse(partial).success, key).toBe(false);
    }
    expect(
      orderInsertSchema.safeParse({ ...complete, pickup_point_data: { point: 'KRA01M', supplier: 'NOPE' } })
        .success,
    ).toBe(false);
  });

  it('takes a catalogue order line, refuses a free line without name, price and tax', () => {
    expect(orderProductInsertSchema.safeParse({ order_id: 1, quantity: 2, stock_id: 9 }).success).toBe(true);
    expect(orderProductInsertSchema.safeParse({ order_id: 1, quantity: 2 }).success).toBe(false);
    expect(orderProductInsertSchema.safeParse({ order_id: 'x', quantity: 2, stock_id: 9 }).success).toBe(
      false,
    );
    expect(
      orderProductInsertSchema.safeParse({ order_id: 1, quantity: 1, name: 'A', price: 1, tax_value: 23 })
        .success,
    ).toBe(true);
  });

  it('limits a bulk request to 25 operations and reads its answer', () => {
    const op = { id: 'a', method: 'POST', path: '/webapi/rest/order-products', body: {} };
    expect(bulkRequestSchema.safeParse(Array.from({ length: 25 }, () => op)).success).toBe(true);
    expect(bulkRequestSchema.safeParse(Array.from({ length: 26 }, () => op)).success).toBe(false);
    expect(bulkRequestSchema.safeParse([{ ...op, method: 'FETCH' }]).success).toBe(false);
    const answer = bulkAnswerSchema.parse({ errors: false, items: [{ id: 'a', code: '201', body: 12 }] });
    expect(answer.items[0]?.code).toBe(201);
  });
});
