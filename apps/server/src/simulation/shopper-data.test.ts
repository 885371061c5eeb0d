import { seededRandom } from '@kasa/analytics';
import { type FieldName, fieldNameSchema, validateNip } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { contactBody, deliveryBody, invoiceBody } from '../checkout/data.ts';
import { readShopProducts } from './shop-pages.ts';
import { badRequest, shopperDetails, validNip } from './shopper-data.ts';

/** The request schemas the checkout API checks bodies with (the rest it checks against the cart). */
const schemas = { contact: contactBody, delivery: deliveryBody, invoice: invoiceBody } as const;
/** Refused by the API after the schema: an unknown option or method, a locker missing for a locker option. */
const CHECKED_AGAINST_THE_CHECKOUT: FieldName[] = ['pickupPoint', 'shippingOption', 'paymentMethod'];

describe("a synthetic shopper's details", () => {
  it('are valid for the checkout API, NIP checksum included', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const details = shopperDetails(seededRandom(seed), seed);
      expect(validateNip(validNip(seededRandom(seed))).ok).toBe(true);
      expect(contactBody.safeParse(details.contact).success).toBe(true);
      expect(deliveryBody.safeParse({ optionId: 'dpd_courier', address: details.address }).success).toBe(
        true,
      );
      expect(invoiceBody.safeParse({ company: details.company }).success).toBe(true);
    }
  });

  it('turn into a body the API refuses for every field the simulation can make go wrong', () => {
    const details = shopperDetails(seededRandom(3), 3);
    for (const field of fieldNameSchema.options) {
      const bad = badRequest(field, details, 'dpd_courier');
      if (!bad) {
        expect(['blikCode', 'terms']).toContain(field);
        continue;
      }
      if (CHECKED_AGAINST_THE_CHECKOUT.includes(field) || bad.part === 'payment-method') continue;
      expect(schemas[bad.part].safeParse(bad.body).success, field).toBe(false);
    }
  });
});

describe("the shop's front page", () => {
  it('gives each product card its id and price in grosze', () => {
    const card = (id: string, price: string) =>
      `<li class="card"><h3>x</h3><p><span class="price">${price}</span></p><form method="post" action="/cart" class="row"><input type="hidden" name="productId" value="${id}"></form></li>`;
    expect(readShopProducts(`<ul>${card('kawa', '49,90 zł')}${card('ekspres', '1 299,00 zł')}</ul>`)).toEqual(
      [
        { id: 'kawa', price: 4990 },
        { id: 'ekspres', price: 129900 },
      ],
    );
  });
});
