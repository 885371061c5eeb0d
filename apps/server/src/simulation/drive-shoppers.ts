/**
 * Synthetic shoppers driven through a running demo shop and its Kasa checkout API, as a browser with
 * the widget and the tracker would: products into the shop's cart, the checkout page (its layout
 * chosen by Kasa's experiment, per visitor when the shopper consented), contact, delivery, invoice,
 * payment method and order through the API, a bad value sent wherever the simulation says a field
 * goes wrong, and payment in the sandbox: BLIK 777xxx (approved), 500500 (declined), 999xxx (never
 * confirmed), or the sandbox bank's approve / decline for the other methods. What they do follows
 * the simulation's behaviour for the layout they were shown. The tracker's events go to the
 * collector, marked simulated; the `purchase` that counts is the one the server records from the
 * verified payment (the browser's copy has its id, so it is kept once).
 */
import { randomUUID } from 'node:crypto';
import {
  between,
  resolveSimulation,
  type SimulationInput,
  seededRandom,
  shopperFactory,
  simulateCheckout,
} from '@kasa/analytics';
import { type CheckoutEvent, VISITOR_COOKIE } from '@kasa/core';
import { createCollectClient } from '../cli/collect-client.ts';
import { browserSession, expectStatus, success, UnexpectedAnswer } from './browser-session.ts';
import { checkOut, type ShopperKit } from './checkout-journey.ts';
import { readCheckoutPage, readQueuedCartView, readShopProducts } from './shop-pages.ts';
import { shopperDetails } from './shopper-data.ts';

export interface DriveOptions {
  /** The demo shop, e.g. http://127.0.0.1:3001. */
  readonly shopUrl: string;
  /** Kasa, whose collector gets the tracker's events, e.g. http://127.0.0.1:3000. */
  readonly kasaUrl: string;
  /** Shoppers (`checkouts`), seed, behaviour per layout, mixes. */
  readonly simulation: SimulationInput;
  /** Shoppers at once (default 4). */
  readonly concurrency?: number;
  /**
   * Share of shoppers who accept analytics (default 0.6): they get a visitor id drawn from the seed,
   * which the experiment buckets, so their layouts repeat with the seed; the others' checkouts are
   * bucketed by their (random) checkout ids.
   */
  readonly consentRate?: number;
  /** How often a payment's status is asked for (default 250 ms). */
  readonly pollMs?: number;
  readonly fetch?: typeof fetch;
  readonly onProgress?: (shoppersDone: number) => void;
  /** Told before a wait, e.g. "rate limited (429)": the shoppers never skip a refused call. */
  readonly onWait?: (ms: number, reason: string) => void;
}

export interface DriveTally {
  shoppers: number;
  /** Shoppers who opened the checkout page. */
  begun: number;
  /** Checkouts per layout the server chose. */
  layouts: Record<string, number>;
  orders: number;
  paid: number;
  cashOnDelivery: number;
  /** Failed payment attempts by reason (`blik_code_rejected`, `blik_timeout`, `payment_failed`). */
  failedPayments: Record<string, number>;
  /** Bad values sent to the API, and how many it refused with a 4xx (all of them, when it is right). */
  fieldErrors: { sent: number; refused: number };
  events: { sent: number; kept: number };
  /** Anything the shop or the API did that a shopper would not expect; the shopper stops there. */
  problems: string[];
}

const emptyTally = (): DriveTally => ({
  shoppers: 0,
  begun: 0,
  layouts: {},
  orders: 0,
  paid: 0,
  cashOnDelivery: 0,
  failedPayments: {},
  fieldErrors: { sent: 0, refused: 0 },
  events: { sent: 0, kept: 0 },
  problems: [],
});

