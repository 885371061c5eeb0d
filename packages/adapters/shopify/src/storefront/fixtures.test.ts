import { readFileSync } from 'node:fs';
import { fromDecimalString, money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { toCartView } from './map.ts';
import { moneyV2Schema, storefrontCartSchema } from './schemas.ts';

const read = (name: string) =>
  readFileSync(new URL(`../../test-fixtures/storefront/${name}`, import.meta.url), 'utf8');
const json = (name: string) =>
  JSON.parse(read(name)) as { data: Record<string, { cart?: unknown } & Record<string, unknown>> };

type Cost = Record<string, { amount: unknown; currencyCode: string }>;
const costOf = (name: string, root: string): Cost => {
  const data = json(name).data[root] as { cart?: { cost: Cost }; cost?: Cost };
  return (data.cart?.cost ?? data.cost) as Cost;
};
const cents = (value: unknown) => fromDecimalString(String(value), 'CAD').amount;

/** The cost fields the doc's cartCreate mutation asks for. */
function askedCostFields(graphql: string): string[] {
  const block = /cost\s*\{([\s\S]*?)\n\s{6}\}/.exec(graphql.replace(/#[^\n]*/g, ''))?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s*\{/gm)].map((m) => m[1] ?? '');
}

describe('Storefront doc examples as stored (original/)', () => {
  it('answer cost fields other than the ones the mutation asks for', () => {
    const asked = askedCostFields(read('original/cartCreate.mutation.graphql.txt'));
    expect(asked).toEqual(['totalAmount', 'subtotalAmount', 'totalTaxAmount', 'totalDutyAmount']);
    expect(Object.keys(costOf('original/cartCreate.response.json', 'cartCreate'))).not.toEqual(asked);
  });

  it('give amounts as numbers, which Shopify’s Decimal never is', () => {
    const amount = costOf('original/cart.query.response.json', 'cart').total;
    expect(moneyV2Schema.safeParse(amount).success).toBe(false);
  });

  it('have a total that is not subtotal + tax + duty', () => {
    const c = costOf('original/cartCreate.response.json', 'cartCreate');
    expect(cents(c.total?.amount)).not.toBe(
      cents(c.subtotal?.amount) + cents(c.totalTax?.amount) + cents(c.totalDuty?.amount),
    );
  });

  it('use the deprecated buyerIdentity.deliveryAddressPreferences', () => {
    expect(read('original/cartCreate.mutation.graphql.txt')).toContain('deliveryAddressPreferences');
    expect(read('original/cart.query.response.json')).toContain('deliveryAddressPreferences');
  });
});

describe('Storefront doc examples, fixed', () => {
  for (const [file, root] of [
    ['cartCreate.response.json', 'cartCreate'],
    ['cart.query.response.json', 'cart'],
    ['cartLinesUpdate.response.json', 'cartLinesUpdate'],
  ] as const) {
    it(`${file}: answers the asked cost fields as Decimal strings that add up`, () => {
      const c = costOf(file, root);
      expect(Object.keys(c).sort()).toEqual(askedCostFields(read('cartCreate.mutation.graphql')).sort());
      for (const value of Object.values(c)) expect(moneyV2Schema.safeParse(value).success).toBe(true);
      expect(cents(c.totalAmount?.amount)).toBe(
        cents(c.subtotalAmount?.amount) + cents(c.totalTaxAmount?.amount) + cents(c.totalDutyAmount?.amount),
      );
    });
  }

  it('no longer use deliveryAddressPreferences; the address is among the cart’s delivery addresses', () => {
    for (const file of [
      'cartCreate.mutation.graphql',
      'cartCreate.response.json',
      'cart.query.response.json',
    ]) {
      expect(read(file)).not.toContain('deliveryAddressPreferences');
    }
    const cart = json('cart.query.response.json').data.cart as {
      delivery: { addresses: { selected: boolean }[] };
    };
    expect(cart.delivery.addresses.filter((a) => a.selected)).toHaveLength(1);
  });

  it('answer pickupHandle as the list the schema declares', () => {
    const identity = json('cartBuyerIdentityUpdate.response.json').data.cartBuyerIdentityUpdate as {
      cart: { buyerIdentity: { preferences: { delivery: { pickupHandle: unknown } } } };
    };
    expect(identity.cart.buyerIdentity.preferences.delivery.pickupHandle).toEqual(['93893525526']);
  });
});

describe('Kasa’s cart query answer (constructed from the fake)', () => {
  it('parses and maps to Kasa’s Cart with the locker selected and Kasa’s attributes', () => {
    const cart = storefrontCartSchema.parse(json('kasa-cart.CONSTRUCTED.response.json').data.cart);
    const view = toCartView(cart);
    expect(view.cart.subtotal).toEqual(money(2 * 4990 + 3900));
    expect(view.cart.lines.map((l) => l.sku)).toEqual(['KAWA-ETI-250', 'KUBEK-350']);
    expect(view.deliveryOptions.find((o) => o.selected)?.title).toBe('InPost Paczkomat 24/7');
    expect(view.total).toEqual(money(2 * 4990 + 3900 + 1299));
    expect(view.attributes).toEqual({ kasa_checkout_id: 'chk_fixture', inpost_point: 'KRA010' });
    expect(view.weightGrams).toBe(2 * 270 + 400);
  });
});
