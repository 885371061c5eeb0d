import {
  cashOnDelivery,
  inpostLocker,
  orderInput,
  polishAddress,
  polishCompany,
} from '@kasa/adapter-testing';
import { type Cart, money, type ShippingOption } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { orderInsertSchema, orderProductInsertSchema } from '../rest/schemas.ts';
import { checkoutIdOf, lineBody, orderInsertBody } from './body.ts';
import { missingLines } from './lines.ts';

const cart: Cart = {
  ref: 'shoper1.x',
  currency: 'PLN',
  lines: [
    {
      id: '11',
      productId: '11',
      sku: 'KAWA',
      name: 'Kawa',
      quantity: 2,
      unitPrice: money(4990),
      total: money(9980),
      vatRate: 23,
    },
    {
      id: '12-202',
      productId: '12-202',
      name: 'Kawa mielona',
      quantity: 1,
      unitPrice: money(5690),
      total: money(5690),
      vatRate: 23,
    },
  ],
  subtotal: money(15670),
};
const locker: ShippingOption = {
  id: '1',
  carrier: 'inpost',
  kind: 'locker',
  name: 'Paczkomat',
  price: money(1299),
  eta: { minDays: 1, maxDays: 2 },
  pickupCarrier: 'inpost',
};
const courier: ShippingOption = { ...locker, id: '2', kind: 'courier', carrier: 'dpd' };
const ids = { statuses: { unpaid: 6, paid: 3, cancelled: 5 }, taxRates: new Map([[1, 23]]), plnId: 1 };

describe('the order Kasa sends', () => {
  it('carries the shop ids, costs, checkout note, NIP and the InPost point for a locker', () => {
    const input = orderInput(cart, [locker]);
    const body = orderInsertBody(input, ids, { prepaid: 3, cod: 2 }, 1);
    expect(orderInsertSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      status_id: 6,
      payment_id: 3,
      shipping_id: 1,
      shipping_tax_id: 1,
      shipping_cost: 12.99,
      origin: 4,
      currency_id: 1,
      pickup_point: inpostLocker.id,
      pickup_point_data: {
        point: inpostLocker.id,
        supplier: 'INPOST',
        postal_code: '31-133',
        city: 'Kraków',
      },
      billing_address: {
        company: polishCompany.name,
        tax_identification_number: polishCompany.nip,
        country_code: 'PL',
      },
    });
    expect(checkoutIdOf(body.notes_priv)).toBe(input.checkoutId);
  });

  it('pays cash on delivery with the cod method and sends a courier to the address', () => {
    const input = orderInput(cart, [courier], {
      shipping: courier,
      paymentMethod: cashOnDelivery,
      company: undefined,
    });
    const body = orderInsertBody(input, ids, { prepaid: 3, cod: 2 }, 1);
    expect(body.payment_id).toBe(2);
    expect(body.pickup_point).toBeUndefined();
    expect(body.delivery_address).toMatchObject({
      street1: 'ul. Floriańska 15/4',
      postcode: polishAddress.postcode,
    });
  });

  it('sends a product’s own stock by product_id and a variant by stock_id, with Kasa’s price', () => {
    expect(lineBody(1001, cart.lines[0] as Cart['lines'][number])).toMatchObject({
      order_id: 1001,
      product_id: 11,
      quantity: 2,
      price: 49.9,
    });
    const variant = lineBody(1001, cart.lines[1] as Cart['lines'][number]);
    expect(variant).toMatchObject({ stock_id: 202, price: 56.9 });
    expect(variant.product_id).toBeUndefined();
    expect(orderProductInsertSchema.safeParse(variant).success).toBe(true);
  });

  it('finds which lines an order still lacks, each stored line counted once', () => {
    const stored = [{ id: 1, order_id: 1001, product_id: 12, stock_id: 202, quantity: 1 }];
    expect(missingLines(cart.lines, stored).map((l) => l.productId)).toEqual(['11']);
    const both = [...stored, { id: 2, order_id: 1001, product_id: 11, stock_id: 101, quantity: 2 }];
    expect(missingLines(cart.lines, both)).toEqual([]);
    // A variant line of product 12 is not the product's own stock.
    const own = { ...cart.lines[0], productId: '12' } as Cart['lines'][number];
    expect(
      missingLines([own, cart.lines[1] as Cart['lines'][number]], stored).map((l) => l.productId),
    ).toEqual(['12']);
  });
});
