import { createSandboxAdapter, SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from '@kasa/adapter-sandbox';
import { KasaError, type PaymentProvider, type StorefrontAdapter } from '@kasa/core';
import { createSandboxPaymentProvider } from '@kasa/payments';
import { createSandboxPickupProvider } from '@kasa/pickup';
import {
  createSqliteCheckoutStore,
  createSqliteOrderJournal,
  createSqlitePaymentStore,
  openSqlite,
} from '@kasa/storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { merchantAlerts } from './alerts.ts';
import { createOrderRetrier } from './order-retrier.ts';
import { ORDER_CONFIRMATION_DEADLINE_MS, RETRY_CAP_MS } from './order-retry.ts';
import { ORDER_UNCONFIRMED, type OrderUnconfirmed, REFUND_DUE, REFUNDED } from './payment-flow.ts';
import { createCheckoutService, type StoreWebhookResult } from './service.ts';

const ANNA = { email: 'anna@example.pl', phone: '+48512345678', firstName: 'Anna', lastName: 'Kowalska' };

/** What the shop's markPaid does next: succeed, throw this, or never answer (the process dies in it). */
type MarkPaid = 'ok' | KasaError | 'hang';

/**
 * The checkout service on the sandbox store and provider, on vitest's fake clock. `markPaid` follows
 * a script (the last entry repeats); `restart()` makes the service and its retrier again on the same
 * database, as a new process would. With `webhookInMarkPaid`, markPaid sends the shop's signed
 * webhook to Kasa and waits for its answer, for at most the 3 s PrestaShop's module waits.
 */
async function setup(
  options: { refunds?: boolean; approveAfterMs?: number; webhookInMarkPaid?: boolean } = {},
) {
  const db = openSqlite(':memory:');
  const shop = createSandboxAdapter({ db });
  const sandbox = createSandboxPaymentProvider({
    bankPageBaseUrl: 'http://kasa.test/sandbox/bank',
    approveAfterMs: options.approveAfterMs ?? 0,
  });
  const { refund: _refund, ...withoutRefunds } = sandbox;
  const payments: PaymentProvider = options.refunds === false ? withoutRefunds : sandbox;
  let script: MarkPaid[] = ['ok'];
  const markPaidCalls: number[] = [];
  const webhookAnswers: (StoreWebhookResult | 'module_timeout')[] = [];
  const adapter: StorefrontAdapter = {
    ...shop,
    async markPaid(input) {
      markPaidCalls.push(Date.now());
      const next = script.length > 1 ? script.shift() : script[0];
      if (next === 'hang') return new Promise<never>(() => undefined);
      if (next instanceof KasaError) throw next;
      await shop.markPaid(input);
      if (options.webhookInMarkPaid) {
        const body = JSON.stringify({ topic: 'order.paid', orderId: input.orderId });
        const answer = service.handleStoreWebhook('sandbox', {
          headers: { [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body) },
          body,
        });
        const timeout = new Promise<'module_timeout'>((resolve) =>
          setTimeout(() => resolve('module_timeout'), 3_000),
        );
        webhookAnswers.push(await Promise.race([answer, timeout]));
      }
    },
  };
  const reports: OrderUnconfirmed[] = [];
  const paid: string[] = [];
  const logs: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logAt =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      logs.push({ level, fields, message });
    };
  const logger = { error: logAt('error'), warn: logAt('warn'), info: logAt('info') };
  const paymentStore = createSqlitePaymentStore(db);
  const make = () => {
    let retrier: ReturnType<typeof createOrderRetrier> | undefined;
    const made = createCheckoutService({
      adapter,
      payments,
      pickup: createSandboxPickupProvider(),
      checkouts: createSqliteCheckoutStore(db),
      paymentStore,
      journal: createSqliteOrderJournal(db),
      publicUrl: 'http://kasa.test',
      onOrderPaid: async ({ checkoutId }) => {
        paid.push(checkoutId);
      },
      onOrderUnconfirmed: (report) => {
        reports.push(report);
        retrier?.unconfirmed(report);
      },
    });
    retrier = createOrderRetrier({ orders: made.unconfirmedOrders, logger, random: () => 0.5 });
    return { service: made, retrier };
  };
  let { service, retrier } = make();
  const cartRef = await shop.createCart([{ productId: shop.listProducts()[0]?.id ?? '', quantity: 1 }]);
  const created = await service.create({ cartRef });
  const id = created.id;
  await service.setContact(id, ANNA);
  const [point] = await createSandboxPickupProvider().search({ postcode: '30-001', limit: 1 });
  const locker = created.shippingOptions.find((o) => o.kind === 'locker');
  await service.setDelivery(id, { optionId: locker?.id ?? '', pickupPointId: point?.id ?? '' });
  await service.setPaymentMethod(id, created.paymentMethods.find((m) => m.kind === 'blik')?.id ?? '');
  const placed = await service.placeOrder(id, `order-${id}`);
  return {
    get service() {
      return service;
    },
    get retrier() {
      return retrier;
    },
    /** A new process on the same database: the old one's retrier stopped, the new one started. */
    async restart() {
      await retrier.stop();
      ({ service, retrier } = make());
      retrier.start();
    },
    id,
    orderId: placed.order?.id ?? '',
    shop,
    sandbox,
    paymentStore,
    reports,
    paid,
    logs,
    markPaidCalls,
    webhookAnswers,
    markPaid(...next: MarkPaid[]) {
      script = next;
    },
    pay: () => service.startPayment(id, { blikCode: '777123', customerIp: '127.0.0.1' }),
    view: () => service.get(id),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a payment taken whose order the shop does not confirm', () => {
  it('is kept as paid with the order unconfirmed, reported once, and the shopper told it was received', async () => {
    const s = await setup();
    s.markPaid(new KasaError('platform_unavailable'));
    const payment = await s.pay();
    expect(payment).toMatchObject({ status: 'paid', reason: ORDER_UNCONFIRMED });
    expect(s.paymentStore.get(payment.id)).toMatchObject({ status: 'paid', reason: ORDER_UNCONFIRMED });
    expect(s.reports).toEqual([
      expect.objectContaining({ paymentId: payment.id, orderId: s.orderId, cause: 'platform_unavailable' }),
    ]);
    // The poll does not ask the shop again on every call: the retrier does, with backoff.
    expect(await s.service.paymentStatus(s.id, payment.id)).toMatchObject({ reason: ORDER_UNCONFIRMED });
    expect(s.markPaidCalls).toHaveLength(1);
    const view = await s.view();
    expect(view.payment).toMatchObject({ status: 'paid', reason: ORDER_UNCONFIRMED });
    expect(s.paid).toEqual([]);
    // The money is taken: no second payment.
    await expect(s.pay()).rejects.toMatchObject({ code: 'order_already_paid' });
    expect(merchantAlerts(s.paymentStore, Date.now())).toEqual([
      expect.objectContaining({ code: 'order_unconfirmed', paymentId: payment.id, checkoutId: s.id }),
    ]);
  });

  it('is retried with growing, capped waits until the shop confirms it, and the checkout is then paid', async () => {
    const s = await setup();
    const down = new KasaError('platform_unavailable');
    s.markPaid(down, down, down, down, down, 'ok');
    const payment = await s.pay();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(s.markPaidCalls).toHaveLength(6);
    const waits = s.markPaidCalls.slice(1).map((at, i) => at - (s.markPaidCalls[i] ?? 0));
    // Doubling with jitter (half fixed, half random: 0.5 here), never beyond the cap.
    expect(waits).toEqual([3_750, 7_500, 15_000, 30_000, 60_000]);
    expect(waits.every((wait) => wait <= RETRY_CAP_MS)).toBe(true);
    expect((await s.view()).status).toBe('paid');
    expect(s.paymentStore.get(payment.id)).toMatchObject({ status: 'paid' });
    expect(s.paymentStore.get(payment.id)?.reason).toBeUndefined();
    expect(s.shop.findSandboxOrder(s.orderId)?.status).toBe('paid');
    expect(s.paid).toEqual([s.id]);
    expect(s.retrier.pending()).toBe(0);
    expect(merchantAlerts(s.paymentStore, Date.now())).toEqual([]);
  });

  it('is refunded through the provider after a permanent refusal: the checkout is cancelled, the merchant alerted', async () => {
    const s = await setup();
    s.markPaid(new KasaError('platform_config_invalid'));
    const payment = await s.pay();
    await vi.advanceTimersByTimeAsync(60_000);
    // One more try (a setting may have been fixed meanwhile), then the refund.
    expect(s.markPaidCalls).toHaveLength(2);
    const ref = s.paymentStore.get(payment.id)?.providerRef;
    expect(s.sandbox.refunds()).toEqual([ref]);
    expect(await s.service.paymentStatus(s.id, payment.id)).toMatchObject({
      status: 'cancelled',
      reason: REFUNDED,
    });
    const view = await s.view();
    expect(view.status).toBe('cancelled');
    expect(view.payment).toMatchObject({ status: 'cancelled', reason: REFUNDED });
    expect(s.shop.findSandboxOrder(s.orderId)?.status).toBe('cancelled');
    const alerted = s.logs.filter((line) => line.level === 'error');
    expect(alerted.map((line) => line.fields.code)).toEqual(['order_unconfirmed', 'payment_refunded']);
    expect(alerted[1]?.fields).toMatchObject({
      paymentId: payment.id,
      checkoutId: s.id,
      orderId: s.orderId,
      cause: 'platform_config_invalid',
    });
    expect(JSON.stringify(s.logs)).not.toContain(ANNA.email);
    expect(JSON.stringify(s.logs)).not.toContain('777123');
    expect(merchantAlerts(s.paymentStore, Date.now())).toEqual([
      expect.objectContaining({ code: 'payment_refunded', paymentId: payment.id }),
    ]);
    expect(s.retrier.pending()).toBe(0);
  });

  it('is refunded once retryable failures outlast the deadline', async () => {
    const s = await setup();
    s.markPaid(new KasaError('platform_unavailable'));
    const payment = await s.pay();
    await vi.advanceTimersByTimeAsync(ORDER_CONFIRMATION_DEADLINE_MS - 60_000);
    expect(s.sandbox.refunds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * RETRY_CAP_MS);
    expect(s.sandbox.refunds()).toEqual([s.paymentStore.get(payment.id)?.providerRef]);
    expect(s.logs.find((line) => line.fields.code === 'payment_refunded')?.fields.cause).toBe('deadline');
    // Capped waits: at most one try per half RETRY_CAP_MS over the hours, not a storm.
    expect(s.markPaidCalls.length).toBeLessThan(ORDER_CONFIRMATION_DEADLINE_MS / (RETRY_CAP_MS / 2) + 10);
    expect((await s.view()).status).toBe('cancelled');
  });

  it('is left for a manual refund when the provider cannot refund, the checkout cancelled', async () => {
    const s = await setup({ refunds: false });
    s.markPaid(new KasaError('platform_rejected'));
    const payment = await s.pay();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.paymentStore.get(payment.id)).toMatchObject({ status: 'paid', reason: REFUND_DUE });
    const view = await s.view();
    expect(view.status).toBe('cancelled');
    expect(view.payment).toMatchObject({ status: 'paid', reason: REFUND_DUE });
    expect(s.logs.filter((l) => l.level === 'error').map((l) => l.fields.code)).toEqual([
      'order_unconfirmed',
      'refund_due',
    ]);
    expect(merchantAlerts(s.paymentStore, Date.now())).toEqual([
      expect.objectContaining({ code: 'refund_due', paymentId: payment.id }),
    ]);
  });

  it('is found again after a restart, even when the process died inside markPaid, and confirmed', async () => {
    const s = await setup();
    s.markPaid('hang');
    const starting = s.pay();
    await vi.advanceTimersByTimeAsync(0);
    // Killed while the shop had not answered: the money is on record all the same.
    const [attempt] = s.paymentStore.listByCheckout(s.id);
    expect(attempt).toMatchObject({ status: 'paid', reason: ORDER_UNCONFIRMED });
    void starting;
    s.markPaid('ok');
    await s.restart();
    expect(s.retrier.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await s.view()).status).toBe('paid');
    expect(s.paid).toEqual([s.id]);
  });

  it('stops trying when the retrier is stopped, and tries no more after', async () => {
    const s = await setup();
    s.markPaid(new KasaError('platform_unavailable'));
    await s.pay();
    await s.retrier.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(s.markPaidCalls).toHaveLength(1);
  });
});

describe('the shop webhook sent from inside markPaid (PrestaShop)', () => {
  it('is answered at once with in_progress, not after the sync that waits on that very call', async () => {
    const s = await setup({ approveAfterMs: 2_000, webhookInMarkPaid: true });
    const payment = await s.pay();
    expect(payment.status).toBe('awaiting_confirmation');
    vi.setSystemTime(Date.now() + 2_000);
    // The shopper's page polls: the provider says paid, and the sync asks the shop to mark the order paid.
    const polled = s.service.paymentStatus(s.id, payment.id);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await polled).toMatchObject({ status: 'paid' });
    expect(s.webhookAnswers).toEqual([expect.objectContaining({ outcome: 'in_progress' })]);
    expect((await s.view()).status).toBe('paid');
  });
});
