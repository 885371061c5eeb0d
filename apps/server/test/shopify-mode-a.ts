import { createShopifyFake, type ShopifyFake } from '@kasa/adapter-shopify/fake';
import type { ExperimentConfig } from '@kasa/experiments';
import { afterAll, beforeAll, expect } from 'vitest';
import { fragmentRenderer, type Kasa, SHOPPER, startKasa } from './harness.ts';

/**
 * A Kasa server selling through the Shopify fake in mode A, with one experiment running, for the
 * tests of one file (started before them, closed after).
 */
export function useShopifyModeA(experiment: ExperimentConfig, merchantToken: string) {
  const shop: { fake?: ShopifyFake; kasa?: Kasa } = {};
  beforeAll(async () => {
    shop.fake = await createShopifyFake();
    shop.kasa = await startKasa({
      widget: fragmentRenderer(),
      config: {
        store: { platform: 'shopify', ...shop.fake.config, mode: 'A', customApp: false },
        experiments: [experiment],
        analytics: { merchantToken },
      },
    });
  });
  afterAll(async () => {
    await shop.kasa?.close();
    await shop.fake?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Shopify mode A server is not started yet');
    return value;
  };
  return {
    fake: () => started(shop.fake),
    kasa: () => started(shop.kasa),
  };
}

/**
 * A checkout of a Shopify cart (2 × kawa-etiopia-250) shown to `visitor` (then `onShown`, e.g. the
 * widget's events), with the shopper's contact and a locker, handed to Shopify: the checkout's id and
 * the Shopify cart the hand-off built.
 */
export async function handToShopify(
  kasa: Kasa,
  fake: ShopifyFake,
  visitor: string,
  onShown?: (checkoutId: string) => Promise<void>,
) {
  const cartRef = await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]);
  const created = await kasa.api('POST', '/api/checkouts', { cartRef });
  const id: string = created.body.id;
  expect((await kasa.api('GET', `/api/checkouts/${id}/fragment?visitor=${visitor}`)).status).toBe(200);
  await onShown?.(id);
  await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
  const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
  const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
  await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
    optionId: locker.id,
    pickupPointId: points.body.points[0].id,
  });
  const handed = await kasa.api('POST', `/api/checkouts/${id}/shopify-checkout`);
  expect(handed.status).toBe(200);
  const token = /\/cart\/c\/([^?]+)/.exec(handed.body.checkoutUrl)?.[1];
  const cart = fake.storefront.carts.all().find((c) => c.token === token);
  return { id, cart };
}

/** The purchase events stored for a checkout. */
export const purchasesOf = async (kasa: Kasa, checkoutId: string) =>
  (await kasa.runtime.events.byCheckout(checkoutId)).filter((event) => event.name === 'purchase');