/** A version-4-shaped UUID from the shopper's dice. */
function visitorId(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => between(random, 0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * Drives `simulation.checkouts` shoppers, `concurrency` at a time, and tallies what happened.
 *
 * @example
 * const tally = await driveShoppers({ shopUrl, kasaUrl, simulation: { checkouts: 50, seed: 3 } });
 * // { shoppers: 50, begun: 26, layouts: { 'one-page': 12, 'multi-step': 14 }, paid: 9, … }
 */
export async function driveShoppers(options: DriveOptions): Promise<DriveTally> {
  const config = resolveSimulation(options.simulation);
  const draw = shopperFactory(config);
  const send = options.fetch ?? fetch;
  const collector = createCollectClient(options.kasaUrl, {
    fetch: send,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  const consentRate = options.consentRate ?? 0.6;
  const tally = emptyTally();
  const front = await browserSession(options.shopUrl, send).shop('GET', '/');
  const products = readShopProducts(front.body);
  if (products.length === 0) throw new Error(`${options.shopUrl} shows no products to buy`);
  const seedOf = (index: number) => (Math.imul(config.seed, 0x9e3779b1) + index) >>> 0;
  /** The same shopper for the same index; the layout the server chose decides which behaviour applies. */
  const planFor = (index: number, layout?: string) =>
    simulateCheckout(config, seededRandom(seedOf(index)), draw, {
      checkoutId: 'plan',
      startTs: 0,
      ...(layout ? { layout } : {}),
    });

  async function shopper(index: number): Promise<void> {
    const random = seededRandom(seedOf(index) ^ 0x5bd1e995);
    const browser = browserSession(options.shopUrl, send, options.onWait);
    const first = planFor(index);
    const picked = first.shopper.items.map(() => products[between(random, 0, products.length - 1)]);
    const basket = [...new Set(picked)].filter((id): id is string => id !== undefined);
    // Drawn, not random: with consent the experiment buckets this id, so a seed repeats its layouts.
    const visitor = random() < consentRate ? visitorId(random) : undefined;
    const events: CheckoutEvent[] = [];
    let context: Record<string, unknown> = {};
    const setContext = (
      shopId: string,
      checkoutId: string,
      experiments?: Readonly<Record<string, string>>,
    ) => {
      const { device, firstTouch, lastTouch } = first.shopper;
      context = {
        shopId,
        checkoutId,
        device,
        simulated: true,
        ...(experiments ? { experiments } : {}),
        ...(firstTouch ? { firstTouch } : {}),
        ...(lastTouch ? { lastTouch } : {}),
        ...(visitor ? { visitorId: visitor, sessionId: `${visitor.slice(0, 8)}-s1` } : {}),
      };
    };
    const kit: ShopperKit = {
      browser,
      random,
      details: shopperDetails(random, index),
      pollMs: options.pollMs ?? 250,
      send,
      tally,
      track: (name, params, id = randomUUID()) =>
        void events.push({ ...context, id, ts: Date.now(), name, params } as CheckoutEvent),
    };
    try {
      for (const productId of basket) {
        const form = { productId, quantity: '1' };
        expectStatus(await browser.shop('POST', '/cart', form), (s) => s === 303, 'adding to the cart');
      }
      // The cart page starts the cart's checkout and queues view_cart; the tracker would send it.
      const cartPage = expectStatus(await browser.shop('GET', '/'), success, 'viewing the cart').body;
      const viewed = readQueuedCartView(cartPage);
      if (!viewed) throw new UnexpectedAnswer('the cart page queued no view_cart for Kasa');
      setContext(viewed.shopId, viewed.checkoutId);
      kit.track('view_cart', viewed.event.params);
      if (!first.events.some((event) => event.name === 'begin_checkout')) return; // looked and left
      const started = expectStatus(await browser.shop('POST', '/checkout'), (s) => s === 303, 'checking out');
      // With consent the tracker wrote its visitor cookie on an earlier page of the shop.
      if (visitor) browser.setCookie(VISITOR_COOKIE, visitor);
      const location = started.headers.get('location') ?? '';
      const html = expectStatus(await browser.shop('GET', location), success, `opening ${location}`).body;
      const page = readCheckoutPage(html);
      if (!page) throw new UnexpectedAnswer(`${location} has no Kasa checkout on it`);
      if (page.checkoutId !== viewed.checkoutId) {
        throw new UnexpectedAnswer(
          `the checkout page opened ${page.checkoutId}, not the cart's ${viewed.checkoutId}`,
        );
      }
      tally.begun += 1;
      tally.layouts[page.layout] = (tally.layouts[page.layout] ?? 0) + 1;
      setContext(page.shopId, page.checkoutId, page.experiments);
      const plan = planFor(index, page.layout);
      await checkOut(page, plan.events, plan.shopper.method, plan.shopper.invoice, kit);
    } catch (error) {
      if (!(error instanceof UnexpectedAnswer)) throw error;
      tally.problems.push(`shopper ${index}: ${error.message}`);
    } finally {
      await deliver(events, index);
      tally.shoppers += 1;
      options.onProgress?.(tally.shoppers);
    }
  }

  async function deliver(events: readonly CheckoutEvent[], index: number) {
    if (events.length === 0) return;
    tally.events.sent += events.length;
    try {
      const answer = await collector.append(events);
      tally.events.kept += answer.stored + answer.duplicates;
    } catch (error) {
      tally.problems.push(`shopper ${index}: the collector refused the events: ${(error as Error).message}`);
    }
  }

  let next = 0;
  const worker = async () => {
    while (next < config.checkouts) await shopper(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return tally;
}
