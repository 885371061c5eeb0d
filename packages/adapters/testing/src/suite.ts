import {
  type Cart,
  type CartRef,
  cartSchema,
  KasaError,
  type Money,
  multiply,
  type PlacedOrder,
  type PlaceOrderInput,
  type RawRequest,
  type ShippingOption,
  type StorefrontAdapter,
  shippingOptionSchema,
  sum,
} from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { driveLikeServer, errorOf } from './drive.ts';
import { describeFault, FAULT_KINDS, type ScheduledFault, type UpstreamFault } from './faults.ts';
import { cashOnDelivery, inpostLocker, orderInput, polishAddress, polishCompany } from './fixtures.ts';

/** A line the harness put in the cart, matched by `productId` or `sku`. */
export interface ExpectedLine {
  readonly productId?: string;
  readonly sku?: string;
  readonly quantity: number;
  /** The gross unit price the platform's catalogue has. */
  readonly unitPrice: Money;
}

export interface HarnessCart {
  readonly ref: CartRef;
  readonly expected: { readonly lines: readonly ExpectedLine[]; readonly subtotal: Money };
}

/** An order as the platform's own storage keeps it, read behind the adapter's back. */
export interface PlatformOrder {
  readonly id: string;
  readonly checkoutId: string;
  readonly paid: boolean;
  readonly transactionId?: string;
  readonly pickupPointId?: string;
  readonly nip?: string;
  readonly total?: Money;
}

/** What an adapter's own test gives the contract suite: the adapter, wired to its platform (or fake). */
export interface AdapterHarness {
  readonly adapter: StorefrontAdapter;
  /** Makes a cart on the platform the way the shopper's storefront would, and says what is in it. */
  createCart(): Promise<HarnessCart>;
  /** Every order in the platform's storage. */
  platformOrders(): Promise<readonly PlatformOrder[]>;
  /** Signs a webhook body the way the platform does; omit when the platform has no webhooks. */
  signWebhook?(body: string): RawRequest;
  /** Plans an upstream fault (fakes speaking HTTP). Needs `upstreamCalls`. */
  inject?(fault: ScheduledFault): void;
  /** Drops every planned fault not yet played. */
  clearFaults?(): void;
  /** Requests the platform has received so far. */
  upstreamCalls?(): number;
  /**
   * A new adapter on the same platform with nothing in memory, as after a Kasa server restart. The
   * resume tests retry with it when given, else with `adapter`.
   */
  restart?(): StorefrontAdapter;
  /** Makes the next `placeOrder` fail after the platform committed the order (for in-process platforms). */
  crashAfterNextPlaceOrder?(): void;
  close(): Promise<void> | void;
}

export interface ContractSuiteOptions {
  /** Fault kinds to play at every call; default {@link FAULT_KINDS}. */
  readonly faults?: readonly UpstreamFault[];
  /** How many times the suite repeats an operation, as the Kasa server would, before it gives up. Default 5. */
  readonly attempts?: number;
}

/** Requests answered 503 after a lost answer, so the attempt gives up: more than any adapter's retries. */
const OUTAGE_CALLS = 40;

/** Errors after which the Kasa server repeats the same call (same idempotency key). */
const RETRIABLE = new Set(['platform_unavailable', 'upstream_unavailable']);

const sameLine = (e: ExpectedLine) => (l: Cart['lines'][number]) =>
  (e.productId !== undefined && l.productId === e.productId) || (e.sku !== undefined && l.sku === e.sku);

/**
 * The contract every storefront adapter passes, run by each adapter's own tests against its fake
 * (or in-process platform). Faults are played only when the harness can inject them.
 *
 * @example
 * describeStorefrontAdapter('woocommerce', async () => {
 *   const shop = await startFakeWooCommerce();
 *   return {
 *     adapter: createWooCommerceAdapter(testAdapterConfig(shop)),
 *     createCart: async () => ({ ref: await shop.createCart(lines), expected }),
 *     platformOrders: async () => shop.platformOrders(),
 *     inject: (fault) => shop.faults.inject(fault),
 *     upstreamCalls: () => shop.faults.calls(),
 *     close: () => shop.close(),
 *   };
 * });
 */
