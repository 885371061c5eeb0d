/**
 * The contract suite's harness on the real shop: the adapter configured as a merchant configures
 * it (the shop's REST key, the webhook secret the plugin shows, the locker rate named in
 * `lockerMethods`), carts made by a guest's or a customer's storefront session, and the platform's
 * own view of the orders read through REST v3 as the admin.
 */
import type { AdapterHarness, PlatformOrder } from '@kasa/adapter-testing';
import { withDetails } from '@kasa/adapter-testing/real';
import { money } from '@kasa/core';
import { createWooCommerceAdapter } from '../adapter.ts';
import type { WooCommerceConfigInput } from '../config.ts';
import type { CallRecord } from '../http.ts';
import { restMoney } from '../money.ts';
import { signWooWebhook } from '../webhook.ts';
import type { RealShop } from './platform.ts';
import type { Shopper } from './shopper.ts';
import type { WpSession } from './wp-admin.ts';

/** What every real test shares: the shop, the plugin's secrets, the locker rate. */
export interface RealContext {
  readonly shop: RealShop;
  /** The admin's wp-admin session (settings pages). */
  readonly admin: WpSession;
  readonly webhookSecret: string;
  readonly shopKey: string;
  /** The rate id of the shop's "Paczkomat InPost 24/7" flat rate, e.g. `flat_rate:3`. */
  readonly lockerRate: string;
}

/** The sample product's gross price: 49.90 zł, taxes off. */
export const COFFEE_PRICE = money(4990);

/** The shop's flat rate titled as a Paczkomat (no InPost plugin here), made once; its rate id. */
export async function ensureLockerRate(shop: RealShop): Promise<string> {
  const title = 'Paczkomat InPost 24/7';
  type Method = { instance_id: number; method_id: string; title: string };
  const methods = await shop.wp<Method[]>('GET', '/wc/v3/shipping/zones/0/methods');
  const found =
    methods.body.find((m) => m.method_id === 'flat_rate' && m.title === title) ??
    (
      await shop.wp<Method>('POST', '/wc/v3/shipping/zones/0/methods', {
        method_id: 'flat_rate',
        settings: { title, cost: '12.99', tax_status: 'none' },
      })
    ).body;
  return `flat_rate:${found.instance_id}`;
}

export function adapterConfig(
  ctx: RealContext,
  overrides: Partial<WooCommerceConfigInput> = {},
): WooCommerceConfigInput {
  return {
    url: ctx.shop.url,
    consumerKey: ctx.shop.consumerKey,
    consumerSecret: ctx.shop.consumerSecret,
    webhookSecret: ctx.webhookSecret,
    lockerMethods: [ctx.lockerRate],
    // php -S on a shared machine: patient timeouts, few retries (nothing here plays faults).
    timeoutMs: 30_000,
    retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 2_000 },
    ...overrides,
  };
}

interface RestOrderLite {
  id: number;
  status: string;
  total: string;
  currency: string;
  payment_method: string;
  transaction_id: string;
  date_paid_gmt: string | null;
  meta_data: { key: string; value: unknown }[];
}

/** Every order of the shop, as the admin sees them (drafts included). */
export async function allOrders(shop: RealShop): Promise<RestOrderLite[]> {
  const out: RestOrderLite[] = [];
  for (let page = 1; ; page++) {
    const list = await shop.wp<RestOrderLite[]>('GET', `/wc/v3/orders?per_page=100&page=${page}&status=any`);
    out.push(...list.body);
    if (list.body.length < 100) return out;
  }
}

const metaOf = (o: RestOrderLite, key: string) => {
  const value = o.meta_data.find((m) => m.key === key)?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export function toPlatformOrder(o: RestOrderLite): PlatformOrder {
  const pickupPointId = metaOf(o, '_parcel_machine_id');
  const nip = metaOf(o, '_billing_nip');
  return {
    id: String(o.id),
    checkoutId: metaOf(o, '_kasa_checkout_id') ?? '',
    paid: o.payment_method !== 'cod' && o.date_paid_gmt !== null,
    total: restMoney(o.total, o.currency),
    ...(o.transaction_id ? { transactionId: o.transaction_id } : {}),
    ...(pickupPointId ? { pickupPointId } : {}),
    ...(nip ? { nip } : {}),
  };
}

/** A harness for `describeStorefrontAdapter`; `calls` collects every platform call the adapters make. */
export function realHarness(
  context: () => RealContext,
  shopper: () => Shopper,
  { calls = [], config = {} }: { calls?: CallRecord[]; config?: Partial<WooCommerceConfigInput> } = {},
): () => Promise<AdapterHarness> {
  return async () => {
    const ctx = context();
    const make = () =>
      withDetails(
        createWooCommerceAdapter(adapterConfig(ctx, config), { onCall: (call) => calls.push(call) }),
      );
    const lines = [{ productId: ctx.shop.productId, quantity: 2 }];
    return {
      adapter: make(),
      async createCart() {
        const ref = await shopper().createCart(lines);
        return {
          ref,
          expected: {
            lines: [
              {
                productId: String(ctx.shop.productId),
                sku: 'KAWA-250',
                quantity: 2,
                unitPrice: COFFEE_PRICE,
              },
            ],
            subtotal: money(COFFEE_PRICE.amount * 2),
          },
        };
      },
      platformOrders: async () =>
        (await allOrders(ctx.shop)).filter((o) => o.status !== 'checkout-draft').map(toPlatformOrder),
      signWebhook: (body) => ({
        headers: {
          'x-wc-webhook-source': `${ctx.shop.url}/`,
          'x-wc-webhook-topic': 'order.updated',
          'x-wc-webhook-resource': 'order',
          'x-wc-webhook-event': 'updated',
          'x-wc-webhook-signature': signWooWebhook(body, ctx.webhookSecret),
        },
        body,
      }),
      restart: make,
      close: () => {},
    };
  };
}
