import {
  checkoutViewSchema,
  derivedOnce,
  FINAL_PAYMENT_STATUSES,
  KasaError,
  type PickupPointProvider,
  paymentStatusSchema,
  paymentViewSchema,
  pickupPointSchema,
  type ShippingOption,
  shippingOptionSchema,
} from '@kasa/core';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  cartBody,
  consentsBody,
  contactBody,
  createCheckoutBody,
  deliveryBody,
  invoiceBody,
  paymentMethodBody,
  startPaymentBody,
} from '../checkout/data.ts';
import { ORDER_UNCONFIRMED } from '../checkout/payment-flow.ts';
import type { CheckoutService, StoreWebhookResult } from '../checkout/service.ts';
import { jsonAnswer } from './json-answer.ts';
import type { ApiRouteDoc } from './openapi.ts';
import { langParam, readBody, readQuery } from './request.ts';

export interface ApiRoute extends ApiRouteDoc {
  readonly handler: (c: Context) => Promise<Response> | Response;
}

export interface RouteContext {
  readonly service: CheckoutService;
  readonly pickup: PickupPointProvider;
  readonly clientIp: (c: Context) => string;
  /** Origins a payment may send the shopper back to. */
  readonly returnOrigins: ReadonlySet<string>;
  readonly ssePollMs: number;
  readonly logger?: Logger;
}

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/);

const shippingQuery = z.strictObject({
  postcode: z
    .string()
    .regex(/^\d{2}-?\d{3}$/)
    .optional(),
  lang: langParam,
});
const pickupQuery = z.strictObject({
  postcode: z.string().max(10).optional(),
  q: z.string().max(100).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  lang: langParam,
});

// Answers that are not a checkout or a payment attempt, for the OpenAPI document.
const shippingOptionsAnswer = z.object({ shippingOptions: z.array(shippingOptionSchema) });
const pickupPointsAnswer = z.object({
  points: z.array(pickupPointSchema),
  /** The carrier's API did not answer: these are the points of its last good answer, from `fetchedAt`. */
  stale: z.object({ fetchedAt: z.iso.datetime() }).optional(),
});
const notificationAnswer = z.object({ received: z.literal(true), status: paymentStatusSchema });
const webhookAnswer = z.object({
  received: z.literal(true),
  topic: z.string(),
  outcome: z.enum([
    'in_sync',
    'updated',
    'differs',
    'not_kasa',
    'ignored',
  ] satisfies StoreWebhookResult['outcome'][]),
});

/** One answer object per quote, so a reused quote's text is reused too (see jsonAnswer). */
const shippingAnswer = derivedOnce((shippingOptions: ShippingOption[]) => ({ shippingOptions }));

const id = (c: Context) => c.req.param('id') ?? '';
const paymentId = (c: Context) => c.req.param('paymentId') ?? '';

