import { type FakeCatalogueProduct, resolveFakeCartLines } from '@kasa/adapter-testing/faults';
import { type CartRef, type Money, money } from '@kasa/core';
import type { PrestaShopConfigInput } from '../config.ts';
import { carrierOptionId } from '../mapping.ts';
import { type FakePrestaShop, type FakePrestaShopOptions, startFakePrestaShop } from './index.ts';

// A catalogue id here is `<id_product>` or `<id_product>-<id_product_attribute>`, e.g. `2-7`.
export type { FakeCatalogueProduct };

/** A carrier of the fake shop, priced gross for a small cart. */
export interface FakeShippingMethod {
  /** The option id the adapter quotes, e.g. `carrier-3`. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'locker' | 'courier';
  readonly price: Money;
  /** Free from this cart value, when the carrier has such a rule. */
  readonly freeFrom?: Money;
}

/** A running fake PrestaShop (webservice + Kasa module) for `kasa start --store prestashop-fake` and demos. */
export interface PrestaShopFake {
  readonly platform: 'prestashop';
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The adapter settings that point at this shop: `createPrestaShopAdapter(fake.config)`. */
  readonly config: PrestaShopConfigInput;
  /** A mug, coffee (two variants) and a cookbook, in PLN with Polish VAT. */
  readonly products: readonly FakeCatalogueProduct[];
  /** Kurier DPD and InPost Paczkomat 24/7 (free from 200 zł). */
  readonly shipping: readonly FakeShippingMethod[];
  /**
   * Makes a visitor's cart the way the front office does and returns its CartRef (the Kasa module's
   * signed `<id_cart>-<hmac>`). Default: two mugs and one coffee.
   */
  createCart(lines?: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  /** The fake itself: the shop's tables, webhook signing, planned faults. */
  readonly shop: FakePrestaShop;
  close(): Promise<void>;
}

const DEFAULT_LINES = [
  { productId: '1', quantity: 2 },
  { productId: '2-7', quantity: 1 },
] as const;

/**
 * Starts a fake PrestaShop 8 with the Kasa and InPost modules on 127.0.0.1 (a free port unless
 * `port` is given): the webservice and the Kasa module's endpoint over real HTTP (and the PrestaShop
 * 9 Admin API with `adminApi: true`), a small Polish catalogue, an InPost locker and a courier.
 *
 * @example
 * const fake = await createPrestaShopFake();
 * const adapter = createPrestaShopAdapter(fake.config);
 * const cart = await adapter.getCart(await fake.createCart([{ productId: '3', quantity: 1 }]));
 * await fake.close();
 */
export async function createPrestaShopFake(options: FakePrestaShopOptions = {}): Promise<PrestaShopFake> {
  const shop = await startFakePrestaShop(options);
  const rows = new Map<string, { product: number; attribute: number }>();
  const products: FakeCatalogueProduct[] = [...shop.shop.products.values()].flatMap((p) =>
    [...p.prices].map(([attribute, gross]) => {
      const id = attribute === 0 ? String(p.id) : `${p.id}-${attribute}`;
      rows.set(id, { product: p.id, attribute });
      const variant = p.variants?.get(attribute);
      return {
        id,
        name: variant ? `${p.name} – ${variant}` : p.name,
        sku: p.reference,
        price: money(gross),
        vatRate: p.taxRate,
      };
    }),
  );
  const shipping: FakeShippingMethod[] = [...shop.shop.carriers.values()].map((c) => ({
    id: carrierOptionId(c.id),
    name: c.name,
    kind: c.locker ? 'locker' : 'courier',
    price: money(c.price),
    ...(c.freeAbove === undefined ? {} : { freeFrom: money(c.freeAbove) }),
  }));
  return {
    platform: 'prestashop',
    url: shop.url,
    config: shop.config,
    products,
    shipping,
    async createCart(lines = DEFAULT_LINES) {
      const cartRows = resolveFakeCartLines('PrestaShop', rows, lines).map(({ item, quantity }) => ({
        product: item.product,
        attribute: item.attribute,
        quantity,
      }));
      return shop.shop.cartRef(shop.shop.createStorefrontCart(cartRows));
    },
    shop,
    close: () => shop.close(),
  };
}