export function describeStorefrontAdapter(
  name: string,
  makeHarness: () => Promise<AdapterHarness>,
  options: ContractSuiteOptions = {},
): void {
  const attempts = options.attempts ?? 5;
  const faultKinds = options.faults ?? FAULT_KINDS;

  describe(`storefront adapter contract: ${name}`, () => {
    let h: AdapterHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    async function quoted(): Promise<{ made: HarnessCart; cart: Cart; options: ShippingOption[] }> {
      const made = await h.createCart();
      const cart = await h.adapter.getCart(made.ref);
      const options = await h.adapter.quoteShipping({
        cart,
        destination: { postcode: polishAddress.postcode },
      });
      return { made, cart, options };
    }

    /** A first attempt: the server's journal record is fresh, so nothing earlier can exist. */
    const first = (input: PlaceOrderInput) => h.adapter.placeOrder({ ...input, resumed: false });
    /** A repeat with the same idempotency key: an earlier attempt may have reached the platform. */
    const again = (input: PlaceOrderInput, adapter: StorefrontAdapter = h.adapter) =>
      adapter.placeOrder({ ...input, resumed: true });

    async function placed(overrides: Partial<PlaceOrderInput> = {}) {
      const { cart, options } = await quoted();
      const input = orderInput(cart, options, overrides);
      const order = await first(input);
      return { cart, options, input, order };
    }

    const ordersFor = async (checkoutId: string) =>
      (await h.platformOrders()).filter((o) => o.checkoutId === checkoutId);

    async function expectOneOrder(input: PlaceOrderInput, order: PlacedOrder, paid = false) {
      const stored = await ordersFor(input.checkoutId);
      expect(stored, 'platform orders for the checkout').toHaveLength(1);
      expect(stored[0]).toMatchObject({
        id: order.id,
        checkoutId: input.checkoutId,
        paid,
        pickupPointId: inpostLocker.id,
        nip: polishCompany.nip,
      });
      if (stored[0]?.total !== undefined) expect(stored[0].total).toEqual(input.total);
    }

    it('reads a cart with authoritative prices', async () => {
      const made = await h.createCart();
      const cart = await h.adapter.getCart(made.ref);
      expect(cartSchema.safeParse(cart).error).toBeUndefined();
      expect(cart.ref).toBe(made.ref);
      expect(cart.lines).toHaveLength(made.expected.lines.length);
      for (const expected of made.expected.lines) {
        const line = cart.lines.find(sameLine(expected));
        expect(line, `cart line for ${expected.productId ?? expected.sku}`).toBeDefined();
        expect(line?.quantity).toBe(expected.quantity);
        expect(line?.unitPrice).toEqual(expected.unitPrice);
        expect(line?.total).toEqual(multiply(expected.unitPrice, expected.quantity));
      }
      expect(cart.subtotal).toEqual(made.expected.subtotal);
      expect(cart.subtotal).toEqual(
        sum(
          cart.lines.map((l) => l.total),
          cart.currency,
        ),
      );
    });

    it('answers cart_not_found for a cart ref the platform does not know', async () => {
      expect((await errorOf(h.adapter.getCart('cart_unknown_to_the_platform'))).code).toBe('cart_not_found');
    });

    it('quotes shipping for a Polish address, including a parcel-locker option', async () => {
      const { cart, options } = await quoted();
      expect(options.length).toBeGreaterThan(0);
      for (const option of options) {
        expect(shippingOptionSchema.safeParse(option).error).toBeUndefined();
        expect(option.price.currency).toBe(cart.currency);
      }
      expect(new Set(options.map((o) => o.id)).size).toBe(options.length);
      expect(options.some((o) => o.kind === 'locker')).toBe(true);
    });

    it('places a guest order carrying the locker id and invoice data', async () => {
      const { input, order } = await placed();
      expect(order.id).not.toBe('');
      expect(order.number).not.toBe('');
      expect(order.total).toEqual(input.total);
      expect(Number.isNaN(Date.parse(order.createdAt))).toBe(false);
      await expectOneOrder(input, order);
      const view = await h.adapter.getOrder(order.id);
      expect(view).toMatchObject({
        id: order.id,
        number: order.number,
        checkoutId: input.checkoutId,
        total: input.total,
        status: 'awaiting_payment',
        pickupPointId: inpostLocker.id,
        company: { nip: polishCompany.nip, name: polishCompany.name },
      });
    });

    it('places one order for one idempotency key', async () => {
      const { input, order } = await placed();
      const repeated = await again(input);
      expect(repeated.id).toBe(order.id);
      expect(repeated.number).toBe(order.number);
      await expectOneOrder(input, order);
    });

    it('finds the order on a resumed retry after the answer was lost, also after a restart', async () => {
      // The platform placed the order, but the Kasa server never recorded the answer (it crashed).
      const { input, order } = await placed();
      const resumed = await again(input, h.restart?.() ?? h.adapter);
      expect(resumed.id).toBe(order.id);
      expect(resumed.total).toEqual(input.total);
      await expectOneOrder(input, order);
    });

    it('finds the order by its checkout id, and nothing for an unknown checkout', async () => {
      const { input, order } = await placed();
      expect((await h.adapter.findOrderByCheckout(input.checkoutId))?.id).toBe(order.id);
      expect(await h.adapter.findOrderByCheckout('chk_never_placed')).toBeUndefined();
    });

    it('marks the order paid, idempotently on the transaction id', async () => {
      const { input, order } = await placed();
      const payment = { provider: 'kasa-test', transactionId: 'TX-BLIK-0001' };
      await h.adapter.markPaid({ orderId: order.id, payment });
      await h.adapter.markPaid({ orderId: order.id, payment });
      expect(await h.adapter.getOrder(order.id)).toMatchObject({
        status: 'paid',
        transactionId: payment.transactionId,
        checkoutId: input.checkoutId,
      });
      const stored = await ordersFor(input.checkoutId);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ paid: true, transactionId: payment.transactionId });

      const other = { provider: 'kasa-test', transactionId: 'TX-BLIK-0002' };
      expect((await errorOf(h.adapter.markPaid({ orderId: order.id, payment: other }))).code).toBe(
        'order_already_paid',
      );
      expect((await ordersFor(input.checkoutId))[0]?.transactionId).toBe(payment.transactionId);
    });

    it('records a cash-on-delivery order as such', async () => {
      const { order } = await placed({ paymentMethod: cashOnDelivery });
      expect((await h.adapter.getOrder(order.id)).status).toBe('cash_on_delivery');
    });

    it('answers order_not_found for an order the platform does not know', async () => {
      expect((await errorOf(h.adapter.getOrder('999999999'))).code).toBe('order_not_found');
      const payment = { provider: 'kasa-test', transactionId: 'TX-NONE' };
      expect((await errorOf(h.adapter.markPaid({ orderId: '999999999', payment }))).code).toBe(
        'order_not_found',
      );
    });

    it('verifies a signed webhook and rejects a forged one', async (ctx) => {
      const sign = h.signWebhook?.bind(h);
      const verify = h.adapter.verifyWebhook?.bind(h.adapter);
      if (sign === undefined || verify === undefined) return ctx.skip();
      const { order } = await placed();
      const body = JSON.stringify({
        id: Number(order.id) || order.id,
        orderId: order.id,
        topic: 'order.updated',
      });
      const signed = sign(body);
      const event = await verify(signed);
      expect(event.orderId).toBe(order.id);
      expect(event.topic).not.toBe('');

      const tampered = { ...signed, body: `${signed.body} ` };
      expect((await errorOf(verify(tampered))).code).toBe('notification_invalid');
      expect((await errorOf(verify({ headers: {}, body: signed.body }))).code).toBe('notification_invalid');
      const otherBody = JSON.stringify({ id: 1, orderId: '1', topic: 'order.updated' });
      expect((await errorOf(verify({ headers: signed.headers, body: otherBody }))).code).toBe(
        'notification_invalid',
      );
    });

    it('returns the committed order on retry after a crash between commit and answer', async (ctx) => {
      if (h.crashAfterNextPlaceOrder === undefined) return ctx.skip();
      const { cart, options } = await quoted();
      const input = orderInput(cart, options);
      h.crashAfterNextPlaceOrder();
      await expect(first(input)).rejects.toThrow();
      const order = await again(input);
      await expectOneOrder(input, order);
    });

    describe('survives upstream faults at every call without a duplicate or lost order', () => {
      /**
       * Runs `operation` once cleanly to count its calls, then plays `fault` at each of them. A write
       * must reach the platform; a read may be answered from the adapter's cache (no call, no fault
       * to play), as PrestaShop's quote is from the cart it just read.
       */
      async function atEveryCall<S>(
        fault: UpstreamFault,
        setup: () => Promise<S>,
        operation: (state: S, attempt: number) => Promise<unknown>,
        check: (state: S, result: unknown) => Promise<void>,
        { newOrders = 0, write = false }: { newOrders?: number; write?: boolean } = {},
      ): Promise<void> {
        const inject = h.inject?.bind(h);
        const calls = h.upstreamCalls?.bind(h);
        if (inject === undefined || calls === undefined) throw new Error('unreachable');
        const clean = await setup();
        const before = calls();
        await check(clean, await operation(clean, 0));
        const count = calls() - before;
        if (write) expect(count, 'platform calls of a clean run').toBeGreaterThan(0);
        for (let atCall = 0; atCall < count; atCall++) {
          const state = await setup();
          const ordersBefore = (await h.platformOrders()).length;
          inject({ ...fault, atCall });
          const where = `${describeFault(fault)} at call ${atCall + 1} of ${count}`;
          const result = await driveLikeServer(
            (attempt) => operation(state, attempt),
            attempts,
            RETRIABLE,
          ).catch((error: unknown) => {
            throw new Error(`${where}: ${String(error)}`, { cause: error });
          });
          await check(state, result);
          // Every order counts, also one the adapter lost track of (without Kasa's checkout id).
          expect((await h.platformOrders()).length - ordersBefore, `new platform orders after ${where}`).toBe(
            newOrders,
          );
        }
      }

      it('resumes a placement that gave up half-way: a retry with resumed: true finds the earlier work', async (ctx) => {
        const inject = h.inject?.bind(h);
        const clear = h.clearFaults?.bind(h);
        const calls = h.upstreamCalls?.bind(h);
        if (inject === undefined || clear === undefined || calls === undefined) return ctx.skip();
        const prepare = async () => {
          const { cart, options } = await quoted();
          return orderInput(cart, options);
        };
        const clean = await prepare();
        const before = calls();
        await first(clean);
        const count = calls() - before;
        for (let atCall = 0; atCall < count; atCall++) {
          const input = await prepare();
          const ordersBefore = (await h.platformOrders()).length;
          // The platform does the work of this call but the answer is lost, then it stops answering:
          // the first attempt gives up, and the server tries again later (perhaps after a restart).
          inject({ kind: 'reset', after: true, atCall });
          for (let later = 1; later <= OUTAGE_CALLS; later++) {
            inject({ kind: 'status', status: 503, atCall: atCall + later });
          }
          const where = `answer of call ${atCall + 1} of ${count} lost, then an outage`;
          const gaveUp = await first(input).then(
            () => undefined,
            (error: unknown) => error,
          );
          clear();
          if (gaveUp !== undefined) {
            expect(gaveUp, `${where}: the first attempt's error`).toBeInstanceOf(KasaError);
            expect(
              RETRIABLE.has((gaveUp as KasaError).code),
              `${where}: ${String(gaveUp)} is retriable`,
            ).toBe(true);
          }
          const order = await again(input, h.restart?.() ?? h.adapter).catch((error: unknown) => {
            throw new Error(`${where}: ${String(error)}`, { cause: error });
          });
          await expectOneOrder(input, order);
          expect((await h.platformOrders()).length - ordersBefore, `new platform orders after ${where}`).toBe(
            1,
          );
        }
      });

      for (const fault of faultKinds) {
        const title = describeFault(fault);

        it(`getCart: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          await atEveryCall(
            fault,
            () => h.createCart(),
            (made) => h.adapter.getCart(made.ref),
            async (made, result) => {
              const cart = result as Cart;
              expect(cart.subtotal).toEqual(made.expected.subtotal);
              expect(cart.lines).toHaveLength(made.expected.lines.length);
            },
          );
        });

        it(`quoteShipping: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          await atEveryCall(
            fault,
            async () => {
              const made = await h.createCart();
              return h.adapter.getCart(made.ref);
            },
            (cart) => h.adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } }),
            async (_cart, result) => {
              expect((result as ShippingOption[]).some((o) => o.kind === 'locker')).toBe(true);
            },
          );
        });

        it(`placeOrder: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          await atEveryCall(
            fault,
            async () => {
              const { cart, options } = await quoted();
              return orderInput(cart, options);
            },
            (input, attempt) => h.adapter.placeOrder({ ...input, resumed: attempt > 0 }),
            async (input, result) => {
              const order = result as PlacedOrder;
              expect(order.total).toEqual(input.total);
              await expectOneOrder(input, order);
              expect((await h.adapter.findOrderByCheckout(input.checkoutId))?.id).toBe(order.id);
            },
            { newOrders: 1, write: true },
          );
        });

        it(`markPaid: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          const payment = { provider: 'kasa-test', transactionId: `TX-${fault.kind}` };
          await atEveryCall(
            fault,
            async () => {
              const { cart, options } = await quoted();
              const input = orderInput(cart, options);
              return { input, order: await first(input) };
            },
            ({ order }) => h.adapter.markPaid({ orderId: order.id, payment }),
            async ({ input, order }) => {
              await expectOneOrder(input, order, true);
              expect((await ordersFor(input.checkoutId))[0]?.transactionId).toBe(payment.transactionId);
              expect((await h.adapter.getOrder(order.id)).status).toBe('paid');
            },
            { write: true },
          );
        });
      }
    });
  });
}
