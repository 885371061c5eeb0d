import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyOnFake, eventually, type KasaOnFake, startKasaOnFake } from './harness.ts';

/**
 * What a real PrestaShop did to Kasa: the BLIK payment taken, then the shop refused to create the
 * order (its Kasa module did not list `kasa` among the payment modules, so the adapter refused
 * markPaid as a misconfiguration). Played here with a payment module the shop does not have: the
 * money must not stay taken with no order. Kasa keeps the payment owed, tries once more, then
 * refunds it, cancels the checkout and alerts the merchant.
 */
describe('a payment the shop will not turn into an order (PrestaShop fake)', () => {
  const TOKEN = 'merchant-token-for-the-refund-test';
  let kasa: KasaOnFake;
  beforeAll(async () => {
    kasa = await startKasaOnFake('prestashop-fake', {
      config: { analytics: { merchantToken: TOKEN } },
      storeSettings: { paymentModule: 'not_installed' },
    });
  });
  afterAll(() => kasa?.close());

  it('is refunded after one more try, the checkout cancelled, the merchant alerted, no paid order left', async () => {
    const { id, started, final } = await buyOnFake(kasa);
    expect(final.body).toMatchObject({ status: 'paid', reason: 'order_unconfirmed' });
    const refunded = await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
      (answer) => answer.body.status !== 'paid',
      15_000,
    );
    expect(refunded.body).toMatchObject({ status: 'cancelled', reason: 'payment_refunded' });
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('cancelled');

    const alerts = await kasa.api('GET', '/api/alerts', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(alerts.body.alerts).toEqual([
      expect.objectContaining({ code: 'payment_refunded', checkoutId: id, paymentId: started.body.id }),
    ]);
    const errors = kasa.logs.filter((line) => line.includes('"level":50'));
    expect(errors.some((line) => line.includes('"code":"order_unconfirmed"'))).toBe(true);
    expect(errors.some((line) => line.includes('"code":"payment_refunded"'))).toBe(true);
    expect(kasa.logs.join('\n')).not.toContain('@example');
    expect((await kasa.fake.platformOrders()).filter((o) => o.checkoutId === id && o.paid)).toEqual([]);
  }, 30_000);
});
