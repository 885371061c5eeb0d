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
import {
  type CheckoutEvent,
  type CheckoutView,
  type ErrorCode,
  FINAL_PAYMENT_STATUSES,
  isErrorCode,
  type PaymentMethod,
  type PaymentView,
  VISITOR_COOKIE,
} from '@kasa/core';
import { purchaseEvent } from '../checkout/purchase-event.ts';
import { createCollectClient } from '../cli/collect-client.ts';
import { type Answer, type BrowserSession, browserSession } from './browser-session.ts';
import { type CheckoutPage, readCheckoutPage, readQueuedCartView, readShopProducts } from './shop-pages.ts';
import { badRequest, type ShopperDetails, shopperDetails } from './shopper-data.ts';

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

const PAYMENT_EVENTS = new Set(['blik_code_submitted', 'payment_failed', 'purchase']);
type Outcome = 'paid' | ErrorCode;

class UnexpectedAnswer extends Error {}

function expectStatus<T>(answer: Answer<T>, ok: (status: number) => boolean, doing: string): Answer<T> {
  if (!ok(answer.status)) {
    const detail = typeof answer.body === 'string' ? answer.body.slice(0, 200) : JSON.stringify(answer.body);
    throw new UnexpectedAnswer(`${doing}: ${answer.status} ${detail}`);
  }
  return answer;
}
const success = (status: number) => status >= 200 && status < 300;

const token = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
const amount = (view: CheckoutView) => ({
  value: view.totals.total.amount,
  currency: view.totals.total.currency,
});
const items = (view: CheckoutView) =>
  view.cart.lines.map((line) => ({
    item_id: token(line.sku ?? line.productId),
    quantity: line.quantity,
    price: line.unitPrice.amount,
  }));

/** The payment attempts the simulation planned, in order: paid, or the reason each one failed. */
function plannedPayments(plan: readonly CheckoutEvent[]): Outcome[] {
  return plan.flatMap((event): Outcome[] => {
    if (event.name === 'purchase') return ['paid'];
    if (event.name === 'payment_failed') return [event.params.reason];
    return [];
  });
}

/** The field's own code in a refusal (`body_invalid` names each field's in `details.issues`). */
function refusedCode(body: unknown): ErrorCode | undefined {
  const error = (body as { error?: { code?: string; details?: { issues?: { code?: string }[] } } }).error;
  const code = error?.details?.issues?.[0]?.code ?? error?.code ?? '';
  return isErrorCode(code) ? code : undefined;
}

