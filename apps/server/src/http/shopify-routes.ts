import type { CheckoutView, Money } from '@kasa/core';
import type { Context } from 'hono';
import { z } from 'zod';
import type { CheckoutService } from '../checkout/service.ts';
import type { ApiRoute } from './checkout-routes.ts';

/**
 * Mode A of a Shopify store: Kasa's step (contact, delivery, the InPost locker) ends by handing the
 * shopper to Shopify's checkout, which takes the payment. The hand-off itself (which Storefront
 * mutations, in which order) lives in @kasa/adapter-shopify/storefront.
 */

/** What the hand-off answers; structurally the adapter package's `HandoffResult`. */
export interface ShopifyHandoffResult {
  readonly cartId: string;
  readonly checkoutUrl: string;
  readonly delivery: { readonly title: string; readonly price: Money };
  readonly total: Money;
  readonly shippingPriceChanged: boolean;
}

/** `buyerIp` goes to Shopify only (Shopify-Storefront-Buyer-IP), never to a log. */
export type ShopifyHandoff = (
  view: CheckoutView,
  buyer?: { readonly buyerIp?: string },
  tracking?: { readonly visitorId?: string; readonly experiments?: Readonly<Record<string, string>> },
) => Promise<ShopifyHandoffResult>;

/** Money in minor units, as every Kasa answer has it. */
const moneySchema = z.object({ amount: z.number().int(), currency: z.string().length(3) });

const handoffAnswer = z.object({
  /** Send the shopper here: Shopify's checkout for the cart built from this checkout. */
  checkoutUrl: z.url(),
  delivery: z.object({ title: z.string(), price: moneySchema }),
  /** Shopify's estimate with delivery (its checkout has the final word, e.g. on discounts). */
  total: moneySchema,
  /** Shopify prices the delivery differently from Kasa's quote: say so before the shopper goes. */
  shippingPriceChanged: z.boolean(),
});

/**
 * `POST /api/checkouts/:id/shopify-checkout`, only when the store is Shopify in mode A.
 *
 * @example
 * const routes = [...checkoutRoutes(ctx), ...shopifyRoutes({ service, handOff: modeAHandoffOf(adapter) })];
 */
export function shopifyRoutes(ctx: {
  service: CheckoutService;
  handOff?: ShopifyHandoff | undefined;
  /** The shopper's address, for Shopify's per-buyer throttling and bot screening. */
  clientIp?: (c: Context) => string;
}): ApiRoute[] {
  const { service, handOff, clientIp } = ctx;
  if (!handOff) return [];
  return [
    {
      method: 'post',
      path: '/api/checkouts/:id/shopify-checkout',
      summary:
        "Shopify mode A: build the Shopify cart for this checkout (lines, buyer, delivery address and option, attributes inpost_point, kasa_checkout_id and, for Kasa's pixel, kasa_visitor_id and kasa_experiments) and answer Shopify's checkout URL",
      success: { status: 200, description: 'Where to send the shopper', schema: handoffAnswer },
      handler: async (c: Context) => {
        const view = await service.get(c.req.param('id') ?? '');
        // For Kasa's pixel on Shopify's checkout: the consented visitor id and the arms shown, if any.
        const visitorId = service.visitorOf(view.id);
        const experiments = service.shownPresentation(view.id)?.arms;
        const result = await handOff(view, clientIp ? { buyerIp: clientIp(c) } : {}, {
          ...(visitorId ? { visitorId } : {}),
          ...(experiments && Object.keys(experiments).length > 0 ? { experiments } : {}),
        });
        return c.json({
          checkoutUrl: result.checkoutUrl,
          delivery: { title: result.delivery.title, price: result.delivery.price },
          total: result.total,
          shippingPriceChanged: result.shippingPriceChanged,
        });
      },
    },
  ];
}
