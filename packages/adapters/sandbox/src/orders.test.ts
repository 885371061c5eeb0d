import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cart, KasaError, type PlacedOrder } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxAdapter, type SandboxAdapter, type SandboxAdapterOptions } from './adapter.ts';
import { orderInput } from './fixtures.ts';

let shop: SandboxAdapter;
afterEach(() => shop.close());

const NOW = new Date('2026-03-02T10:00:00.000Z');

async function setup(options: SandboxAdapterOptions = {}): Promise<Cart> {
  shop = createSandboxAdapter({ now: () => NOW, ...options });
  const ref = await shop.createCart([{ productId: 'kubek-350', quantity: 2 }]);
  return shop.getCart(ref);
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof KasaError ? e.code : e),
  );

describe('placing sandbox orders', () => {
  it('creates an awaiting-payment order with a sequential human number', async () => {
    const cart = await setup();
    const first = await shop.placeOrder(orderInput(cart));
    const second = await shop.placeOrder(orderInput(cart, { idempotencyKey: 'idem_2', checkoutId: 'chk_2' }));
    expect(first).toEqual({
      id: expect.stringMatching(/^ord_/),
      number: 'KS-000001',
      total: orderInput(cart).total,
      createdAt: NOW.toISOString(),
    });
    expect(second.number).toBe('KS-000002');
    const stored = shop.findSandboxOrder(first.id);
    expect(stored?.status).toBe('awaiting_payment');
    expect(stored?.input.contact.email).toBe('jan@example.pl');
  });

  it('marks a cash-on-delivery order as such', async () => {
    const cart = await setup();
    const cod = { id: 'cod', kind: 'cod', provider: 'sandbox', label: 'Za pobraniem' } as const;
    const placed = await shop.placeOrder(orderInput(cart, { paymentMethod: cod }));
    expect(shop.findSandboxOrder(placed.id)?.status).toBe('cash_on_delivery');
  });

  it('returns the same order when the same key is placed twice', async () => {
    const cart = await setup();
    const a = await shop.placeOrder(orderInput(cart));
    const b = await shop.placeOrder(orderInput(cart));
    expect(b).toEqual(a);
    expect(shop.countOrders()).toBe(1);
  });

  it('refuses a key reused for another checkout', async () => {
    const cart = await setup();
    await shop.placeOrder(orderInput(cart));
    expect(await codeOf(shop.placeOrder(orderInput(cart, { checkoutId: 'chk_other' })))).toBe(
      'idempotency_conflict',
    );
    expect(shop.countOrders()).toBe(1);
  });

  it('yields one order for two placements started without awaiting in between', async () => {
    const cart = await setup();
    const [a, b] = await Promise.all([shop.placeOrder(orderInput(cart)), shop.placeOrder(orderInput(cart))]);
    expect(a.id).toBe(b.id);
    expect(shop.countOrders()).toBe(1);
  });

  it('returns the same order on retry after a crash between insert and answer', async () => {
    let crashes = 1;
    const seen: PlacedOrder[] = [];
    const cart = await setup({
      onAfterPlaceOrder: (order) => {
        seen.push(order);
        if (crashes-- > 0) throw new Error('simulated crash');
      },
    });
    await expect(shop.placeOrder(orderInput(cart))).rejects.toThrow('simulated crash');
    expect(shop.countOrders()).toBe(1);
    const retried = await shop.placeOrder(orderInput(cart));
    expect(retried).toEqual(seen[0]);
    expect(shop.countOrders()).toBe(1);
  });

  it('keeps one order across two adapters sharing a database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-sandbox-'));
    try {
      const filename = join(dir, 'shop.db');
      const cart = await setup({ filename });
      const other = createSandboxAdapter({ filename });
      const a = await shop.placeOrder(orderInput(cart));
      const b = await other.placeOrder(orderInput(cart));
      expect(b).toEqual(a);
      expect(other.countOrders()).toBe(1);
      other.close();
      shop.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('paying and cancelling sandbox orders', () => {
  const payment = { provider: 'sandbox-pay', transactionId: 'tx_1' };

  it('marks an order paid, and again with the same transaction', async () => {
    const cart = await setup();
    const placed = await shop.placeOrder(orderInput(cart));
    await shop.markPaid({ orderId: placed.id, payment });
    await shop.markPaid({ orderId: placed.id, payment });
    expect(shop.findSandboxOrder(placed.id)).toMatchObject({
      status: 'paid',
      payment,
      paidAt: NOW.toISOString(),
    });
  });

  it('refuses a second, different payment for a paid order', async () => {
    const cart = await setup();
    const placed = await shop.placeOrder(orderInput(cart));
    await shop.markPaid({ orderId: placed.id, payment });
    const other = { provider: 'sandbox-pay', transactionId: 'tx_2' };
    expect(await codeOf(shop.markPaid({ orderId: placed.id, payment: other }))).toBe('order_already_paid');
    expect(shop.findSandboxOrder(placed.id)?.payment).toEqual(payment);
  });

  it('cancels an unpaid order idempotently but refuses to pay or cancel across states', async () => {
    const cart = await setup();
    const a = await shop.placeOrder(orderInput(cart));
    await shop.cancelOrder({ orderId: a.id, reason: 'Klient zrezygnował' });
    await shop.cancelOrder({ orderId: a.id, reason: 'Klient zrezygnował' });
    expect(shop.findSandboxOrder(a.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Klient zrezygnował',
    });
    expect(await codeOf(shop.markPaid({ orderId: a.id, payment }))).toBe('illegal_transition');

    const b = await shop.placeOrder(orderInput(cart, { idempotencyKey: 'idem_2', checkoutId: 'chk_2' }));
    await shop.markPaid({ orderId: b.id, payment });
    expect(await codeOf(shop.cancelOrder({ orderId: b.id, reason: 'x' }))).toBe('illegal_transition');
  });

  it('answers not_found for an unknown order', async () => {
    await setup();
    expect(await codeOf(shop.markPaid({ orderId: 'ord_nope', payment }))).toBe('order_not_found');
  });
});

describe('kasa doctor on the sandbox', () => {
  it('always passes: nothing to reach, no credentials', async () => {
    await setup();
    const checks = await shop.diagnose();
    expect(checks).toEqual([
      { name: 'reachable', ok: true, detail: expect.stringContaining('no credentials') },
    ]);
  });
});
