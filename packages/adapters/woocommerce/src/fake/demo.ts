import { type FakeCatalogueProduct, resolveFakeCartLines } from '@kasa/adapter-testing/faults';
import { type CartRef, type Money, money } from '@kasa/core';
import type { WooCommerceConfigInput } from '../config.ts';
import { decodeEntities } from '../map.ts';
import { type FakeWooCommerce, type FakeWooCommerceOptions, startFakeWooCommerce } from './index.ts';
import { FAKE_PRODUCTS, FAKE_RATES, SHIPPING_VAT, taxOfNet } from './shop.ts';

export type { FakeCatalogueProduct };

/** A shipping method of the fake shop's zone "Polska", priced gross. */
export interface FakeShippingMethod {
  /** The option id the adapter quotes, e.g. `easypack_parcel_machines:3`. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'locker' | 'courier' | 'pickup';
  readonly price: Money;
}

/** A running fake WooCommerce shop for `kasa start --store woocommerce-fake` and demos. */
export interface WooCommerceFake {
  readonly platform: 'woocommerce';
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The adapter settings that point at this shop: `createWooCommerceAdapter(fake.config)`. */
  readonly config: WooCommerceConfigInput;
  /** Coffee, chocolate, a book and a mug, in PLN with Polish VAT. */
  readonly products: readonly FakeCatalogueProduct[];
  /** InPost Paczkomat 24/7, Kurier DPD and pickup in person. */
  readonly shipping: readonly FakeShippingMethod[];
  /**
   * Makes a cart the way the shop's page does (a Store API session, a batch of add-item) and
   * returns its CartRef, the Cart-Token. Default: one coffee and one mug.
   */
  createCart(lines?: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  /** The fake itself: orders as the shop keeps them, webhook signing, planned faults. */
  readonly shop: FakeWooCommerce;
  close(): Promise<void>;
}

const DEFAULT_LINES = [
  { productId: '101', quantity: 1 },
  { productId: '104', quantity: 1 },
] as const;

const KINDS: Readonly<Record<string, FakeShippingMethod['kind']>> = {
  easypack_parcel_machines: 'locker',
  flat_rate: 'courier',
  local_pickup: 'pickup',
};

/**
 * Starts a fake WooCommerce shop with the Kasa plugin on 127.0.0.1 (a free port unless `port` is
 * given): the Store API and REST v3 over real HTTP, a small Polish catalogue, an InPost locker and a
 * courier. Nothing leaves the machine.
 *
 * @example
 * const fake = await createWooCommerceFake();
 * const adapter = createWooCommerceAdapter(fake.config);
 * const cart = await adapter.getCart(await fake.createCart([{ productId: '101', quantity: 2 }]));
 * await fake.close();
 */
export async function createWooCommerceFake(options: FakeWooCommerceOptions = {}): Promise<WooCommerceFake> {
  const shop = await startFakeWooCommerce(options);
  const products = FAKE_PRODUCTS.map((p) => ({
    id: String(p.id),
    name: decodeEntities(p.name),
    sku: p.sku,
    price: money(p.price),
    vatRate: p.vatRate,
  }));
  // WooCommerce's product id for each catalogue id.
  const catalogue = new Map(products.map((p) => [p.id, Number(p.id)]));
  const shipping = FAKE_RATES.map((r) => ({
    id: r.rateId,
    name: r.name,
    kind: KINDS[r.methodId] ?? 'courier',
    price: money(r.net + taxOfNet(r.net, SHIPPING_VAT)),
  }));
  return {
    platform: 'woocommerce',
    url: shop.url,
    config: {
      url: shop.url,
      consumerKey: shop.consumerKey,
      consumerSecret: shop.consumerSecret,
      webhookSecret: shop.webhookSecret,
    },
    products,
    shipping,
    async createCart(lines = DEFAULT_LINES) {
      const cartLines = resolveFakeCartLines('WooCommerce', catalogue, lines);
      return shop.createCart(cartLines.map(({ item, quantity }) => ({ productId: item, quantity })));
    },
    shop,
    close: () => shop.close(),
  };
}
