import { money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { shippingSchema } from './rest/schemas.ts';
import { isLockerShipping, toShippingOptions } from './shipping.ts';

const row = (fields: Record<string, unknown>) =>
  shippingSchema.parse({ cost: '10.00', tax_id: '1', active: '1', depend_on_w: '0', ...fields });

const shippings = [
  row({ shipping_id: '1', name: 'InPost Paczkomaty 24/7', cost: '12.99', engine: 'paczkomaty' }),
  row({ shipping_id: '2', name: 'Kurier DPD', cost: '16.99', free_shipping: '250.00', tax_id: '2' }),
  row({ shipping_id: '3', name: 'Odbiór osobisty', cost: '0.00', engine: 'personal' }),
  row({ shipping_id: '4', name: 'Pocztex', active: '0' }),
  row({ shipping_id: '5', name: 'Kurier wagowy', cost: '0', depend_on_w: '1' }),
  row({ shipping_id: '6', name: 'Paczkomat InPost (punkt)', engine: 'pickupPoint' }),
  row({ shipping_id: '7', name: 'Paleta', min_cost: '500.00' }),
];
const taxes = new Map([
  [1, 23],
  [2, 8],
]);

describe('Shoper shippings as Kasa options', () => {
  it('prices active fixed-cost shippings, recognising the InPost locker, with VAT from the tax', () => {
    const options = toShippingOptions(shippings, { subtotal: money(10_000) }, taxes, []);
    expect(options.map((o) => [o.id, o.kind, o.price.amount])).toEqual([
      ['1', 'locker', 1299],
      ['2', 'courier', 1699],
      ['3', 'pickup', 0],
      ['6', 'locker', 1000],
    ]);
    expect(options[0]).toMatchObject({ carrier: 'inpost', pickupCarrier: 'inpost', vatRate: 23 });
    expect(options[1]?.vatRate).toBe(8);
  });

  it('makes a shipping free from its free_shipping amount, keeping the regular price', () => {
    const courier = toShippingOptions(shippings, { subtotal: money(25_000) }, taxes, []).find(
      (o) => o.id === '2',
    );
    expect(courier).toMatchObject({ price: { amount: 0 }, regularPrice: { amount: 1699 } });
  });

  it('takes the configured locker ids instead of guessing', () => {
    expect(isLockerShipping(shippings[1] as (typeof shippings)[number], [2])).toBe(true);
    expect(isLockerShipping(shippings[0] as (typeof shippings)[number], [2])).toBe(false);
    const options = toShippingOptions(shippings, { subtotal: money(60_000) }, taxes, [7]);
    expect(options.filter((o) => o.kind === 'locker').map((o) => o.id)).toEqual(['7']);
  });
});
