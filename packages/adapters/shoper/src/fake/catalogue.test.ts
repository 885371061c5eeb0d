import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBasketRef } from '../basket-ref-parse.ts';
import {
  currencySchema,
  listEnvelope,
  paymentSchema,
  plName,
  productSchema,
  productStockSchema,
  shippingSchema,
  statusSchema,
  stockUnitPrice,
  taxSchema,
  webhookSchema,
} from '../rest/schemas.ts';
import { call, tokenOf } from './client.ts';
import { createShoperFake } from './index.ts';
import type { ShoperFake } from './types.ts';

let fake: ShoperFake;
let token: string;
beforeAll(async () => {
  fake = await createShoperFake({ bucket: { limit: 1000, bandwidth: 100 } });
  token = await tokenOf(fake);
});
afterAll(() => fake.close());

const list = async <T extends Parameters<typeof listEnvelope>[0]>(path: string, item: T) => {
  const answer = await call(fake, 'GET', path, { token });
  expect(answer.status).toBe(200);
  return listEnvelope(item).parse(answer.body);
};
const q = (params: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(params).map(
      ([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string],
    ),
  ).toString();

describe('the Shoper fake: catalogue lists', () => {
  it('lists products in the envelope the schemas read, with Polish names and a string count', async () => {
    const raw = await call(fake, 'GET', `products?${q({ limit: '50' })}`, { token });
    expect(typeof (raw.body as { count: unknown }).count).toBe('string');
    const products = listEnvelope(productSchema).parse(raw.body);
    expect(products.count).toBe(10);
    expect(products.list.map((p) => plName(p.translations))).toContain('Kubek ceramiczny 350 ml');
  });

  it('pages with limit and page, and refuses a limit over 50', async () => {
    const first = await list(`products?${q({ limit: '4' })}`, productSchema);
    const third = await list(`products?${q({ limit: '4', page: '3' })}`, productSchema);
    expect([first.pages, first.page, third.page, third.list.length]).toEqual([3, 1, 3, 2]);
    expect((await call(fake, 'GET', `products?${q({ limit: '51' })}`, { token })).status).toBe(400);
  });

  it('reads several products and stocks in one call with the in filter', async () => {
    const products = await list(
      `products?${q({ filters: { product_id: { in: [11, 12, 99] } } })}`,
      productSchema,
    );
    expect(products.list.map((p) => p.product_id)).toEqual([11, 12]);
    const variants = await list(
      `product-stocks?${q({ filters: { product_id: 12, extended: 1 } })}`,
      productStockSchema,
    );
    expect(variants.list.map((s) => s.stock_id)).toEqual([201, 202]);
  });

  it('prices the ground coffee variant on top of its product, as the basket ref shows it', async () => {
    const [product] = (await list(`products?${q({ filters: { product_id: 12 } })}`, productSchema)).list;
    const variant = productStockSchema.parse((await call(fake, 'GET', 'product-stocks/202', { token })).body);
    expect(product?.options).toEqual([201, 202]);
    expect(stockUnitPrice(product?.stock.price ?? 0, variant)).toBeCloseTo(56.9);
    const basket = parseBasketRef(await fake.createCart([{ productId: '12-202', quantity: 2 }]));
    expect(basket.lines).toEqual([{ productId: 12, stockId: 202, quantity: 2, shownUnitPrice: 5690 }]);
  });

  it('serves shippings with an InPost locker engine, payments incl. Kasa and COD, statuses of all four types', async () => {
    const shippings = await list(`shippings?${q({ filters: { active: 1 } })}`, shippingSchema);
    expect(shippings.list.map((s) => [s.shipping_id, s.engine, s.cost])).toEqual([
      [1, 'paczkomaty', 12.99],
      [2, null, 16.99],
      [3, 'personal', 0],
    ]);
    expect(shippings.list[1]?.free_shipping).toBe(250);
    const payments = await list('payments', paymentSchema);
    expect(payments.list.map((p) => plName(p.translations))).toEqual([
      'Przelew tradycyjny',
      'Płatność przy odbiorze',
      'Kasa (BLIK, przelew)',
    ]);
    const statuses = await list('statuses', statusSchema);
    expect(new Set(statuses.list.map((s) => s.type))).toEqual(new Set([1, 2, 3, 4]));
    const cancelled = await list(`statuses?${q({ filters: { type: 4 } })}`, statusSchema);
    expect(plName(cancelled.list[0]?.translations)).toBe('Anulowane');
  });

  it('serves taxes, currencies and the registered webhooks', async () => {
    expect((await list('taxes', taxSchema)).list.map((t) => t.value)).toEqual([23, 8, 5, 0]);
    const currencies = await list('currencies', currencySchema);
    expect(currencies.list.find((c) => c.default)?.name).toBe('PLN');
    fake.shop.registerWebhook({ url: 'http://127.0.0.1:9/kasa', events: ['order.paid'] });
    const hooks = await list('webhooks', webhookSchema);
    // The merchant's webhook to Kasa is there from the start; the one registered here comes second.
    expect(hooks.list).toMatchObject([
      { webhook_id: 1, url: 'https://kasa.example.pl/api/webhooks/shoper', format: 0 },
      { webhook_id: 2, url: 'http://127.0.0.1:9/kasa', events: ['order.paid'], format: 0 },
    ]);
  });

  it('answers 404 for an unknown id or resource, 400 for filters that are not JSON', async () => {
    expect((await call(fake, 'GET', 'products/999', { token })).status).toBe(404);
    expect((await call(fake, 'GET', 'carts', { token })).status).toBe(404);
    expect(
      (await call(fake, 'GET', `products?filters=${encodeURIComponent('{bad')}`, { token })).status,
    ).toBe(400);
  });

  it('changes a price for tests: REST shows the new one, an earlier basket keeps the old one', async () => {
    const ref = await fake.createCart([{ productId: '17', quantity: 1 }]);
    fake.shop.setPrice('17', 4200);
    const mug = productSchema.parse((await call(fake, 'GET', 'products/17', { token })).body);
    expect(mug.stock.price).toBe(42);
    expect(parseBasketRef(ref).lines[0]?.shownUnitPrice).toBe(3900);
    fake.shop.setStock('17', { active: false, quantity: 0 });
    const inactive = productSchema.parse((await call(fake, 'GET', 'products/17', { token })).body);
    expect([inactive.stock.active, inactive.stock.stock]).toEqual([false, 0]);
  });
});
