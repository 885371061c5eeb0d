import { readFileSync } from 'node:fs';
import { KasaError, money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { parseWooCommerceConfig } from './config.ts';
import { decodeEntities, META, toCart, toOrderView, toShippingOptions, vatRateOf } from './map.ts';
import { restMoney, storeMoney } from './money.ts';
import { parseAnswer, restOrderSchema, storeCartSchema, storeCheckoutSchema } from './schemas.ts';

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

const config = parseWooCommerceConfig({
  url: 'https://sklep.example.pl',
  consumerKey: `ck_${'a'.repeat(40)}`,
  consumerSecret: `cs_${'b'.repeat(40)}`,
  webhookSecret: 'webhook-secret',
});

function errorOf(run: () => unknown): KasaError {
  try {
    run();
  } catch (error) {
    if (error instanceof KasaError) return error;
    throw error;
  }
  throw new Error('expected a KasaError');
}

describe('money at the seam', () => {
  it('converts Store API minor-unit strings, also from a shop that shows fewer decimals', () => {
    expect(storeMoney('1299', 'PLN', 2)).toEqual(money(1299));
    expect(storeMoney('13', 'PLN', 0)).toEqual(money(1300));
    expect(() => storeMoney('12990', 'PLN', 3)).toThrow(RangeError);
    expect(() => storeMoney('12.99', 'PLN', 2)).toThrow(RangeError);
  });

  it('converts REST v3 decimal strings', () => {
    expect(restMoney('29.35', 'PLN')).toEqual(money(2935));
    expect(restMoney('10', 'PLN')).toEqual(money(1000));
  });
});

describe('documented Store API examples', () => {
  it('parses the cart example into a core cart: gross lines, the tax rate, subtotal', () => {
    const parsed = parseAnswer(storeCartSchema, fixture('store-api/store-cart.response.json'), 'getCart');
    const cart = toCart('ref', parsed, 'getCart');
    expect(cart.currency).toBe('USD');
    expect(
      cart.lines.map((l) => [l.productId, l.sku, l.unitPrice.amount, l.total.amount, l.vatRate]),
    ).toEqual([
      ['38', 'Woo-beanie-logo', 1980, 1980, 10],
      ['22', 'woo-belt', 6050, 6050, 10],
    ]);
    expect(cart.subtotal).toEqual(money(8030, 'USD'));
  });

  it('maps the example rates: flat rate and free shipping as courier, local pickup as pickup', () => {
    const parsed = parseAnswer(storeCartSchema, fixture('store-api/store-cart.response.json'), 'quote');
    expect(toShippingOptions(parsed, config, 'quote').map((o) => [o.id, o.kind, o.price.amount])).toEqual([
      ['flat_rate:10', 'courier', 1430],
      ['free_shipping:12', 'courier', 0],
      ['local_pickup:13', 'pickup', 0],
    ]);
  });

  it('parses the checkout example, which predates order_number and the extension echo', () => {
    const parsed = parseAnswer(
      storeCheckoutSchema,
      fixture('store-api/store-checkout-POST.response.json'),
      'checkout',
    );
    expect(parsed.order_id).toBe(146);
    expect(parsed.order_number).toBeUndefined();
  });

  it('names the field when a documented field changes type', () => {
    const cart = fixture('store-api/store-cart.response.json') as { totals: Record<string, unknown> };
    cart.totals.total_price = 82.56;
    const error = errorOf(() => parseAnswer(storeCartSchema, cart, 'getCart: GET /cart'));
    expect(error.code).toBe('platform_response_invalid');
    expect(error.details).toMatchObject({ operation: 'getCart: GET /cart', field: 'totals.total_price' });
  });
});

describe('documented REST v3 examples', () => {
  it('reads the order example back as an order view', () => {
    const order = parseAnswer(
      restOrderSchema,
      fixture('rest-v3/orders-retrieve-an-order.response.json'),
      'getOrder',
    );
    const view = toOrderView(
      { ...order, meta_data: [...order.meta_data, { key: META.locker, value: 'KRA010' }] },
      'chk_1',
      config,
      'getOrder',
    );
    expect(view).toEqual({
      id: '727',
      number: '727',
      checkoutId: 'chk_1',
      total: money(2935, 'USD'),
      status: 'paid',
      pickupPointId: 'KRA010',
    });
  });

  it('parses every order of the list example', () => {
    const list = fixture('rest-v3/orders-list-all-orders.response.json') as unknown[];
    for (const order of list) expect(restOrderSchema.safeParse(order).error).toBeUndefined();
  });
});

describe('small conversions', () => {
  it('snaps a VAT rate blurred by rounding to the Polish rate', () => {
    expect(vatRateOf(money(81), money(19))).toBe(23);
    expect(vatRateOf(money(1194), money(96))).toBe(8);
    expect(vatRateOf(money(0), money(0))).toBe(0);
  });

  it('decodes the HTML entities WooCommerce puts in names', () => {
    expect(decodeEntities('Kawa &ndash; 250&nbsp;g &#8222;Yirga&#x201D; &amp; co')).toBe(
      'Kawa – 250\u00a0g „Yirga” & co',
    );
  });
});
