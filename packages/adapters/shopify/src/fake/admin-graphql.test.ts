import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeShopifyAdmin } from './admin-graphql.ts';

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test-fixtures/admin-graphql/${name}`, import.meta.url), 'utf8'));
const mutation = readFileSync(
  new URL('../../test-fixtures/admin-graphql/orderCreate.mutation.graphql', import.meta.url),
  'utf8',
);

/** The documented mutation, named as Kasa names it so the fake knows the operation. */
const asKasa = mutation.replace('mutation orderCreate(', 'mutation KasaOrderCreate(');

function fakeWithDocVariant() {
  const admin = createFakeShopifyAdmin({
    variants: [
      { id: 'gid://shopify/ProductVariant/43729076', priceMinor: 1000, title: 'Doc variant', sku: 'DOC' },
    ],
  });
  const post = (body: unknown, token = admin.adminAccessToken, version = '2025-10') =>
    admin.handle({
      method: 'POST',
      url: new URL(`http://127.0.0.1/admin/api/${version}/graphql.json`),
      headers: { 'x-shopify-access-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { admin, post };
}

describe('the fake Admin GraphQL API, against the documented orderCreate samples', () => {
  it('answers the paid upsert-customer example with the documented shape', () => {
    const { post } = fakeWithDocVariant();
    const answer = post({
      query: asKasa,
      variables: sample('orderCreate.paid-upsert-customer.variables.json'),
    });
    const documented = sample('orderCreate.paid-upsert-customer.response.json') as {
      orderCreate: { order: Record<string, unknown> };
    };
    const body = answer.body as { data: typeof documented; extensions: { cost: Record<string, unknown> } };
    expect(answer.status).toBe(200);
    expect(answer.headers?.['content-type']).toBe('application/json');
    expect(body.data.orderCreate.order).toMatchObject({
      displayFinancialStatus: documented.orderCreate.order.displayFinancialStatus,
      customer: documented.orderCreate.order.customer,
      id: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/),
    });
    expect(body.data.orderCreate).toMatchObject({ userErrors: [] });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: 10,
      throttleStatus: { maximumAvailable: 1000, restoreRate: 50 },
    });
  });

  it('takes the comprehensive example: custom line items and a SALE transaction make a paid order', () => {
    const { admin, post } = fakeWithDocVariant();
    post({ query: asKasa, variables: sample('orderCreate.comprehensive.variables.json') });
    const [order] = admin.orders();
    expect(order?.displayFinancialStatus).toBe('PAID');
    expect(order?.transactions).toMatchObject([{ kind: 'SALE', status: 'SUCCESS' }]);
    expect(order?.totalPriceSet.shopMoney).toEqual({ amount: '224.97', currencyCode: 'EUR' });
  });

  it('answers a variant it does not have with userErrors, and creates nothing', () => {
    const { admin, post } = fakeWithDocVariant();
    const variables = {
      order: { lineItems: [{ variantId: 'gid://shopify/ProductVariant/1', quantity: 1 }] },
    };
    const body = post({ query: asKasa, variables }).body as {
      data: { orderCreate: { userErrors: unknown[] } };
    };
    expect(body.data.orderCreate.userErrors).toEqual([
      { field: ['order', 'lineItems', '0', 'variantId'], message: 'Variant does not exist' },
    ]);
    expect(admin.orders()).toHaveLength(0);
  });

  it('answers THROTTLED with HTTP 200 and a null actual cost when the bucket lacks the points', () => {
    const { admin, post } = fakeWithDocVariant();
    admin.bucket.drain(3);
    const answer = post({
      query: asKasa,
      variables: sample('orderCreate.paid-upsert-customer.variables.json'),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      extensions: {
        cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { currentlyAvailable: 3 } },
      },
    });
    expect(admin.orders()).toHaveLength(0);
  });

  it('refuses a wrong access token with 401 and answers an unserved version in the oldest served one', () => {
    const { post } = fakeWithDocVariant();
    expect(post({ query: 'query KasaDoctor { shop { name } }' }, 'shpat_wrong').status).toBe(401);
    const old = post({ query: 'query KasaDoctor { shop { name } }' }, undefined, '2023-01');
    expect(old.headers?.['x-shopify-api-version']).toBe('2024-10');
  });
});
