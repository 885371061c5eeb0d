/** A checkout view as the API answers it, for tests: two lines, three delivery options, four methods. */
import type { CheckoutView, PickupPoint } from '@kasa/core';

const pln = (amount: number) => ({ amount, currency: 'PLN' });

export const points: PickupPoint[] = [
  {
    id: 'KRA010',
    carrier: 'inpost',
    type: 'parcel_locker',
    status: 'operating',
    address: { street: 'Pawia', buildingNumber: '5', postcode: '31-154', city: 'Kraków' },
    location: { lat: 50.07, lng: 19.94 },
    description: 'Przy sklepie',
    open247: true,
    acceptsCashOnDelivery: true,
  },
  {
    id: 'KRA022',
    carrier: 'inpost',
    type: 'parcel_locker',
    status: 'operating',
    address: { street: 'Lubicz', buildingNumber: '17', postcode: '31-503', city: 'Kraków' },
    location: { lat: 50.06, lng: 19.95 },
    open247: false,
    acceptsCashOnDelivery: false,
  },
];

export function makeView(overrides: Partial<CheckoutView> = {}): CheckoutView {
  return {
    id: 'chk_test1',
    locale: 'pl',
    status: 'open',
    cart: {
      ref: 'cart-1',
      currency: 'PLN',
      lines: [
        {
          id: 'l1',
          productId: 'p-kubek',
          sku: 'KUBEK-01',
          name: 'Kubek',
          quantity: 2,
          unitPrice: pln(2500),
          total: pln(5000),
          vatRate: 23,
        },
        {
          id: 'l2',
          productId: 'p-herbata',
          name: 'Herbata',
          quantity: 1,
          unitPrice: pln(1999),
          total: pln(1999),
          vatRate: 5,
        },
      ],
      subtotal: pln(6999),
    },
    totals: {
      subtotal: pln(6999),
      shipping: pln(0),
      paymentFee: pln(0),
      total: pln(6999),
      vat: [
        { rate: 23, gross: pln(5000), net: pln(4065), vat: pln(935) },
        { rate: 5, gross: pln(1999), net: pln(1904), vat: pln(95) },
      ],
    },
    shippingOptions: [
      {
        id: 'dpd',
        carrier: 'dpd',
        kind: 'courier',
        name: 'Kurier DPD',
        price: pln(1599),
        eta: { minDays: 1, maxDays: 2 },
      },
      {
        id: 'inpost-locker',
        carrier: 'inpost',
        kind: 'locker',
        name: 'Paczkomat InPost',
        price: pln(1299),
        eta: { minDays: 1, maxDays: 1 },
        pickupCarrier: 'inpost',
      },
      {
        id: 'store',
        carrier: 'shop',
        kind: 'pickup',
        name: 'Odbiór w sklepie',
        price: pln(0),
        eta: { minDays: 0, maxDays: 0 },
      },
    ],
    paymentMethods: [
      { id: 'pbl', kind: 'pbl', provider: 'sandbox', label: 'Szybki przelew' },
      { id: 'blik', kind: 'blik', provider: 'sandbox', label: 'Blik' },
      { id: 'card', kind: 'card', provider: 'sandbox', label: 'Karta płatnicza' },
      { id: 'cod', kind: 'cod', provider: 'sandbox', label: 'Za pobraniem', fee: pln(500) },
    ],
    consents: { terms: false, marketingEmail: false, marketingSms: false },
    missing: ['contact', 'delivery', 'paymentMethod'],
    ...overrides,
  };
}
