import { readFileSync } from 'node:fs';
import { orderInput } from '@kasa/adapter-testing';
import { type Cart, money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { orderCreateVariables, orderViewOf, parseOrder } from './orders.ts';

const sample = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test-fixtures/admin-graphql/${name}`, import.meta.url), 'utf8'));

/** The keys of an object, nested, as dotted paths (arrays by their first element). */
function pathsOf(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return pathsOf(value[0], `${prefix}[]`);
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, prefix ? `${prefix}.${key}` : key));
}

const cart: Cart = {
  ref: 'gid://shopify/Cart/c1?key=k',
  currency: 'PLN',
  lines: [
    {
      id: 'gid://shopify/CartLine/1',
      productId: '45001',
      name: 'Kawa',
      quantity: 2,
      unitPrice: money(4990),
      total: money(9980),
      vatRate: 23,
    },
  ],
  subtotal: money(9980),
};
const locker = {
  id: 'inpost',
  carrier: 'inpost',
  kind: 'locker' as const,
  name: 'InPost Paczkomat 24/7',
  price: money(1299),
  eta: { minDays: 1, maxDays: 2 },
};

describe("Kasa's orderCreate input has the shapes of Shopify's documented examples", () => {
  const ours = orderCreateVariables(orderInput(cart, [locker]));
  const has = (paths: string[], documented: string[]) =>
    expect(paths).toEqual(expect.arrayContaining(documented.filter((p) => !p.includes('toAssociate'))));

  it('the guest customer upserted by e-mail, as in the paid upsert-customer example', () => {
    const documented = sample('orderCreate.paid-upsert-customer.variables.json');
    has(pathsOf(ours.order.customer), pathsOf(documented.order.customer));
    expect(ours.order.lineItems[0]).toMatchObject({
      variantId: 'gid://shopify/ProductVariant/45001',
      quantity: 2,
    });
  });

  it('line prices as shopMoney amounts, as in the comprehensive example', () => {
    const documented = sample('orderCreate.comprehensive.variables.json');
    has(pathsOf(ours.order.lineItems[0]?.priceSet), pathsOf(documented.order.lineItems[0].priceSet));
    expect(ours.order.lineItems[0]?.priceSet).toEqual({
      shopMoney: { amount: '49.90', currencyCode: 'PLN' },
    });
  });

  it('a shipping and a billing address with the documented fields, and a PENDING order', () => {
    const documented = sample('orderCreate.pending-existing-customer.variables.json');
    has(
      pathsOf(ours.order.shippingAddress),
      pathsOf(documented.order.shippingAddress).filter((p) => p !== 'provinceCode'),
    );
    has(
      pathsOf(ours.order.billingAddress),
      pathsOf(documented.order.billingAddress).filter((p) => p !== 'provinceCode'),
    );
    expect(ours.order.financialStatus).toBe(documented.order.financialStatus);
  });

  it('reads the documented order id back as Kasa’s number, and an order without Kasa’s checkout id as not Kasa’s', () => {
    const order = parseOrder(
      {
        id: sample('orderCreate.paid-upsert-customer.response.json').orderCreate.order.id,
        name: '#1001',
        createdAt: '2026-12-05T02:00:00Z',
        tags: [],
        cancelledAt: null,
        displayFinancialStatus: 'PAID',
        customAttributes: [],
        totalPriceSet: { shopMoney: { amount: '10.00', currencyCode: 'PLN' } },
      },
      'test',
    );
    expect(orderViewOf(order)).toBeUndefined();
    expect(
      orderViewOf({ ...order, customAttributes: [{ key: 'kasa_checkout_id', value: 'chk_1' }] }),
    ).toMatchObject({
      id: '1073459972',
      number: '1001',
      status: 'paid',
      checkoutId: 'chk_1',
    });
  });
});
