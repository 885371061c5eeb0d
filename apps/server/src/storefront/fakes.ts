/**
 * Local fakes of a WooCommerce and a PrestaShop shop for `kasa start --store woocommerce-fake` and
 * `prestashop-fake`: the adapter packages' own fakes (real HTTP on 127.0.0.1, the platforms' rules),
 * with the catalogue and the storefront cart the demo shop needs. No credentials, nothing leaves the
 * machine.
 */
import type { CartRef, Money, RawRequest, StorefrontAdapter } from '@kasa/core';
import type { DemoProduct, DemoStore } from '@kasa/demo-shop';
import type { StoreConfigInput } from '../config.ts';

/** An order as the fake platform's own storage has it. */
export interface FakePlatformOrder {
  readonly id: string;
  readonly checkoutId: string;
  readonly paid: boolean;
  readonly total?: Money;
  readonly transactionId?: string;
  readonly pickupPointId?: string;
}

export interface FakeStore {
  /** `woocommerce-fake`, `prestashop-fake`. */
  readonly name: string;
  /** For messages: `WooCommerce (local fake) http://127.0.0.1:41234`. */
  readonly label: string;
  readonly url: string;
  /** The `store` configuration that points the adapter at this fake. */
  readonly store: StoreConfigInput;
  /** The demo shop's view of the fake: its catalogue, and carts made as its storefront makes them. */
  demoStore(adapter: StorefrontAdapter): DemoStore;
  /** Orders as the platform keeps them. */
  platformOrders(): Promise<FakePlatformOrder[]>;
  /** Requests the fake has received so far (shopper's storefront and Kasa's calls alike). */
  requestCount(): number;
  /** A webhook delivery signed as the platform signs it. */
  signWebhook(body: string, topic?: string): RawRequest;
  close(): Promise<void>;
}

/** What the adapter packages' fakes (`createWooCommerceFake`, `createPrestaShopFake`) both offer. */
interface AdapterFake {
  readonly url: string;
  readonly products: readonly { id: string; name: string; sku: string; price: Money; vatRate: number }[];
  createCart(lines: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  readonly shop: {
    platformOrders(): FakePlatformOrder[] | Promise<FakePlatformOrder[]>;
    readonly requests: readonly unknown[];
    signWebhook(body: string, topic?: string): RawRequest;
  };
  close(): Promise<void>;
}

/**
 * A fake as `kasa start` and the demo shop use it. The demo shop's carts are made as the platform's
 * storefront makes them: WooCommerce's page opens a Store API session (Cart-Token) and sends a batch
 * of add-item; PrestaShop's front office makes a visitor's cart, handed to Kasa by the module's signed
 * ref.
 */
function fakeStore(
  name: string,
  platform: 'WooCommerce' | 'PrestaShop' | 'Shopify' | 'Shoper',
  fake: AdapterFake,
  store: StoreConfigInput,
): FakeStore {
  const products: DemoProduct[] = fake.products.map((p) => ({
    id: p.id,
    name: p.name,
    description: `Z katalogu sklepu ${platform} (lokalna atrapa), indeks ${p.sku}.`,
    unitPrice: p.price,
    vatRate: p.vatRate,
  }));
  // The catalogue ids the cookie cart may hold: the fake refuses others with a RangeError.
  const known = (lines: readonly { productId: string; quantity: number }[]) =>
    lines.filter((l) => products.some((p) => p.id === l.productId));
  return {
    name,
    label: `${platform} (local fake) ${fake.url}`,
    url: fake.url,
    store,
    demoStore: (adapter) => ({
      label: `${platform} (lokalna atrapa)`,
      listProducts: () => products,
      createCart: (lines) => fake.createCart(known(lines)),
      getCart: (ref: CartRef) => adapter.getCart(ref),
    }),
    platformOrders: async () => fake.shop.platformOrders(),
    requestCount: () => fake.shop.requests.length,
    signWebhook: (body, topic) => fake.shop.signWebhook(body, topic),
    close: () => fake.close(),
  };
}

/** A WooCommerce fake on a free local port, with the demo shop's catalogue. */
export async function startWooCommerceFake(): Promise<FakeStore> {
  const { createWooCommerceFake } = await import('@kasa/adapter-woocommerce/fake');
  const fake = await createWooCommerceFake();
  return fakeStore('woocommerce-fake', 'WooCommerce', fake, { platform: 'woocommerce', ...fake.config });
}

/** A PrestaShop fake (webservice and the Kasa module) on a free local port. */
export async function startPrestaShopFake(): Promise<FakeStore> {
  const { createPrestaShopFake } = await import('@kasa/adapter-prestashop/fake');
  const fake = await createPrestaShopFake();
  return fakeStore('prestashop-fake', 'PrestaShop', fake, { platform: 'prestashop', ...fake.config });
}

/** A Shopify fake (Storefront Cart API and Admin GraphQL behind one address), mode B. */
export async function startShopifyFake(): Promise<FakeStore> {
  const { createShopifyFake } = await import('@kasa/adapter-shopify/fake');
  const fake = await createShopifyFake();
  return fakeStore('shopify-fake', 'Shopify', fake, { platform: 'shopify', ...fake.config });
}

/** A Shoper fake (REST webapi with its token, leaky bucket and webhooks); carts are storefront basket refs. */
export async function startShoperFake(): Promise<FakeStore> {
  const { createShoperFake } = await import('@kasa/adapter-shoper/fake');
  const fake = await createShoperFake();
  return fakeStore('shoper-fake', 'Shoper', fake, { platform: 'shoper', ...fake.config });
}
