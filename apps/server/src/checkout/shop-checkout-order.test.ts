import { checkoutEventSchema, shopifyCheckoutId } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { armsOf, shopCheckoutPurchase } from './shop-checkout-order.ts';

const context = { shopId: 'demo', now: 1_764_900_000_000 };

/** An orders/create body of Shopify's own checkout, with the cart block's attributes. */
const body = (overrides: Record<string, unknown> = {}) => ({
  id: 5001,
  checkout_token: 'c0ffee-token-1',
  currency: 'PLN',
  total_price: '92.79',
  total_tax: '17.35',
  total_shipping_price_set: { shop_money: { amount: '12.99', currency_code: 'PLN' } },
  email: 'anna@example.pl',
  note_attributes: [
    { name: 'kasa_visitor_id', value: 'vis_7Hq2' },
    { name: 'kasa_experiments', value: 'shopify-step:shopify-checkout' },
  ],
  line_items: [{ variant_id: 44012345678901, quantity: 2, price: '39.90', name: 'Sencha' }],
  ...overrides,
});

describe('the purchase of an order made straight by Shopify’s checkout, in an experiment arm', () => {
  it('is keyed by the pixel’s checkout id for the token, with the arm, the visitor and the order’s amounts', async () => {
    const event = await shopCheckoutPurchase(body(), context);
    expect(checkoutEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      id: 'purchase-5001',
      checkoutId: await shopifyCheckoutId('c0ffee-token-1'),
      visitorId: 'vis_7Hq2',
      experiments: { 'shopify-step': 'shopify-checkout' },
      name: 'purchase',
      params: {
        value: 9279,
        currency: 'PLN',
        transaction_id: '5001',
        shipping: 1299,
        tax: 1735,
        items: [{ item_id: '44012345678901', quantity: 2, price: 3990 }],
      },
    });
    expect(JSON.stringify(event)).not.toContain('anna@');
    expect(JSON.stringify(event)).not.toContain('c0ffee-token-1');
  });

  it('is the same event for orders/create and orders/paid of one order, so it is stored once', async () => {
    const created = await shopCheckoutPurchase(body(), context);
    const paid = await shopCheckoutPurchase(body({ financial_status: 'paid' }), {
      ...context,
      now: context.now + 9,
    });
    expect(paid?.id).toBe(created?.id);
    expect(paid?.checkoutId).toBe(created?.checkoutId);
  });

  it('is none for an order of a Kasa checkout, in no experiment, without a token or not an order', async () => {
    const kasa = body({
      note_attributes: [
        { name: 'kasa_checkout_id', value: 'chk_1' },
        { name: 'kasa_experiments', value: 'shopify-step:kasa-step' },
      ],
    });
    expect(await shopCheckoutPurchase(kasa, context)).toBeUndefined();
    expect(await shopCheckoutPurchase(body({ note_attributes: [] }), context)).toBeUndefined();
    const bogus = body({ note_attributes: [{ name: 'kasa_experiments', value: 'no pair here' }] });
    expect(await shopCheckoutPurchase(bogus, context)).toBeUndefined();
    expect(await shopCheckoutPurchase(body({ checkout_token: undefined }), context)).toBeUndefined();
    expect(await shopCheckoutPurchase({ id: 1 }, context)).toBeUndefined();
  });

  it('leaves out a visitor id that is no Kasa id', async () => {
    const odd = body({
      note_attributes: [
        { name: 'kasa_visitor_id', value: 'anna@example.pl' },
        { name: 'kasa_experiments', value: 'shopify-step:shopify-checkout' },
      ],
    });
    expect((await shopCheckoutPurchase(odd, context))?.visitorId).toBeUndefined();
  });
});

describe('armsOf', () => {
  it('reads experiment:variation pairs and drops the rest', () => {
    expect(armsOf('shopify-step:kasa-step, dostawa:courier-first,bad,__proto__:x')).toEqual({
      'shopify-step': 'kasa-step',
      dostawa: 'courier-first',
    });
    expect(armsOf(undefined)).toEqual({});
  });
});
