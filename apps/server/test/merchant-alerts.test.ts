import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Kasa, readyCheckout, SHOPPER, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-the-alerts-test';
const asMerchant = { authorization: `Bearer ${TOKEN}` };

describe('merchant alerts through the HTTP API', () => {
  let kasa: Kasa;
  beforeAll(async () => {
    kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } } });
  });
  afterAll(() => kasa.close());

  it('lists a payment taken whose order the shop refused to mark paid, for the merchant only, logged with ids only', async () => {
    expect((await kasa.api('GET', '/api/alerts', undefined, asMerchant)).body).toEqual({ alerts: [] });
    const { id } = await readyCheckout(kasa);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    // The shop cancels the order meanwhile (and says nothing): its markPaid refuses the payment.
    await kasa.sandbox.cancelOrder({ orderId: placed.body.order.id, reason: 'test' });
    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
    const paid = await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
      (answer) => answer.body.status === 'paid',
    );
    expect(paid.body).toMatchObject({ status: 'paid', reason: 'order_unconfirmed' });

    const alerts = await kasa.api('GET', '/api/alerts', undefined, asMerchant);
    expect(alerts.status).toBe(200);
    expect(alerts.headers.get('cache-control')).toBe('no-store');
    expect(alerts.body.alerts).toEqual([
      expect.objectContaining({
        code: 'order_unconfirmed',
        checkoutId: id,
        orderId: placed.body.order.id,
        paymentId: started.body.id,
      }),
    ]);
    expect((await kasa.api('GET', '/api/alerts')).status).toBe(401);
    expect((await kasa.api('GET', '/api/alerts', undefined, { authorization: 'Bearer nope' })).status).toBe(
      401,
    );

    const alerted = kasa.logs.filter((line) => line.includes('"code":"order_unconfirmed"'));
    expect(alerted).toHaveLength(1);
    expect(alerted[0]).toContain('"level":50');
    expect(alerted[0]).toContain(`"paymentId":"${started.body.id}"`);
    expect(alerted[0]).toContain('"cause":"illegal_transition"');
    expect(alerted.join('\n')).not.toContain(SHOPPER.contact.email);
    expect(alerted.join('\n')).not.toContain('777123');
  });
});
