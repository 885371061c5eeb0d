import { createDemoShop } from '@kasa/demo-shop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, listen } from '../src/listen.ts';
import { type DriveTally, driveShoppers } from '../src/simulation/drive-shoppers.ts';
import { fragmentRenderer, type Kasa, startKasa } from './harness.ts';

let kasa: Kasa;
let shop: Awaited<ReturnType<typeof listen>>;
let shopUrl: string;
let tally: DriveTally;
const progress: number[] = [];

const SHOPPERS = 40;
/**
 * Behaviour loud enough that 40 shoppers show every road: errors, declines, time-outs, leaving; and
 * one-page loses most shoppers at contact while multi-step loses none there. Every shopper consents,
 * so the experiment buckets seeded visitor ids and the run repeats.
 */
const behaviour = {
  dropOff: { contact: 0, delivery: 0.05, payment: 0.05, review: 0 },
  fieldErrorRates: { email: 0.3, postcode: 0.4, nip: 0.5, pickupPoint: 0.2, phone: 0.2 },
  leaveAfterError: 0,
  leaveAfterErrorByField: {},
  blikRejectionRate: 0.3,
  blikTimeoutRate: 0.15,
  paymentFailureRate: 0.3,
  retryRate: 0.9,
};

beforeAll(async () => {
  const shopPort = await freePort();
  shopUrl = `http://127.0.0.1:${shopPort}`;
  kasa = await startKasa({
    config: { allowedOrigins: [shopUrl] },
    widget: fragmentRenderer(),
  });
  shop = await listen(createDemoShop({ store: kasa.sandbox, kasaUrl: kasa.url }).fetch, shopPort);
  tally = await driveShoppers({
    shopUrl,
    kasaUrl: kasa.url,
    simulation: {
      checkouts: SHOPPERS,
      seed: 11,
      beginRate: 0.9,
      invoiceRate: 0.4,
      paymentMix: { blik: 0.6, card: 0.2, cod: 0.2 },
      shippingMix: { locker: 0.5, courier: 0.5 },
      layouts: [
        { name: 'one-page', behaviour: { ...behaviour, dropOff: { ...behaviour.dropOff, contact: 0.7 } } },
        { name: 'multi-step', behaviour },
      ],
    },
    consentRate: 1,
    concurrency: 8,
    pollMs: 50,
    onProgress: (done) => progress.push(done),
  });
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => shop?.close(resolve));
  await kasa?.close();
});

const storedEvents = () =>
  kasa.runtime.db
    .prepare('SELECT payload FROM kasa_events')
    .all()
    .map((row) => JSON.parse((row as { payload: string }).payload));

describe('kasa simulate driving shoppers through the demo shop and the checkout API', () => {
  it('runs every shopper without a surprise, reporting progress shopper by shopper', () => {
    expect(tally.problems).toEqual([]);
    expect(tally.shoppers).toBe(SHOPPERS);
    expect(progress).toEqual(Array.from({ length: SHOPPERS }, (_, i) => i + 1));
    expect(tally.begun).toBeGreaterThan(SHOPPERS / 2);
  });

  it("shows each checkout the layout Kasa's experiment chose, and both layouts get shoppers", () => {
    expect(Object.keys(tally.layouts).sort()).toEqual(['multi-step', 'one-page']);
    const shown = storedEvents().filter((e) => e.name === 'experiment_exposure');
    expect(shown).toHaveLength(tally.begun);
    for (const exposure of shown) {
      expect(kasa.runtime.service.shownPresentation(exposure.checkoutId)?.layout).toBe(
        exposure.params.variation,
      );
    }
  });

  it('follows the behaviour of the layout each shopper was shown', () => {
    const events = storedEvents();
    const reachedDelivery = (layout: string) => {
      const shown = events.filter((e) => e.name === 'experiment_exposure' && e.params.variation === layout);
      const onward = shown.filter((x) =>
        events.some(
          (e) =>
            e.checkoutId === x.checkoutId &&
            e.name === 'checkout_step_view' &&
            e.params.section === 'delivery',
        ),
      );
      return onward.length / shown.length;
    };
    expect(reachedDelivery('multi-step')).toBe(1);
    expect(reachedDelivery('one-page')).toBeLessThan(0.6);
  });

  it("views each cart on the shop's cart page, under the checkout the cart page started", async () => {
    const events = storedEvents();
    const carts = events.filter((e) => e.name === 'view_cart');
    expect(carts).toHaveLength(SHOPPERS);
    for (const cart of carts.slice(0, 5)) {
      expect((await kasa.api('GET', `/api/checkouts/${cart.checkoutId}`)).status).toBe(200);
    }
    const purchased = events.filter((e) => e.name === 'purchase').map((e) => e.checkoutId);
    expect(purchased.length).toBeGreaterThan(0);
    for (const checkoutId of purchased) expect(carts.map((e) => e.checkoutId)).toContain(checkoutId);
  });

  it('places real sandbox orders, and the server records one purchase per paid or cash-on-delivery order', () => {
    expect(tally.orders).toBeGreaterThan(0);
    expect(kasa.sandbox.listOrders()).toHaveLength(tally.orders);
    expect(tally.paid).toBeGreaterThan(0);
    const purchases = storedEvents().filter((e) => e.name === 'purchase');
    expect(purchases).toHaveLength(tally.paid + tally.cashOnDelivery);
    expect(new Set(purchases.map((e) => e.id)).size).toBe(purchases.length);
  });

  it('gets BLIK declines and time-outs from the sandbox bank, each recorded by the server as payment_failed', () => {
    expect(tally.failedPayments.blik_code_rejected).toBeGreaterThan(0);
    expect(tally.failedPayments.blik_timeout).toBeGreaterThan(0);
    const failed = storedEvents().filter((e) => e.name === 'payment_failed');
    const total = Object.values(tally.failedPayments).reduce((a, b) => a + b, 0);
    expect(failed).toHaveLength(total);
  });

  it('sends bad field values that the API refuses, and tracks the code the API answered', () => {
    expect(tally.fieldErrors.sent).toBeGreaterThan(5);
    expect(tally.fieldErrors.refused).toBe(tally.fieldErrors.sent);
    const codes = new Set(
      storedEvents()
        .filter((e) => e.name === 'field_error')
        .map((e) => e.params.code),
    );
    for (const code of ['email_invalid', 'postcode_invalid', 'nip_checksum', 'pickup_point_required']) {
      expect(codes).toContain(code);
    }
  });

  it('delivers every tracker event once, marked simulated, with no personal data', () => {
    expect(tally.events.kept).toBe(tally.events.sent);
    const events = storedEvents();
    // The server's own purchases and failed payments (from the payments it verified) are the only unmarked events.
    const unmarked = new Set(events.filter((e) => !e.simulated).map((e) => e.name));
    expect([...unmarked].sort()).toEqual(['payment_failed', 'purchase']);
    expect(events.some((e) => e.visitorId)).toBe(true);
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/@example\.pl|\+48 5/);
  });
});
