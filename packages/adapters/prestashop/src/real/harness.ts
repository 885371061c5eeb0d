/**
 * The contract suite's harness on the real shop: the adapter configured as a merchant configures it
 * (the webservice key, the module's shared key and webhook secret from its configuration page),
 * visitor carts made through the webservice and handed over with the module's signed reference, and
 * the shop's own view of Kasa's orders read inside PrestaShop.
 */
import { createHmac } from 'node:crypto';
import type { AdapterHarness, PlatformOrder } from '@kasa/adapter-testing';
import { withDetails } from '@kasa/adapter-testing/real';
import { type Money, money } from '@kasa/core';
import { createPrestaShopAdapter } from '../adapter.ts';
import { parseAmount } from '../amounts.ts';
import type { PrestaShopConfigInput } from '../config.ts';
import type { CallRecord } from '../http.ts';
import { parseKasaNote } from '../note.ts';
import { PRESTASHOP_SIGNATURE_HEADER, signPrestaShopWebhook } from '../webhook.ts';
import type { ModuleSecrets } from './module.ts';
import type { RealPrestaShop } from './platform.ts';

/** What `tools.php poland` made: the shop's ids Kasa's tests use. */
export interface PolishShop {
  readonly coffeeId: number;
  readonly currencyId: number;
  readonly countryId: number;
  readonly langId: number;
  readonly lockerCarrier: { readonly id: number; readonly reference: number };
}

/** What every real test shares. */
export interface RealContext extends ModuleSecrets {
  readonly shop: RealPrestaShop;
  readonly polish: PolishShop;
}

/** The sample product's gross price: 49.90 zł at 23% VAT. */
export const COFFEE_PRICE = money(4990);

export function adapterConfig(
  ctx: RealContext,
  overrides: Partial<PrestaShopConfigInput> = {},
): PrestaShopConfigInput {
  return {
    shopUrl: ctx.shop.url,
    webserviceKey: ctx.shop.webserviceKey,
    module: { key: ctx.moduleKey },
    webhookSecret: ctx.webhookSecret,
    // php -S on a shared machine: patient timeouts, few retries (nothing here plays faults).
    timeoutMs: 30_000,
    retries: 1,
    retryBaseMs: 200,
    retryMaxMs: 2_000,
    ...overrides,
  };
}

/** The storefront's reference for a cart: what the module's cart page hands Kasa (`<id>-<hmac>`). */
export function cartRefOf(cartId: number, moduleKey: string): string {
  const mac = createHmac('sha256', moduleKey).update(`cart:${cartId}`).digest('hex');
  return `${cartId}-${mac.slice(0, 16)}`;
}

/** A visitor's cart (no customer yet), as the storefront makes it; its id. */
export async function createVisitorCart(
  ctx: RealContext,
  lines: readonly { product: number; attribute?: number; quantity: number }[],
): Promise<number> {
  const rows = lines
    .map(
      (l) =>
        `<cart_row><id_product>${l.product}</id_product><id_product_attribute>${l.attribute ?? 0}</id_product_attribute><id_address_delivery>0</id_address_delivery><quantity>${l.quantity}</quantity></cart_row>`,
    )
    .join('');
  const created = await ctx.shop.ws<{ cart: { id: string } }>(
    'POST',
    'carts',
    `<prestashop><cart><id_currency>${ctx.polish.currencyId}</id_currency><id_lang>${ctx.polish.langId}</id_lang><associations><cart_rows>${rows}</cart_rows></associations></cart></prestashop>`,
  );
  return Number(created.body.cart.id);
}

export interface KasaOrderRow {
  readonly customerId: number;
  readonly note: string;
  readonly cartId: number;
  readonly order: {
    readonly id: number;
    readonly state: number;
    readonly paid: boolean;
    readonly totalPaid: string;
    readonly module: string;
    readonly payment: string;
  } | null;
  readonly transactionId: string | null;
  readonly point: string | null;
  readonly nip: string | null;
}

export const kasaOrders = (shop: RealPrestaShop) => shop.tool<KasaOrderRow[]>('kasa-orders');

const pln = (value: string): Money | undefined => parseAmount(value, 'PLN');

export function toPlatformOrder(row: KasaOrderRow): PlatformOrder | undefined {
  const note = parseKasaNote(row.note);
  if (!note) return undefined;
  const total = row.order ? pln(row.order.totalPaid) : note.total;
  return {
    id: row.cartId > 0 ? String(row.cartId) : `customer-${row.customerId}`,
    checkoutId: note.checkoutId,
    paid: row.order?.paid ?? false,
    ...(row.transactionId ? { transactionId: row.transactionId } : {}),
    ...(row.point ? { pickupPointId: row.point } : {}),
    ...(row.nip ? { nip: row.nip } : {}),
    ...(total ? { total } : {}),
  };
}

/** A harness for `describeStorefrontAdapter`; `calls` collects every platform call the adapters make. */
export function realHarness(
  context: () => RealContext,
  { calls = [], config = {} }: { calls?: CallRecord[]; config?: Partial<PrestaShopConfigInput> } = {},
): () => Promise<AdapterHarness> {
  return async () => {
    const ctx = context();
    const make = () =>
      withDetails(
        createPrestaShopAdapter(adapterConfig(ctx, config), { onCall: (call) => calls.push(call) }),
      );
    return {
      adapter: make(),
      async createCart() {
        const cartId = await createVisitorCart(ctx, [{ product: ctx.polish.coffeeId, quantity: 2 }]);
        return {
          ref: cartRefOf(cartId, ctx.moduleKey),
          expected: {
            lines: [
              {
                productId: String(ctx.polish.coffeeId),
                sku: 'KAWA-250',
                quantity: 2,
                unitPrice: COFFEE_PRICE,
              },
            ],
            subtotal: money(COFFEE_PRICE.amount * 2),
          },
        };
      },
      platformOrders: async () => (await kasaOrders(ctx.shop)).flatMap((row) => toPlatformOrder(row) ?? []),
      signWebhook: (body) => ({
        headers: {
          'content-type': 'application/json',
          [PRESTASHOP_SIGNATURE_HEADER]: signPrestaShopWebhook(body, ctx.webhookSecret),
        },
        body,
      }),
      restart: make,
      close: () => {},
    };
  };
}
