import type { HarnessCart, PlatformOrder } from '@kasa/adapter-testing';
import {
  createFaultPlan,
  type FakeRequest,
  type FakeResponse,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import { money } from '@kasa/core';
import type { PrestaShopConfigInput } from '../config.ts';
import { parseKasaNote } from '../note.ts';
import { type AdminApiState, handleAdminApi } from './admin-api.ts';
import { handleModule } from './module.ts';
import type { Permissions } from './resources.ts';
import { FakeShop, grosze } from './shop.ts';
import { handleWebservice } from './webservice.ts';

export {
  createPrestaShopFake,
  type FakeCatalogueProduct,
  type FakeShippingMethod,
  type PrestaShopFake,
} from './demo.ts';
export { FakeShop, SHOP_IDS, STATES } from './shop.ts';
export { filterMatcher } from './webservice.ts';

/**
 * A local PrestaShop for tests and benchmarks: the webservice, the Kasa module's endpoint and the
 * PrestaShop 9 Admin API on 127.0.0.1 over real HTTP, with planned faults.
 *
 * @example
 * const fake = await startFakePrestaShop();
 * const adapter = createPrestaShopAdapter(fake.config);
 * const { ref } = await fake.createCart();
 * await adapter.getCart(ref);
 * await fake.close();
 */

export interface FakePrestaShopOptions {
  readonly webserviceKey?: string;
  readonly moduleKey?: string;
  readonly webhookSecret?: string;
  /** Installed modules; drop `inpostshipping` to make the Kasa module use its own locker table. */
  readonly modules?: Readonly<Record<string, { payment: boolean; active: boolean }>>;
  readonly permissions?: Permissions;
  /** Serve the PrestaShop 9 Admin API and put its client in `config`. */
  readonly adminApi?: boolean;
  /** Scopes the Admin API client was given; default `cart_read` and `order_write`. */
  readonly adminApiScopes?: readonly string[];
  /** Overrides for the adapter config the fake hands out (e.g. a short timeout for fault tests). */
  readonly config?: Partial<PrestaShopConfigInput>;
  /** "Enable PrestaShop's webservice"; default true. */
  readonly webserviceEnabled?: boolean;
  /** Whether the Kasa module is installed and enabled; default true (else its endpoint is a 404 page). */
  readonly kasaModule?: boolean;
  /** Whether the InPost module's table exists when that module is enabled; default true. */
  readonly inpostTable?: boolean;
  /** Whether the Kasa module's "Kasa webhook URL" is filled in; default true. */
  readonly webhookUrlSet?: boolean;
  /** Carrier reference ids marked as locker carriers on the Kasa module's page; default none. */
  readonly lockerCarriers?: readonly number[];
  /** The port on 127.0.0.1; default a free one. */
  readonly port?: number;
}

export interface FakeRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly action?: string;
}

export interface FakePrestaShop {
  readonly url: string;
  readonly shop: FakeShop;
  readonly faults: FaultPlan;
  /** Adapter settings pointing at this fake. */
  readonly config: PrestaShopConfigInput;
  /** Every request the fake received (faulted ones included), in order. */
  readonly requests: readonly FakeRequestRecord[];
  /** A visitor's cart on the storefront, as the contract suite expects it. */
  createCart(
    lines?: readonly { product: number; attribute?: number; quantity: number }[],
  ): Promise<HarnessCart>;
  /** One entry per guest customer Kasa created (a duplicate shows as two). */
  platformOrders(): Promise<PlatformOrder[]>;
  signWebhook(body: string): { headers: Record<string, string>; body: string };
  close(): Promise<void>;
}

export const FAKE_WEBSERVICE_KEY = 'KASAFAKEPRESTASHOPKEY00000000001';
const DEFAULT_MODULE_KEY = 'kasa-fake-module-key-0123456789abcdef';
const DEFAULT_WEBHOOK_SECRET = 'kasa-fake-webhook-secret-0123456789abcdef';

const proxyError = (status: number): FakeResponse => ({
  status,
  headers: { 'content-type': 'text/html' },
  body: `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`,
});

