import { afterEach, describe, expect, it } from 'vitest';
import { type Kasa, readyCheckout, startKasa } from './harness.ts';

let kasa: Kasa | undefined;
afterEach(() => kasa?.close());

describe('placing an order exactly once', () => {
  it('returns the same order for the same idempotency key', async () => {
    kasa = await startKasa();
    const { id } = await readyCheckout(kasa);
    const headers = { 'idempotency-key': 'key-0123456789' };
    const first = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, headers);
    const second = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, headers);
    expect(second.body.order).toEqual(first.body.order);
    expect(kasa.sandbox.countOrders()).toBe(1);
  });

  it('makes one order from two placements sent at the same time', async () => {
    kasa = await startKasa();
    const { id } = await readyCheckout(kasa);
    const [a, b] = await Promise.all([
      kasa.api('POST', `/api/checkouts/${id}/order`, undefined, { 'idempotency-key': 'key-aaaaaaaaaa' }),
      kasa.api('POST', `/api/checkouts/${id}/order`, undefined, { 'idempotency-key': 'key-aaaaaaaaaa' }),
    ]);
    expect(a.body.order.id).toBe(b.body.order.id);
    expect(kasa.sandbox.countOrders()).toBe(1);
  });

  it('refuses a key already used by another checkout', async () => {
    kasa = await startKasa();
    const one = await readyCheckout(kasa);
    const two = await readyCheckout(kasa);
    const headers = { 'idempotency-key': 'key-shared-0001' };
    await kasa.api('POST', `/api/checkouts/${one.id}/order`, undefined, headers);
    const clash = await kasa.api('POST', `/api/checkouts/${two.id}/order`, undefined, headers);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('idempotency_conflict');
    expect(kasa.sandbox.countOrders()).toBe(1);
  });

  it('finds the order after a crash between its creation on the platform and the answer', async () => {
    let crashes = 1;
    kasa = await startKasa({
      onAfterPlaceOrder: () => {
        if (crashes-- > 0) throw new Error('simulated crash after the platform created the order');
      },
    });
    const { id } = await readyCheckout(kasa);
    const headers = { 'idempotency-key': 'key-crash-0001' };
    const crashed = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, headers);
    expect(crashed.status).toBe(500);
    expect(crashed.body.error.code).toBe('internal');
    expect(kasa.sandbox.countOrders()).toBe(1);

    const retried = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, headers);
    expect(retried.status).toBe(200);
    expect(retried.body.order.id).toBe(kasa.sandbox.listOrders()[0]?.id);
    expect(kasa.sandbox.countOrders()).toBe(1);
  });

  it('refuses to place an incomplete checkout and says what is missing', async () => {
    kasa = await startKasa();
    const cartRef = await kasa.sandbox.createCart([
      { productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 1 },
    ]);
    const { body } = await kasa.api('POST', '/api/checkouts', { cartRef });
    const placed = await kasa.api('POST', `/api/checkouts/${body.id}/order`);
    expect(placed.status).toBe(422);
    expect(placed.body.error).toMatchObject({
      code: 'checkout_incomplete',
      details: { missing: ['contact', 'delivery', 'paymentMethod'] },
    });
    expect(kasa.sandbox.countOrders()).toBe(0);
  });
});
