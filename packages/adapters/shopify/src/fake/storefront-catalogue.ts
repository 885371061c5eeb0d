import { type Money, money } from '@kasa/core';

/**
 * The fake Shopify shop's catalogue and shipping rates: the demo shop's coffee, chocolate, book and
 * mug at the same gross PLN prices and SKUs as the other fakes, and the same two rates.
 */

export interface FakeShopifyVariant {
  /** Numeric id; the gid is `gid://shopify/ProductVariant/<id>`. */
  readonly id: number;
  readonly productId: number;
  /** The demo catalogue's id (the sandbox's), e.g. `kawa-etiopia-250`. */
  readonly kasaId: string;
  readonly title: string;
  readonly sku: string;
  /** Gross unit price (Polish consumer prices include VAT). */
  readonly price: Money;
  readonly vatRate: number;
  readonly grams: number;
}

export const FAKE_SHOPIFY_VARIANTS: readonly FakeShopifyVariant[] = [
  {
    id: 45001,
    productId: 8001,
    kasaId: 'kawa-etiopia-250',
    title: 'Kawa ziarnista Etiopia Yirgacheffe 250 g',
    sku: 'KAWA-ETI-250',
    price: money(4990),
    vatRate: 23,
    grams: 270,
  },
  {
    id: 45002,
    productId: 8002,
    kasaId: 'czekolada-gorzka-100',
    title: 'Czekolada gorzka 70% 100 g',
    sku: 'CZEK-70-100',
    price: money(1290),
    vatRate: 8,
    grams: 110,
  },
  {
    id: 45003,
    productId: 8003,
    kasaId: 'ksiazka-kawa',
    title: 'Książka „Kawa. Od ziarna do filiżanki”',
    sku: 'KSIAZKA-KAWA',
    price: money(5990),
    vatRate: 5,
    grams: 650,
  },
  {
    id: 45004,
    productId: 8004,
    kasaId: 'kubek-350',
    title: 'Kubek ceramiczny 350 ml',
    sku: 'KUBEK-350',
    price: money(3900),
    vatRate: 23,
    grams: 400,
  },
];

export interface FakeShopifyRate {
  /** The delivery option's handle (opaque to Kasa; readable here for tests). */
  readonly handle: string;
  readonly title: string;
  /** The shipping rate's code as the merchant named it. */
  readonly code: string;
  readonly price: Money;
}

/** The zone "Polska": an InPost locker rate and a courier, priced gross as the Woo fake's. */
export const FAKE_SHOPIFY_RATES: readonly FakeShopifyRate[] = [
  {
    handle: 'kasa-fake-inpost-paczkomat',
    title: 'InPost Paczkomat 24/7',
    code: 'InPost Paczkomat 24/7',
    price: money(1299),
  },
  { handle: 'kasa-fake-kurier-dpd', title: 'Kurier DPD', code: 'Kurier DPD', price: money(1699) },
];

export const variantGid = (id: number) => `gid://shopify/ProductVariant/${id}`;
export const productGid = (id: number) => `gid://shopify/Product/${id}`;

const byGid = new Map(FAKE_SHOPIFY_VARIANTS.map((v) => [variantGid(v.id), v]));
const byKasaId = new Map(FAKE_SHOPIFY_VARIANTS.map((v) => [v.kasaId, v]));

/** The variant with this gid, or undefined. */
export const findVariant = (gid: string) => byGid.get(gid);

/** The variant of a demo-catalogue id (`kawa-etiopia-250`) or of a variant gid, or undefined. */
export const variantOf = (id: string) => byKasaId.get(id) ?? byGid.get(id);