/** The checkout API: one table of routes, from which the router and the OpenAPI document are both made. */
export function checkoutRoutes(ctx: RouteContext): ApiRoute[] {
  const { service } = ctx;
  const json = (c: Context, body: unknown, status: 200 | 201 = 200) => jsonAnswer(c, body as object, status);

  return [
    {
      method: 'post',
      path: '/api/checkouts',
      summary: 'Start a checkout from a storefront cart',
      body: createCheckoutBody,
      success: {
        status: 201,
        description: 'The new checkout with authoritative totals',
        schema: checkoutViewSchema,
      },
      handler: async (c) => json(c, await service.create(await readBody(c, createCheckoutBody)), 201),
    },
    {
      method: 'get',
      path: '/api/checkouts/:id',
      summary: 'Read a checkout: lines, totals, shipping options, payment methods, order and payment',
      success: { status: 200, description: 'The checkout', schema: checkoutViewSchema },
      handler: async (c) => json(c, await service.get(id(c))),
    },
    {
      method: 'get',
      path: '/api/checkouts/:id/shipping-options',
      summary: 'Quote shipping for the cart, optionally for a postcode',
      query: shippingQuery,
      success: {
        status: 200,
        description: 'Shipping options with prices and ETA',
        schema: shippingOptionsAnswer,
      },
      handler: async (c) => {
        const { postcode } = readQuery(c, shippingQuery);
        return json(c, shippingAnswer(await service.shippingOptions(id(c), postcode)));
      },
    },
    {
      method: 'put',
      path: '/api/checkouts/:id/cart',
      summary:
        "Hand over a changed cart (the shop's cart page starts the checkout before the shopper orders)",
      body: cartBody,
      success: { status: 200, description: 'The checkout with the new cart', schema: checkoutViewSchema },
      handler: async (c) => json(c, await service.changeCart(id(c), (await readBody(c, cartBody)).cartRef)),
    },
    {
      method: 'put',
      path: '/api/checkouts/:id/contact',
      summary: 'Set e-mail, phone and name',
      body: contactBody,
      success: { status: 200, description: 'The updated checkout', schema: checkoutViewSchema },
      handler: async (c) => json(c, await service.setContact(id(c), await readBody(c, contactBody))),
    },
    {
      method: 'put',
      path: '/api/checkouts/:id/delivery',
      summary: 'Choose a shipping option with a pickup point or an address',
      body: deliveryBody,
      success: { status: 200, description: 'The updated checkout', schema: checkoutViewSchema },
      handler: async (c) => json(c, await service.setDelivery(id(c), await readBody(c, deliveryBody))),
    },
    {
      method: 'put',
      path: '/api/checkouts/:id/invoice',
      summary: 'Ask for a company invoice (NIP and name), or null for none',
      body: invoiceBody,
      success: { status: 200, description: 'The updated checkout', schema: checkoutViewSchema },
      handler: async (c) =>
        json(c, await service.setInvoice(id(c), (await readBody(c, invoiceBody)).company)),
    },
    {
      method: 'put',
      path: '/api/checkouts/:id/consents',
      summary: 'Terms acceptance and marketing consents (each separate, unticked by default)',
      body: consentsBody,
      success: { status: 200, description: 'The updated checkout', schema: checkoutViewSchema },
      handler: async (c) => json(c, await service.setConsents(id(c), await readBody(c, consentsBody))),
    },
    {
      method: 'put',
      path: '/api/checkouts/:id/payment-method',
      summary: 'Choose a payment method',
      body: paymentMethodBody,
      success: { status: 200, description: 'The updated checkout', schema: checkoutViewSchema },
      handler: async (c) =>
        json(c, await service.setPaymentMethod(id(c), (await readBody(c, paymentMethodBody)).methodId)),
    },
    {
      method: 'post',
      path: '/api/checkouts/:id/order',
      summary: 'Place the order; the same Idempotency-Key (or checkout) always yields the same order',
      headers: [
        {
          name: 'Idempotency-Key',
          required: false,
          description: '8–128 characters; defaults to one per checkout',
        },
      ],
      success: { status: 200, description: 'The checkout with its order', schema: checkoutViewSchema },
      handler: async (c) => {
        const header = c.req.header('idempotency-key');
        const parsed = idempotencyKey.safeParse(header ?? `order:${id(c)}`);
        if (!parsed.success) {
          throw new KasaError('body_invalid', {
            field: 'Idempotency-Key',
            details: { issues: [{ field: 'Idempotency-Key', code: 'body_invalid' }] },
          });
        }
        return json(c, await service.placeOrder(id(c), parsed.data));
      },
    },
    {
      method: 'post',
      path: '/api/checkouts/:id/payments',
      summary: 'Start a payment for the placed order (BLIK code, redirect or cash on delivery)',
      body: startPaymentBody,
      success: { status: 201, description: 'The payment attempt', schema: paymentViewSchema },
      handler: async (c) => {
        const body = await readBody(c, startPaymentBody);
        // The page's own URL first, else its Referer: either only on an allowed shop origin.
        const returnUrl = [body.returnUrl, c.req.header('referer')].find(
          (url) => url !== undefined && ctx.returnOrigins.has(safeOrigin(url)),
        );
        const view = await service.startPayment(id(c), {
          methodId: body.methodId,
          blikCode: body.blikCode,
          processorConsent: body.processorConsent,
          returnUrl,
          customerIp: ctx.clientIp(c),
        });
        return json(c, view, 201);
      },
    },
    {
      method: 'get',
      path: '/api/checkouts/:id/payments/:paymentId',
      summary: 'Payment status (server-side truth, for polling)',
      success: { status: 200, description: 'The payment attempt', schema: paymentViewSchema },
      handler: async (c) => json(c, await service.paymentStatus(id(c), paymentId(c))),
    },
    {
      method: 'get',
      path: '/api/checkouts/:id/payments/:paymentId/events',
      summary: 'Payment status as server-sent events until it is final',
      success: {
        status: 200,
        description: 'An event stream of `status` events',
        contentType: 'text/event-stream',
      },
      handler: async (c) => {
        const attempt = paymentId(c);
        let last = await service.paymentStatus(id(c), attempt);
        return streamSSE(c, async (stream) => {
          await stream.writeSSE({ event: 'status', data: JSON.stringify(last) });
          const deadline = Date.now() + 5 * 60_000;
          // A payment whose order the shop has not confirmed yet is followed until it is, or is refunded.
          const open = (p: typeof last) =>
            !FINAL_PAYMENT_STATUSES.has(p.status) || p.reason === ORDER_UNCONFIRMED;
          while (!stream.aborted && open(last) && Date.now() < deadline) {
            await stream.sleep(ctx.ssePollMs);
            const next = await service.paymentStatus(id(c), attempt);
            if (next.status !== last.status || next.reason !== last.reason)
              await stream.writeSSE({ event: 'status', data: JSON.stringify(next) });
            last = next;
          }
        });
      },
    },
    {
      method: 'post',
      path: '/api/checkouts/:id/payments/:paymentId/cancel',
      summary: 'Cancel a payment that awaits confirmation (really cancels it at the provider)',
      success: {
        status: 200,
        description: 'The payment attempt after the cancel',
        schema: paymentViewSchema,
      },
      handler: async (c) => json(c, await service.cancelPayment(id(c), paymentId(c))),
    },
    {
      method: 'post',
      path: '/api/payments/notify/:provider',
      summary: "A payment provider's signed notification (verified over the raw body)",
      success: { status: 200, description: 'Acknowledged', schema: notificationAnswer },
      handler: async (c) => {
        const body = await c.req.text();
        const headers = Object.fromEntries(c.req.raw.headers.entries());
        const view = await service.handleNotification(c.req.param('provider') ?? '', { headers, body });
        return json(c, { received: true, status: view.status });
      },
    },
    {
      method: 'post',
      path: '/api/webhooks/:platform',
      summary:
        "The shop platform's signed webhook (WooCommerce, PrestaShop, sandbox), verified over the raw body; an order event is reconciled with the platform's order",
      success: { status: 200, description: 'Verified and handled', schema: webhookAnswer },
      handler: async (c) => {
        const platform = c.req.param('platform') ?? '';
        const body = await c.req.text();
        const headers = Object.fromEntries(c.req.raw.headers.entries());
        const result = await service.handleStoreWebhook(platform, { headers, body });
        // Ids and statuses only: the body (names, addresses) is never logged.
        const { outcome } = result;
        const log = { platform, ...result };
        const refund = 'refund' in result ? result.refund : undefined;
        // Money that must go back and did not (yet): the merchant acts on it (GET /api/alerts too).
        if (
          refund &&
          ('error' in refund || refund.status === 'refund_failed' || refund.status === 'refund_due')
        )
          ctx.logger?.error(
            { ...log, code: 'error' in refund ? refund.error : refund.status },
            'store webhook: the shop cancelled a paid order and Kasa could not refund its payment: refund it again (kasa refund) or in the payment provider’s panel',
          );
        else if (outcome === 'differs')
          ctx.logger?.warn(log, 'store webhook: the order differs from the checkout');
        else ctx.logger?.info(log, 'store webhook');
        return json(c, { received: true, topic: result.topic, outcome });
      },
    },
    {
      method: 'get',
      path: '/api/pickup-points',
      summary:
        'Search the carrier’s pickup points by postcode, text or coordinates; `stale` when its API did not answer and the last good answer is given',
      query: pickupQuery,
      success: { status: 200, description: 'Pickup points, nearest first', schema: pickupPointsAnswer },
      handler: async (c) => {
        const q = readQuery(c, pickupQuery);
        const query = {
          limit: q.limit,
          ...(q.postcode ? { postcode: q.postcode } : {}),
          ...(q.q ? { query: q.q } : {}),
          ...(q.lat !== undefined && q.lng !== undefined ? { near: { lat: q.lat, lng: q.lng } } : {}),
        };
        const { pickup } = ctx;
        const answer = pickup.searchAnswer
          ? await pickup.searchAnswer(query)
          : { points: await pickup.search(query) };
        return json(c, pickupPointsAnswer.parse(answer));
      },
    },
  ];
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
