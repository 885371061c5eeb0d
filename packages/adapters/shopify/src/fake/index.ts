import { randomBytes } from 'node:crypto';
import {
  createFaultPlan,
  type FakeCatalogueProduct,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import type { CartRef, Money, RawRequest } from '@kasa/core';
import { ATTR as ATTR_NAMES } from '../admin/orders.ts';
import type { ShopifyConfigInput } from '../config.ts';
import { createFakeShopifyAdmin, type FakeAdminOptions, type FakeShopifyAdmin } from './admin-graphql.ts';
import { type FakeOrder, minorOf } from './admin-orders.ts';
import { type FakeStorefront, startFakeStorefront } from './storefront.ts';
import { FAKE_SHOPIFY_VARIANTS, variantGid } from './storefront-catalogue.ts';

export { createFakeShopifyAdmin, FAKE_ADMIN_SCOPES, FAKE_WEBHOOK_TOPICS } from './admin-graphql.ts';
export { FAKE_SHOPIFY_RATES, FAKE_SHOPIFY_VARIANTS } from './storefront.ts';

/** An order as the fake shop keeps it, in the contract suite's terms. */
export interface FakeShopifyPlatformOrder {
  readonly id: string;
  readonly checkoutId: string;
  readonly paid: boolean;
  readonly total: Money;
  readonly transactionId?: string;
  readonly pickupPointId?: string;
  readonly nip?: string;
}

export interface ShopifyFake {
  readonly platform: 'shopify';
  /** `http://127.0.0.1:<port>`: both APIs, and the planned faults, behind one address. */
  readonly url: string;
  /** The mode B adapter settings that reach this fake (`endpoint` set). */
  readonly config: ShopifyConfigInput & { mode: 'B'; customApp: true; endpoint: string };
  /** The demo catalogue: coffee, chocolate, a book and a mug (ids are the demo shop's). */
  readonly products: readonly FakeCatalogueProduct[];
  /** A cart made as the shop's cart page makes it (Storefront `cartCreate`); its id is Kasa's cart ref. */
  createCart(lines?: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  readonly admin: FakeShopifyAdmin;
  readonly storefront: FakeStorefront;
  readonly faults: FaultPlan;
  readonly shop: {
    platformOrders(): FakeShopifyPlatformOrder[];
    /** Every request the fake answered (Admin and Storefront). */
    readonly requests: readonly unknown[];
    signWebhook(body: string, topic?: string): RawRequest;
  };
  close(): Promise<void>;
}

const attr = (order: FakeOrder, key: string) => order.customAttributes.find((a) => a.key === key)?.value;

/** An order in the contract suite's terms. */
export function platformOrderOf(order: FakeOrder): FakeShopifyPlatformOrder {
  const sale = order.transactions.find((t) => t.kind === 'SALE' && t.gateway.includes(' · '));
  const transactionId = sale?.gateway.slice(sale.gateway.lastIndexOf(' · ') + 3);
  const pickupPointId = attr(order, ATTR_NAMES.locker);
  const nip = attr(order, ATTR_NAMES.nip);
  return {
    id: order.id.slice(order.id.lastIndexOf('/') + 1),
    checkoutId: attr(order, ATTR_NAMES.checkoutId) ?? '',
    paid: order.displayFinancialStatus === 'PAID',
    total: {
      amount: minorOf(order.totalPriceSet.shopMoney.amount),
      currency: order.totalPriceSet.shopMoney.currencyCode,
    },
    ...(order.displayFinancialStatus === 'PAID' && transactionId ? { transactionId } : {}),
    ...(pickupPointId ? { pickupPointId } : {}),
    ...(nip ? { nip } : {}),
  };
}

/**
 * Starts a fake Shopify shop on 127.0.0.1 (a free port): the Storefront Cart API (S3's fake) and
 * the Admin GraphQL API behind one address, which plays @kasa/adapter-testing's planned faults for
 * both. Sells the demo catalogue; mode B settings in `config`.
 *
 * @example
 * const fake = await createShopifyFake();
 * const adapter = createShopifyAdapter(fake.config);
 * const cart = await adapter.getCart(await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]));
 * await fake.close();
 */
export async function createShopifyFake(
  options: Partial<Omit<FakeAdminOptions, 'variants'>> & { port?: number } = {},
): Promise<ShopifyFake> {
  const shop = options.shop ?? 'kasa-fake.myshopify.com';
  const apiSecretKey = options.apiSecretKey ?? randomBytes(24).toString('hex');
  const storefront = await startFakeStorefront({ shop, webhookSecret: apiSecretKey });
  const admin = createFakeShopifyAdmin({
    ...options,
    shop,
    apiSecretKey,
    variants: FAKE_SHOPIFY_VARIANTS.map((v) => ({
      id: variantGid(v.id),
      priceMinor: v.price.amount,
      title: v.title,
      sku: v.sku,
    })),
  });
  const faults = createFaultPlan();
  const requests: { path: string }[] = [];
  const server = await serveFake({
    faults,
    errorResponse: admin.errorResponse,
    ...(options.port ? { port: options.port } : {}),
    async handler(req) {
      requests.push({ path: req.url.pathname });
      if (req.url.pathname.startsWith('/admin/')) return admin.handle(req);
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key))
          headers[key] = value;
      }
      const answer = await fetch(`${storefront.url}${req.url.pathname}`, {
        method: req.method,
        headers,
        body: req.body,
      });
      return {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
        body: JSON.parse(await answer.text()),
      };
    },
  });
  const products: FakeCatalogueProduct[] = FAKE_SHOPIFY_VARIANTS.map((v) => ({
    id: v.kasaId,
    name: v.title,
    sku: v.sku,
    price: v.price,
    vatRate: v.vatRate,
  }));
  return {
    platform: 'shopify',
    url: server.url,
    config: {
      shop,
      adminAccessToken: admin.adminAccessToken,
      apiSecretKey,
      storefrontPrivateToken: storefront.storefrontAccessToken,
      mode: 'B',
      customApp: true,
      endpoint: server.url,
    },
    products,
    createCart: async (lines) => storefront.createCart(lines),
    admin,
    storefront,
    faults,
    shop: {
      platformOrders: () => admin.orders().map(platformOrderOf),
      requests,
      signWebhook: (body, topic) => admin.signWebhook(body, topic),
    },
    async close() {
      await server.close();
      await storefront.close();
    },
  };
}
