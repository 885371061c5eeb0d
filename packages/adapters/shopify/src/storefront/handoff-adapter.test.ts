import { inpostLocker, polishContact } from '@kasa/adapter-testing';
import type { CheckoutView } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyAdapter } from '../adapter.ts';
import { createShopifyFake, type ShopifyFake } from '../fake/index.ts';
import { modeAHandoffOf } from './handoff.ts';
import { modeACheckoutOf, variantGidOf } from './plan.ts';

let fake: ShopifyFake;
beforeAll(async () => {
  fake = await createShopifyFake();
});
afterAll(() => fake.close());

/** The parts of Kasa's checkout view the hand-off reads (totals and payment are not its business). */
function viewOf(
  parts: Pick<CheckoutView, 'id' | 'cart' | 'shippingOptions' | 'contact' | 'delivery'>,
): CheckoutView {
  return parts as CheckoutView;
}

describe('modeAHandoffOf (the server’s hand-off for the configured store)', () => {
  it('is there only for Shopify in mode A', () => {
    expect(modeAHandoffOf({ platform: 'woocommerce' })).toBeUndefined();
    expect(modeAHandoffOf(createShopifyAdapter(fake.config))).toBeUndefined();
    expect(modeAHandoffOf(createShopifyAdapter({ ...fake.config, mode: 'A', customApp: false }))).toBeTypeOf(
      'function',
    );
  });

  it('hands the adapter’s cart (plain variant ids) and quote to Shopify; the webhook verifies with the adapter', async () => {
    const adapter = createShopifyAdapter({ ...fake.config, mode: 'A', customApp: false });
    const calls: string[] = [];
    const handOff = modeAHandoffOf(adapter, { onCall: (c) => calls.push(c.operation) });
    const cart = await adapter.getCart(
      await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 1 }]),
    );
    expect(cart.lines[0]?.productId).toBe('45001');
    const options = await adapter.quoteShipping({ cart });
    const locker = options.find((o) => o.kind === 'locker');
    if (!locker) throw new Error('the fake quotes no locker');

    const result = await handOff?.(
      viewOf({
        id: 'chk_server_1',
        cart,
        contact: polishContact,
        shippingOptions: options,
        delivery: { optionId: locker.id, pickupPoint: inpostLocker },
      }),
    );
    expect(calls).toEqual(['cartCreate', 'cartDeliveryAddressesAdd', 'cartSelectedDeliveryOptionsUpdate']);
    expect(result?.checkoutUrl).toMatch(/^https:\/\/.+\/cart\/c\//);
    expect(result?.delivery.title).toBe('InPost Paczkomat 24/7');

    const done = await fake.storefront.completeCheckout(result?.cartId ?? '');
    const event = await adapter.verifyWebhook?.({ headers: done.webhook.headers, body: done.webhook.body });
    expect(event?.topic).toBe('order.created');
    expect(event?.orderId).toBe(String(done.order.id));
    const payload = event?.payload as { note_attributes: { name: string; value: string }[] };
    expect(payload.note_attributes).toContainEqual({ name: 'inpost_point', value: 'KRA010' });
    expect(payload.note_attributes).toContainEqual({ name: 'kasa_checkout_id', value: 'chk_server_1' });
  });
});

describe('modeACheckoutOf', () => {
  it('takes the chosen option from the quote and refuses a checkout without delivery', () => {
    const cart = { ref: 'r', currency: 'PLN', lines: [], subtotal: { amount: 0, currency: 'PLN' } };
    const option = {
      id: 'h',
      carrier: 'dpd',
      kind: 'courier' as const,
      name: 'Kurier DPD',
      price: { amount: 1699, currency: 'PLN' },
      eta: { minDays: 1, maxDays: 3 },
    };
    expect(
      modeACheckoutOf(viewOf({ id: 'c', cart, shippingOptions: [option], delivery: { optionId: 'h' } }))
        .shipping,
    ).toBe(option);
    expect(() => modeACheckoutOf(viewOf({ id: 'c', cart, shippingOptions: [option] }))).toThrow(
      expect.objectContaining({ code: 'checkout_incomplete' }),
    );
    expect(variantGidOf('45001')).toBe('gid://shopify/ProductVariant/45001');
    expect(variantGidOf('gid://shopify/ProductVariant/7')).toBe('gid://shopify/ProductVariant/7');
  });
});
