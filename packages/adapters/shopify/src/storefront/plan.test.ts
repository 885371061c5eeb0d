import { inpostLocker, polishContact } from '@kasa/adapter-testing';
import { type Cart, KasaError, money, type ShippingOption } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import type { ShopifyDeliveryOptionView } from './map.ts';
import {
  attributesFor,
  chooseDeliveryOption,
  experimentsAttribute,
  type ModeACheckout,
  planHandoff,
} from './plan.ts';

const cart: Cart = {
  ref: 'gid://shopify/Cart/hWN1?key=k',
  currency: 'PLN',
  lines: [
    {
      id: 'gid://shopify/CartLine/1',
      productId: 'gid://shopify/ProductVariant/45001',
      name: 'Kawa',
      quantity: 2,
      unitPrice: money(4990),
      total: money(9980),
      vatRate: 23,
    },
  ],
  subtotal: money(9980),
};
const locker: ShippingOption = {
  id: 'inpost-locker',
  carrier: 'inpost',
  kind: 'locker',
  name: 'InPost Paczkomat 24/7',
  price: money(1299),
  eta: { minDays: 1, maxDays: 2 },
};
const courier: ShippingOption = {
  ...locker,
  id: 'dpd',
  carrier: 'dpd',
  kind: 'courier',
  name: 'Kurier DPD',
  price: money(1699),
};
const lockerCheckout: ModeACheckout = {
  checkoutId: 'chk_1',
  cart,
  contact: polishContact,
  shipping: locker,
  pickupPoint: inpostLocker,
};

const options: ShopifyDeliveryOptionView[] = [
  {
    groupId: 'g1',
    handle: 'h-locker',
    title: 'InPost Paczkomat 24/7',
    code: 'InPost Paczkomat 24/7',
    methodType: 'SHIPPING',
    price: money(1299),
    selected: false,
  },
  {
    groupId: 'g1',
    handle: 'h-dpd',
    title: 'Kurier DPD',
    code: 'Kurier DPD',
    methodType: 'SHIPPING',
    price: money(1699),
    selected: false,
  },
];

describe('planHandoff (mode A)', () => {
  it('creates the cart with the lines, buyer identity and attributes, then the address, then the option', () => {
    const plan = planHandoff(lockerCheckout);
    expect(plan.map((s) => s.op)).toEqual([
      'cartCreate',
      'cartDeliveryAddressesAdd',
      'cartSelectedDeliveryOptionsUpdate',
    ]);
    const create = plan[0];
    if (create?.op !== 'cartCreate') throw new Error('first step is not cartCreate');
    expect(create.input.lines).toEqual([
      { merchandiseId: 'gid://shopify/ProductVariant/45001', quantity: 2 },
    ]);
    expect(create.input.buyerIdentity).toEqual({
      email: polishContact.email,
      phone: '+48512345678',
      countryCode: 'PL',
    });
    expect(create.input.attributes).toEqual([
      { key: 'kasa_checkout_id', value: 'chk_1' },
      { key: 'inpost_point', value: 'KRA010' },
    ]);
  });

  it('sends a locker’s address (with the inpostLocker id) for a locker, the shopper’s for a courier', () => {
    const lockerStep = planHandoff(lockerCheckout)[1];
    if (lockerStep?.op !== 'cartDeliveryAddressesAdd') throw new Error('second step is not the address');
    expect(lockerStep.addresses[0]).toMatchObject({
      selected: true,
      oneTimeUse: true,
      address: {
        deliveryAddress: {
          address1: `${inpostLocker.address.street} ${inpostLocker.address.buildingNumber}`,
          address2: 'Paczkomat KRA010',
          zip: inpostLocker.address.postcode,
          city: 'Kraków',
          countryCode: 'PL',
        },
      },
    });
    const courierPlan = planHandoff({
      checkoutId: 'chk_2',
      cart,
      contact: polishContact,
      shipping: courier,
      address: {
        street: 'Długa',
        buildingNumber: '5',
        flatNumber: '12',
        postcode: '00-950',
        city: 'Warszawa',
        country: 'PL',
      },
    });
    const courierStep = courierPlan[1];
    if (courierStep?.op !== 'cartDeliveryAddressesAdd') throw new Error('second step is not the address');
    expect(courierStep.addresses[0]?.address.deliveryAddress).toMatchObject({
      address1: 'Długa 5/12',
      zip: '00-950',
      firstName: polishContact.firstName,
      lastName: polishContact.lastName,
    });
    const create = courierPlan[0];
    if (create?.op !== 'cartCreate') throw new Error('first step is not cartCreate');
    expect(create.input.attributes.map((a) => a.key)).toEqual(['kasa_checkout_id']);
  });

  it('refuses a locker without a inpostLocker, a courier without an address and an empty cart', () => {
    const { pickupPoint: _point, ...noPoint } = lockerCheckout;
    expect(() => planHandoff(noPoint)).toThrow(expect.objectContaining({ code: 'pickup_point_required' }));
    expect(() => planHandoff({ ...noPoint, shipping: courier })).toThrow(
      expect.objectContaining({ code: 'address_required' }),
    );
    expect(() => planHandoff({ ...lockerCheckout, cart: { ...cart, lines: [] } })).toThrow(
      expect.objectContaining({ code: 'cart_empty' }),
    );
  });
});