export async function startFakePrestaShop(options: FakePrestaShopOptions = {}): Promise<FakePrestaShop> {
  const webserviceKey = options.webserviceKey ?? FAKE_WEBSERVICE_KEY;
  const moduleKey = options.moduleKey ?? DEFAULT_MODULE_KEY;
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const shop = new FakeShop({
    moduleKey,
    webhookSecret,
    ...(options.modules ? { modules: options.modules } : {}),
    ...(options.inpostTable === undefined ? {} : { inpostTable: options.inpostTable }),
    ...(options.webhookUrlSet === undefined ? {} : { webhookUrlSet: options.webhookUrlSet }),
    ...(options.lockerCarriers ? { lockerCarriers: options.lockerCarriers } : {}),
  });
  const faults = createFaultPlan();
  const requests: FakeRequestRecord[] = [];
  const admin: AdminApiState = {
    clientId: 'kasa',
    clientSecret: 'kasa-admin-api-secret',
    tokens: new Set(),
    scopes: options.adminApiScopes ?? ['cart_read', 'order_write'],
  };

  const handler = (req: FakeRequest): FakeResponse => {
    const path = req.url.pathname;
    if (path.startsWith('/api/') || path === '/api') {
      return handleWebservice(
        shop,
        {
          key: webserviceKey,
          ...(options.permissions ? { permissions: options.permissions } : {}),
          ...(options.webserviceEnabled === undefined ? {} : { enabled: options.webserviceEnabled }),
        },
        req,
        path.slice(5),
      );
    }
    if (
      path === '/index.php' &&
      req.url.searchParams.get('fc') === 'module' &&
      req.url.searchParams.get('module') === 'kasa' &&
      options.kasaModule !== false
    ) {
      return handleModule(shop, moduleKey, req);
    }
    if (options.adminApi && path.startsWith('/admin-api/'))
      return handleAdminApi(shop, admin, req, path.slice(11));
    return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>404 Not Found</h1>' };
  };

  const server = await serveFake({
    ...(options.port === undefined ? {} : { port: options.port }),
    faults,
    errorResponse: proxyError,
    handler: (req) => {
      const action = req.url.searchParams.get('action');
      requests.push({ method: req.method, path: req.url.pathname, ...(action ? { action } : {}) });
      return handler(req);
    },
  });
  // serveFake consults the plan before the handler, so faulted requests are counted by the plan.
  const config: PrestaShopConfigInput = {
    shopUrl: server.url,
    webserviceKey,
    module: { key: moduleKey },
    webhookSecret,
    ...(options.adminApi
      ? { adminApi: { clientId: admin.clientId, clientSecret: admin.clientSecret, employeeId: 1 } }
      : {}),
    ...options.config,
  };

  return {
    url: server.url,
    shop,
    faults,
    config,
    requests,

    async createCart(
      lines = [
        { product: 1, quantity: 2 },
        { product: 2, attribute: 7, quantity: 1 },
      ],
    ) {
      const cartId = shop.createStorefrontCart(lines);
      const totals = shop.totals(cartId);
      if (!totals) throw new Error('fake cart has no totals');
      return {
        ref: shop.cartRef(cartId),
        expected: {
          lines: totals.lines.map((l) => ({
            productId: String(l.product.id),
            sku: l.product.reference,
            quantity: Number(l.row.quantity),
            unitPrice: money(l.unit),
          })),
          subtotal: money(totals.total - totals.shipping),
        },
      };
    },

    async platformOrders() {
      const orders: PlatformOrder[] = [];
      for (const customer of shop.table('customers').values()) {
        const note = customer.note ? parseKasaNote(customer.note) : undefined;
        if (!note) continue;
        const cart = [...shop.table('carts').values()].find((c) => c.id_customer === customer.id);
        const cartId = cart ? Number(cart.id) : undefined;
        const order = cartId === undefined ? undefined : shop.orderForCart(cartId);
        const state = order ? shop.stateSpec(Number(order.current_state)) : undefined;
        const payment = order ? shop.paymentsOf(order)[0] : undefined;
        const invoice = cart ? shop.table('addresses').get(Number(cart.id_address_invoice)) : undefined;
        const point = cartId === undefined ? undefined : shop.lockerOf(cartId);
        const total = order ? money(grosze(order.total_paid ?? '0')) : note.total;
        orders.push({
          id: cartId === undefined ? `customer-${customer.id}` : String(cartId),
          checkoutId: note.checkoutId,
          paid: state?.paid ?? false,
          ...(payment?.transaction_id ? { transactionId: payment.transaction_id } : {}),
          ...(point ? { pickupPointId: point } : {}),
          ...(invoice?.vat_number ? { nip: invoice.vat_number } : {}),
          ...(total ? { total } : {}),
        });
      }
      return orders;
    },

    signWebhook: (body) => shop.signWebhook(body),

    close: () => server.close(),
  };
}
