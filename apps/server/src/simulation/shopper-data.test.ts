import { seededRandom } from '@kasa/analytics';
import { type FieldName, fieldNameSchema, validateNip } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { contactBody, deliveryBody, invoiceBody } from '../checkout/data.ts';
import { readQueuedCartView, readShopProducts } from './shop-pages.ts';
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

describe("the demo shop's pages", () => {
  it("give the front page's product ids, from its add-to-cart forms", () => {
    const card = (id: string) =>
      `<li class="card"><h3>x</h3><form method="post" action="/cart" class="row">\n<input type="hidden" name="productId" value="${id}"></form></li>`;
    expect(readShopProducts(`<ul>${card('kawa')}${card('ekspres')}</ul>`)).toEqual(['kawa', 'ekspres']);
  });

  it('give the view_cart the cart page queued for Kasa, and nothing for a page without one', () => {
    const queued = {
      shopId: 'demo',
      checkoutId: 'chk_1',
      event: { name: 'view_cart', params: { value: 1 } },
    };
    const page = `<script nonce="n">var k=window.kasa=window.kasa||{};(k.q=k.q||[]).push(${JSON.stringify(queued)});</script>`;
    expect(readQueuedCartView(page)).toEqual(queued);
    expect(readQueuedCartView('<p>Koszyk jest pusty</p>')).toBeUndefined();
  });
});
