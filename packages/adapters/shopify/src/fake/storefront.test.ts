import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStorefront, startFakeStorefront } from './storefront.ts';

let fake: FakeStorefront;
beforeAll(async () => {
  fake = await startFakeStorefront();
});
afterAll(() => fake.close());

const CART_QUERY = 'query C($id: ID!) { cart(id: $id) { id } }';

async function post(body: unknown, headers: Record<string, string> = {}, path = '/api/2026-04/graphql.json') {
  const response = await fetch(fake.url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'shopify-storefront-private-token': fake.storefrontAccessToken,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    json: (await response.json()) as any,
  };
}

const mutate = (field: string, variables: Record<string, unknown>) =>
  post({
    query: `mutation M { ${field}(x: $x) { cart { id } userErrors { code field message } } }`,
    variables,
  });

describe('Storefront fake over HTTP', () => {
  it('answers application/json at /api/{version}/graphql.json and 404 elsewhere', async () => {
    const ok = await post({ query: CART_QUERY, variables: { id: 'nope' } });
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^application\/json/);
    expect(ok.json).toEqual({ data: { cart: null } });
    expect((await post({ query: CART_QUERY }, {}, '/admin/api/2026-04/graphql.json')).status).toBe(404);
  });

  it('refuses a request without the private Storefront token', async () => {
    const answer = await post({ query: CART_QUERY }, { 'shopify-storefront-private-token': 'wrong' });
    expect(answer.status).toBe(401);
    expect(answer.json.errors[0].extensions.code).toBe('UNAUTHORIZED');
  });

  it('answers an unknown root field with a GraphQL error, not data', async () => {
    const answer = await post({ query: 'query { products(first: 1) { nodes { id } } }' });
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors[0].message).toContain("'products'");
  });

  it('removes a line updated to quantity 0 and refuses an unknown line', async () => {
    const id = fake.createCart();
    const lineIds = fake.carts.get(id)?.lines.map((l) => l.id) ?? [];
    const removed = await mutate('cartLinesUpdate', { cartId: id, lines: [{ id: lineIds[0], quantity: 0 }] });
    expect(removed.json.data.cartLinesUpdate.userErrors).toEqual([]);
    expect(fake.carts.get(id)?.lines.map((l) => l.id)).toEqual([lineIds[1]]);
    const unknown = await mutate('cartLinesUpdate', {
      cartId: id,
      lines: [{ id: 'gid://shopify/CartLine/0', quantity: 1 }],
    });
    expect(unknown.json.data.cartLinesUpdate).toMatchObject({
      cart: null,
      userErrors: [{ code: 'INVALID_MERCHANDISE_LINE', field: ['lines', '0', 'id'] }],
    });
  });

  it('refuses an unknown variant, a bad e-mail and a second selected address as Shopify does', async () => {
    const badVariant = await mutate('cartCreate', {
      input: { lines: [{ merchandiseId: 'gid://shopify/ProductVariant/1', quantity: 1 }] },
    });
    expect(badVariant.json.data.cartCreate.userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'lines', '0', 'merchandiseId'],
    });
    const id = fake.createCart();
    const email = await mutate('cartBuyerIdentityUpdate', {
      cartId: id,
      buyerIdentity: { email: 'not-an-email' },
    });
    expect(email.json.data.cartBuyerIdentityUpdate.userErrors[0].field).toEqual(['buyerIdentity', 'email']);
    const address = { deliveryAddress: { city: 'Kraków', zip: '31-001', countryCode: 'PL' } };
    await mutate('cartDeliveryAddressesAdd', { cartId: id, addresses: [{ selected: true, address }] });
    const second = await mutate('cartDeliveryAddressesAdd', {
      cartId: id,
      addresses: [{ selected: true, address }],
    });
    expect(second.json.data.cartDeliveryAddressesAdd.userErrors[0].code).toBe(
      'ONLY_ONE_DELIVERY_ADDRESS_CAN_BE_SELECTED',
    );
  });

  it('offers the locker and courier rates only for a selected address in Poland', async () => {
    const id = fake.createCart();
    const abroad = { deliveryAddress: { city: 'Berlin', zip: '10115', countryCode: 'DE' } };
    await mutate('cartDeliveryAddressesAdd', {
      cartId: id,
      addresses: [{ selected: true, address: abroad }],
    });
    const read = await post({ query: 'query C($id: ID!) { cart(id: $id) { id } }', variables: { id } });
    expect(read.json.data.cart.deliveryGroups.nodes).toEqual([]);

    const home = fake.createCart();
    const poland = { deliveryAddress: { city: 'Kraków', zip: '31-001', countryCode: 'PL' } };
    const added = await mutate('cartDeliveryAddressesAdd', {
      cartId: home,
      addresses: [{ selected: true, address: poland }],
    });
    const options = added.json.data.cartDeliveryAddressesAdd.cart.deliveryGroups.nodes[0].deliveryOptions;
    expect(options.map((o: { title: string }) => o.title)).toEqual(['InPost Paczkomat 24/7', 'Kurier DPD']);
    expect(options[0].estimatedCost).toEqual({ amount: '12.99', currencyCode: 'PLN' });
  });

  it('replaces the whole attribute set on cartAttributesUpdate', async () => {
    const id = fake.createCart();
    await mutate('cartAttributesUpdate', {
      cartId: id,
      attributes: [{ key: 'inpost_point', value: 'KRA010' }],
    });
    await mutate('cartAttributesUpdate', {
      cartId: id,
      attributes: [{ key: 'kasa_checkout_id', value: 'chk' }],
    });
    expect(fake.carts.get(id)?.attributes).toEqual([{ key: 'kasa_checkout_id', value: 'chk' }]);
  });

  it('a completed checkout has no cart any more and its order keeps the attributes', async () => {
    const id = fake.createCart([{ productId: 'ksiazka-kawa', quantity: 1 }]);
    await mutate('cartAttributesUpdate', {
      cartId: id,
      attributes: [{ key: 'kasa_checkout_id', value: 'chk_done' }],
    });
    const { order, webhook } = await fake.completeCheckout(id);
    expect(order.note_attributes).toEqual([{ name: 'kasa_checkout_id', value: 'chk_done' }]);
    expect(order.total_price).toBe('59.90');
    expect(webhook.headers['X-Shopify-Topic']).toBe('orders/create');
    expect((await post({ query: CART_QUERY, variables: { id } })).json.data.cart).toBeNull();
    const gone = await mutate('cartAttributesUpdate', { cartId: id, attributes: [] });
    expect(gone.json.data.cartAttributesUpdate.userErrors[0].field).toEqual(['cartId']);
  });

  it('cuts a quantity to the stock and drops an item out of stock, with Shopify’s warnings', async () => {
    const low = await startFakeStorefront({ stock: { 'kawa-etiopia-250': 2, 'kubek-350': 0 } });
    try {
      const answer = await fetch(`${low.url}/api/2026-04/graphql.json`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'shopify-storefront-private-token': low.storefrontAccessToken,
        },
        body: JSON.stringify({
          query: 'mutation M($input: CartInput!) { cartCreate(input: $input) { cart { id } } }',
          variables: {
            input: {
              lines: [
                { merchandiseId: 'gid://shopify/ProductVariant/45001', quantity: 5 },
                { merchandiseId: 'gid://shopify/ProductVariant/45004', quantity: 1 },
              ],
            },
          },
        }),
      });
      const payload = ((await answer.json()) as any).data.cartCreate;
      expect(payload.userErrors).toEqual([]);
      expect(payload.cart.lines.nodes.map((l: { quantity: number }) => l.quantity)).toEqual([2]);
      expect(payload.warnings).toEqual([
        expect.objectContaining({
          code: 'MERCHANDISE_NOT_ENOUGH_STOCK',
          target: payload.cart.lines.nodes[0].id,
        }),
        expect.objectContaining({
          code: 'MERCHANDISE_OUT_OF_STOCK',
          target: 'gid://shopify/ProductVariant/45004',
        }),
      ]);
    } finally {
      await low.close();
    }
  });
});
