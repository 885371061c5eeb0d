import { randomUUID } from 'node:crypto';
import {
  type Address,
  add,
  type Cart,
  type Company,
  type Contact,
  money,
  type PaymentMethod,
  type PickupPoint,
  type PlaceOrderInput,
  type ShippingOption,
} from '@kasa/core';

/** The shopper every contract test buys as. */
export const polishContact: Contact = {
  email: 'anna.nowak@example.pl',
  phone: '+48512345678',
  firstName: 'Anna',
  lastName: 'Nowak',
};

/** A Kraków delivery address, split the way couriers want it. */
export const polishAddress: Address = {
  street: 'ul. Floriańska',
  buildingNumber: '15',
  flatNumber: '4',
  postcode: '31-019',
  city: 'Kraków',
  country: 'PL',
};

/** Invoice data: a NIP that passes the mod-11 checksum, and its own invoice address. */
export const polishCompany: Company = {
  nip: '1234563218',
  name: 'Kawiarnia Pod Wawelem sp. z o.o.',
  address: {
    street: 'ul. Grodzka',
    buildingNumber: '32',
    postcode: '31-044',
    city: 'Kraków',
    country: 'PL',
  },
};

/** An InPost parcel locker: the id the shipment needs is `KRA010`. */
export const inpostLocker: PickupPoint = {
  id: 'KRA010',
  carrier: 'inpost',
  type: 'parcel_locker',
  status: 'operating',
  address: { street: 'ul. Karmelicka', buildingNumber: '5', postcode: '31-133', city: 'Kraków' },
  location: { lat: 50.0652, lng: 19.9316 },
  open247: true,
  acceptsCashOnDelivery: true,
  demo: true,
};

export const blik: PaymentMethod = { id: 'blik', kind: 'blik', provider: 'kasa-test', label: 'BLIK' };
export const cashOnDelivery: PaymentMethod = {
  id: 'cod',
  kind: 'cod',
  provider: 'kasa-test',
  label: 'Za pobraniem',
};

/** A fresh checkout id and idempotency key, unique across runs. */
export function newCheckoutIds(): { checkoutId: string; idempotencyKey: string } {
  const id = randomUUID();
  return { checkoutId: `chk_${id}`, idempotencyKey: `idem_${id}` };
}

/**
 * A complete guest order for a cart and the options quoted for it, the way the Kasa server builds
 * one: the parcel locker `KRA010`, invoice data, paid by BLIK unless overridden. The total is the
 * cart subtotal plus the shipping price (plus a payment fee, if the method has one).
 */
export function orderInput(
  cart: Cart,
  options: readonly ShippingOption[],
  overrides: Partial<PlaceOrderInput> = {},
): PlaceOrderInput {
  const shipping = overrides.shipping ?? options.find((o) => o.kind === 'locker');
  if (shipping === undefined) throw new Error('The adapter quoted no parcel-locker option.');
  const paymentMethod = overrides.paymentMethod ?? blik;
  const fee = paymentMethod.fee ?? money(0, cart.currency);
  const locker = shipping.kind === 'locker' ? { pickupPoint: inpostLocker } : {};
  const address = shipping.kind === 'courier' ? { address: polishAddress } : {};
  return {
    ...newCheckoutIds(),
    cart,
    contact: polishContact,
    shipping,
    ...locker,
    ...address,
    company: polishCompany,
    consents: { terms: true, marketingEmail: false, marketingSms: false },
    paymentMethod,
    total: add(add(cart.subtotal, shipping.price), fee),
    ...overrides,
  };
}
