import { createDemoShop } from '@kasa/demo-shop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, listen } from '../src/listen.ts';
import { driveShoppers } from '../src/simulation/drive-shoppers.ts';
import { FAKE_STORES } from '../src/storefront/adapter.ts';
import { fragmentRenderer, type KasaOnFake, startKasaOnFake } from './harness.ts';

const SHOPPERS = 6;
/** Shoppers who all check out and pay with an approved BLIK code: every road ends in an order. */
const everyoneBuys = {
  checkouts: SHOPPERS,
  seed: 5,
  beginRate: 1,
  invoiceRate: 0.5,
  paymentMix: { blik: 1 },
  shippingMix: { locker: 0.5, courier: 0.5 },
  layouts: [
    {
      name: 'one-page',
      behaviour: {
        dropOff: { contact: 0, delivery: 0, payment: 0, review: 0 },
        fieldErrorRates: { email: 0.5, nip: 0.5 },
        leaveAfterError: 0,
        leaveAfterErrorByField: {},
        blikRejectionRate: 0,
        blikTimeoutRate: 0,
      },
    },
  ],
};

describe.each(FAKE_STORES)('kasa simulate --shop on the demo shop selling from the %s', (name) => {
  let kasa: KasaOnFake;
  let shop: Awaited<ReturnType<typeof listen>>;
  let tally: Awaited<ReturnType<typeof driveShoppers>>;

  beforeAll(async () => {
    const port = await freePort();
    const shopUrl = `http://127.0.0.1:${port}`;
    kasa = await startKasaOnFake(name, { config: { allowedOrigins: [shopUrl] }, widget: fragmentRenderer() });
    shop = await listen(createDemoShop({ store: kasa.demoStore, kasaUrl: kasa.url }).fetch, port);
    tally = await driveShoppers({ shopUrl, kasaUrl: kasa.url, simulation: everyoneBuys, pollMs: 50 });
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => shop?.close(resolve));
    await kasa?.close();
  });

  it("places every shopper's order on the platform through its adapter, and pays it", async () => {
    expect(tally.problems).toEqual([]);
    expect(tally.paid).toBe(SHOPPERS);
    const orders = await kasa.fake.platformOrders();
    expect(orders).toHaveLength(SHOPPERS);
    // Paid on the platform: Kasa marked each order paid there after verifying the payment.
    await expect
      .poll(async () => (await kasa.fake.platformOrders()).filter((o) => o.paid).length)
      .toBe(SHOPPERS);
    expect(tally.fieldErrors.refused).toBe(tally.fieldErrors.sent);
  });
});