/** A version-4-shaped UUID from the shopper's dice. */
function visitorId(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => between(random, 0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function blikCodeFor(outcome: Outcome, random: () => number): string {
  const three = String(between(random, 0, 999)).padStart(3, '0');
  if (outcome === 'paid') return `777${three}`;
  if (outcome === 'blik_timeout') return `999${three}`;
  return '500500';
}

/** What one shopper's checkout needs: their browser, their tracker and their dice. */
interface ShopperKit {
  readonly browser: BrowserSession;
  readonly track: (name: CheckoutEvent['name'], params: unknown, id?: string) => void;
  readonly random: () => number;
  readonly details: ShopperDetails;
  readonly pollMs: number;
  readonly send: typeof fetch;
  readonly tally: DriveTally;
}

/**
 * The checkout page onwards: the widget's first events, the form as the plan fills it (API calls
 * where a section is done or a field goes wrong), the order, and payment attempts as planned.
 */
async function checkOut(
  page: CheckoutPage,
  plan: readonly CheckoutEvent[],
  kind: PaymentMethod['kind'],
  invoice: boolean,
  kit: ShopperKit,
) {
  const { browser, track, details, tally } = kit;
  const base = `${page.api}/api/checkouts/${encodeURIComponent(page.checkoutId)}`;
  let view = page.view;
  const put = async (part: string, body: unknown) => {
    const answer = await browser.kasa<CheckoutView>('PUT', `${base}/${part}`, body);
    view = expectStatus(answer, success, `saving ${part}`).body;
    return view;
  };
  const option = (wanted: string) =>
    view.shippingOptions.find((o) => o.kind === wanted) ?? view.shippingOptions[0];
  const courierId = () => option('courier')?.id ?? '';

  track('begin_checkout', { ...amount(view), items: items(view), layout: page.layout });
  if (page.experiment) {
    track('experiment_exposure', { experiment: page.experiment.key, variation: page.experiment.variation });
  }
  const form = plan.slice(plan.findIndex((e) => e.name === 'experiment_exposure') + 1);
  const paying = form.findIndex((e) => PAYMENT_EVENTS.has(e.name));
  let method: PaymentMethod | undefined;
  for (const event of paying < 0 ? form : form.slice(0, paying)) {
    switch (event.name) {
      case 'checkout_step_view':
        if (event.params.section === 'delivery') await put('contact', details.contact);
        track(event.name, { ...event.params, layout: page.layout });
        break;
      case 'field_error': {
        const bad = badRequest(event.params.field, details, courierId());
        let code = event.params.code;
        if (bad) {
          tally.fieldErrors.sent += 1;
          const answer = await browser.kasa('PUT', `${base}/${bad.part}`, bad.body);
          if (answer.status < 400 || answer.status >= 500) {
            throw new UnexpectedAnswer(`a bad ${event.params.field} was answered ${answer.status}`);
          }
          tally.fieldErrors.refused += 1;
          const refused = refusedCode(answer.body);
          if (refused) code = refused;
        }
        track(event.name, { ...event.params, code });
        break;
      }
      case 'add_shipping_info': {
        const chosen = option(event.params.shipping_kind);
        if (!chosen) throw new UnexpectedAnswer('the checkout offers no shipping');
        await put('delivery', await deliveryBody(chosen, details, base, browser));
        const params = { ...amount(view), shipping_tier: token(chosen.id), shipping_kind: chosen.kind };
        track(event.name, params);
        break;
      }
      case 'add_payment_info':
        if (invoice) await put('invoice', { company: details.company });
        method = view.paymentMethods.find((m) => m.kind === kind) ?? view.paymentMethods[0];
        if (!method) throw new UnexpectedAnswer('the checkout offers no payment method');
        await put('payment-method', { methodId: method.id });
        track(event.name, { ...amount(view), payment_type: method.kind });
        break;
      default:
        track(event.name, event.params);
    }
  }
  if (paying < 0 || !method) return; // left before paying (checkout_abandon was tracked)

  await put('consents', { terms: true, marketingEmail: false, marketingSms: false });
  const placed = await browser.kasa<CheckoutView>('POST', `${base}/order`, undefined, {
    'idempotency-key': `sim-${page.checkoutId}`,
  });
  view = expectStatus(placed, success, 'placing the order').body;
  tally.orders += 1;
  const purchase = () => {
    const event = purchaseEvent(view, { shopId: page.shopId, now: Date.now() });
    if (event) track('purchase', event.params, event.id);
  };
  if (method.kind === 'cod') {
    tally.cashOnDelivery += 1;
    purchase();
    return;
  }
  const outcomes = plannedPayments(form.slice(paying));
  for (const [i, planned] of outcomes.entries()) {
    if (method.kind === 'blik') track('blik_code_submitted', { attempt: i + 1 });
    const result = await pay(base, method, planned, kit);
    if (result.status === 'paid') {
      tally.paid += 1;
      view = expectStatus(
        await browser.kasa<CheckoutView>('GET', base),
        success,
        'reading the checkout',
      ).body;
      purchase();
      return;
    }
    const reason: ErrorCode = result.reason && isErrorCode(result.reason) ? result.reason : 'payment_failed';
    tally.failedPayments[reason] = (tally.failedPayments[reason] ?? 0) + 1;
    track('payment_failed', { payment_type: method.kind, reason });
  }
  track('checkout_abandon', { section: 'failed', last_field: 'paymentMethod' });
}

/** Delivery for a shipping option: a locker near the shopper's town, or their address. */
async function deliveryBody(
  option: CheckoutView['shippingOptions'][number],
  details: ShopperDetails,
  checkoutUrl: string,
  browser: BrowserSession,
) {
  if (option.kind === 'courier') return { optionId: option.id, address: details.address };
  if (option.kind !== 'locker') return { optionId: option.id };
  const search = new URL('/api/pickup-points', checkoutUrl);
  search.search = new URLSearchParams({ postcode: details.address.postcode, limit: '5' }).toString();
  const found = expectStatus(
    await browser.kasa<{ points: { id: string }[] }>('GET', search.toString()),
    success,
    'finding lockers',
  );
  const point = found.body.points[0];
  if (!point) throw new UnexpectedAnswer(`no locker near ${details.address.postcode}`);
  return { optionId: option.id, pickupPointId: point.id };
}

/** One payment attempt, steered to the planned outcome, followed to its final status. */
async function pay(
  checkoutUrl: string,
  method: PaymentMethod,
  planned: Outcome,
  kit: ShopperKit,
): Promise<PaymentView> {
  const { browser } = kit;
  const body =
    method.kind === 'blik'
      ? { methodId: method.id, blikCode: blikCodeFor(planned, kit.random) }
      : { methodId: method.id };
  const started = expectStatus(
    await browser.kasa<PaymentView>('POST', `${checkoutUrl}/payments`, body),
    success,
    'starting the payment',
  ).body;
  if (started.redirectUrl) {
    // The sandbox bank's page: the shopper approves, or declines when the plan says it fails.
    const decision = planned === 'paid' ? 'approve' : 'reject';
    await kit.send(started.redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ decision }),
      redirect: 'manual',
    });
  }
  const deadline = Date.now() + Math.max(30_000, (started.confirmBy ?? 0) - Date.now() + 10_000);
  let payment = started;
  while (!FINAL_PAYMENT_STATUSES.has(payment.status)) {
    if (Date.now() > deadline) throw new UnexpectedAnswer(`payment ${started.id} never ended`);
    await new Promise((resolve) => setTimeout(resolve, kit.pollMs));
    const answer = await browser.kasa<PaymentView>('GET', `${checkoutUrl}/payments/${started.id}`);
    payment = expectStatus(answer, success, 'following the payment').body;
  }
  return payment;
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
    const setContext = (shopId: string, checkoutId: string, experiments?: Record<string, string>) => {
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
      const { experiment } = page;
      setContext(page.shopId, page.checkoutId, experiment && { [experiment.key]: experiment.variation });
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