describe('attributesFor', () => {
  it('keeps the shopper cart’s attributes, Kasa’s values winning, and drops a stale locker for a courier', () => {
    expect(
      attributesFor({ gift: 'tak', kasa_checkout_id: 'old', inpost_point: 'WAW001' }, 'chk_9', undefined),
    ).toEqual([
      { key: 'gift', value: 'tak' },
      { key: 'kasa_checkout_id', value: 'chk_9' },
    ]);
  });

  it('adds the consented visitor id and the arms for the pixel, never stale ones from the shopper’s cart', () => {
    expect(
      attributesFor(
        { kasa_visitor_id: 'someone-else', kasa_experiments: 'old:arm', note: 'x' },
        'chk_9',
        'KRA010',
        {
          visitorId: 'v_123',
          experiments: { 'payment-order': 'blik-first', 'delivery-order': 'courier-first' },
        },
      ),
    ).toEqual([
      { key: 'note', value: 'x' },
      { key: 'kasa_checkout_id', value: 'chk_9' },
      { key: 'inpost_point', value: 'KRA010' },
      { key: 'kasa_visitor_id', value: 'v_123' },
      { key: 'kasa_experiments', value: 'delivery-order:courier-first,payment-order:blik-first' },
    ]);
    // Without a visitor or arms, nothing for the pixel (and a malformed visitor id is not sent).
    expect(
      attributesFor({ kasa_visitor_id: 'stale' }, 'chk_9', undefined, { visitorId: 'a b', experiments: {} }),
    ).toEqual([{ key: 'kasa_checkout_id', value: 'chk_9' }]);
  });
});

describe('experimentsAttribute', () => {
  it('joins experiment:variation pairs by key and leaves out pairs the pixel could not read back', () => {
    expect(experimentsAttribute({ b: 'y', a: 'x', 'bad,key': 'v', c: 'has:colon' })).toBe('a:x,b:y');
    expect(experimentsAttribute({})).toBeUndefined();
  });
});

describe('chooseDeliveryOption', () => {
  it('matches a handle first, then the title, then a locker-named rate for a locker', () => {
    expect(chooseDeliveryOption(options, { kind: 'courier', optionId: 'h-dpd', name: 'x' }).handle).toBe(
      'h-dpd',
    );
    expect(
      chooseDeliveryOption(options, { kind: 'courier', optionId: 'dpd', name: 'kurier dpd' }).handle,
    ).toBe('h-dpd');
    expect(chooseDeliveryOption(options, { kind: 'locker', optionId: 'l', name: 'Paczkomaty' }).handle).toBe(
      'h-locker',
    );
  });

  it('refuses when the cart offers nothing that fits', () => {
    const error = (() => {
      try {
        chooseDeliveryOption([], { kind: 'locker', optionId: 'l', name: 'Paczkomat' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('shipping_option_unavailable');
    expect((error as KasaError).details).toMatchObject({ reason: 'missing' });
  });
});
