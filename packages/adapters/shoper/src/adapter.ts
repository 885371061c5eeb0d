import {
  type DiagnosticCheck,
  failedCheck,
  type RawRequest,
  type ShippingOption,
  type StorefrontAdapter,
  type WebhookEvent,
} from '@kasa/core';
import { readCart } from './cart.ts';
import { parseShoperConfig, type ShoperConfig } from './config.ts';
import { diagnoseShoper } from './diagnose.ts';
import { ShopIdCache } from './mapping.ts';
import type { OrderContext } from './orders/context.ts';
import { cancelShoperOrder, getShoperOrder, markShoperOrderPaid } from './orders/pay.ts';
import { findShoperOrder, placeShoperOrder } from './orders/place.ts';
import { createShoperRest, type ShoperHttpOptions } from './rest/client.ts';
import { listAll } from './rest/list.ts';
import { type Shipping, shippingSchema } from './rest/schemas.ts';
import { toShippingOptions } from './shipping.ts';
import { verifyShoperWebhook, type WebhookKey } from './webhook.ts';

export interface ShoperAdapterOptions extends ShoperHttpOptions {
  /** The Kasa server's webhook URL, for the doctor's webhook check (default: any URL ending in /api/webhooks/shoper). */
  readonly webhookUrl?: string;
}

export interface ShoperAdapter extends StorefrontAdapter {
  readonly platform: 'shoper';
  verifyWebhook(req: RawRequest): Promise<WebhookEvent>;
  cancelOrder(input: { orderId: string; reason: string }): Promise<void>;
  diagnose(): Promise<readonly DiagnosticCheck[]>;
  /**
   * Gets a new token now, from the newest grant (an AppStore install's code is valid only briefly,
   * so it is exchanged at once). Throws KasaError('platform_auth_failed') when Shoper refuses it.
   */
  connect(): Promise<void>;
  /** The validated configuration, secrets included: never log it. */
  readonly config: ShoperConfig;
}

const webhookKey = (config: ShoperConfig): WebhookKey =>
  config.webhookScheme === 'appstore' && config.appstoreSecret !== undefined
    ? { scheme: 'appstore', secret: config.webhookSecret, appstoreSecret: config.appstoreSecret }
    : { scheme: 'admin', secret: config.webhookSecret };

/**
 * Kasa's storefront adapter for a Shoper shop, over its REST webapi. The cart ref is a basket the
 * storefront script read in the shopper's browser (`encodeBasketRef`); every price in it is
 * confirmed from REST before a checkout starts. Orders are written with `POST /orders` and one
 * `/bulk` of lines; payments as finished order transactions. Calls wait for the shop's leaky bucket;
 * the token is cached and renewed once on a 401.
 *
 * Calls per order (after the token and the shop's ids, read once per adapter: statuses, taxes,
 * currencies): getCart 1 (a bulk of products and stocks), quoteShipping 1, placeOrder 2 (POST /orders,
 * a bulk of the lines and a read of the order; 3 when resumed: the lookup first), markPaid 2.
 *
 * @example
 * const shoper = createShoperAdapter({ shopUrl: 'https://sklep.pl', auth: { login: 'kasa', password: '…' },
 *   webhookSecret: '…', paymentIds: { prepaid: 3, cod: 2 } }, { onCall: (call) => log(call.operation) });
 * const cart = await shoper.getCart(ref);
 */
export function createShoperAdapter(configInput: unknown, options: ShoperAdapterOptions = {}): ShoperAdapter {
  const config = parseShoperConfig(configInput);
  const rest = createShoperRest(config, options);
  const ids = new ShopIdCache(rest, config);
  let shippings: Promise<Shipping[]> | undefined;
  const readShippings = () => {
    const reading = listAll(rest, 'quoteShipping: GET /shippings', '/shippings', shippingSchema);
    shippings = reading;
    reading.catch(() => {
      if (shippings === reading) shippings = undefined;
    });
    return reading;
  };
  const ctx: OrderContext = {
    rest,
    ids,
    config,
    shippings: (fresh = false) => (fresh || shippings === undefined ? readShippings() : shippings),
    attempted: new Set(),
  };
  const key = webhookKey(config);

  return {
    platform: 'shoper',
    config,
    getCart: (ref) => readCart(rest, ids, ref),
    async quoteShipping({ cart }): Promise<ShippingOption[]> {
      const list = await readShippings();
      const { taxRates } = await ids.get();
      return toShippingOptions(list, cart, taxRates, config.lockerShippingIds);
    },
    placeOrder: (input) => placeShoperOrder(ctx, input),
    markPaid: (input) => markShoperOrderPaid(ctx, input),
    findOrderByCheckout: (checkoutId) => findShoperOrder(ctx, checkoutId),
    getOrder: (orderId) => getShoperOrder(ctx, orderId),
    cancelOrder: (input) => cancelShoperOrder(ctx, input),
    verifyWebhook: async (req) => verifyShoperWebhook(req, key),
    connect: () => rest.reconnect(),
    async diagnose() {
      try {
        return await diagnoseShoper(
          config,
          rest,
          options.webhookUrl === undefined ? {} : { webhookUrl: options.webhookUrl },
        );
      } catch (error) {
        return [failedCheck('doctor', error)];
      }
    },
  };
}
