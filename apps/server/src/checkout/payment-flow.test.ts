import { createSandboxAdapter } from '@kasa/adapter-sandbox';
import { KasaError, money, type PaymentProvider, type StartPayment } from '@kasa/core';
import { createSandboxPaymentProvider, signedPayuNotification } from '@kasa/payments';
import { createSandboxPickupProvider } from '@kasa/pickup';
import {
  createSqliteCheckoutStore,
  createSqliteOrderJournal,
  createSqlitePaymentStore,
  openSqlite,
} from '@kasa/storage';
import { describe, expect, it, vi } from 'vitest';
import { CLOSED_BY_KASA, REFUND_DUE, type RefundDue } from './payment-flow.ts';
import { createCheckoutService } from './service.ts';

/**
 * How a start is cut off: the process dies before the provider hears of it, or after the provider
 * started it but before Kasa heard the answer; the provider starts it and the answer is lost; or the
 * provider refuses it.
 */
type Cut = 'before' | 'after' | 'unanswered' | 'refused';

/**
 * The checkout service on the sandbox store, paying through the sandbox provider behind a wrapper
 * that can forget attempts (as a provider that lost them would), stop answering, or cut a start off.
 * The provider's clock is moved by hand and starts `lagMs` behind the server's. `restart()` makes
 * the service again on the same database and provider, as a new process would. With `consent`, BLIK
 * carries a processor notice that requires the shopper's consent (as Przelewy24's does).
 */
async function setup({ lagMs = 0, consent = false } = {}) {
  const db = openSqlite(':memory:');
  const shop = createSandboxAdapter({ db });
  let t = Date.now() - lagMs;
  const sandbox = createSandboxPaymentProvider({
    bankPageBaseUrl: 'http://kasa.test/sandbox/bank',
    now: () => t,
  });
  const forgotten = new Set<string>();
  let down = false;
  /** While set, status calls wait for it: a provider slow to answer. */
  let held: Promise<void> | undefined;
  let cut: Cut | undefined;
  const never = new Promise<never>(() => undefined);
  /** What each start told the provider. */
  const starts: StartPayment[] = [];
  const reach = () => {
    if (down) throw new KasaError('upstream_unavailable');
  };
  const payments: PaymentProvider = {
    id: sandbox.id,
    methods: (input) =>
      sandbox.methods(input).map((m) =>
        consent && m.kind === 'blik'
          ? {
              ...m,
              processorNotice: {
                text: 'Oświadczam, że zapoznałem się z regulaminem…',
                requiresConsent: true,
              },
            }
          : m,
      ),
    async start(input) {
      starts.push(input);
      if (cut === 'before') return never;
      if (cut === 'refused') throw new KasaError('payment_method_unavailable');
      const attempt = await sandbox.start(input);
      if (cut === 'after') return never;
      if (cut === 'unanswered') throw new KasaError('upstream_unavailable');
      return attempt;
    },
    async status(ref) {
      reach();
      await held;
      return forgotten.has(ref) ? undefined : sandbox.status(ref);
    },
    async statusByAttemptId(attemptId) {
      reach();
      const found = await sandbox.statusByAttemptId(attemptId);
      return found && forgotten.has(found.providerRef) ? undefined : found;
    },
    async cancel(ref) {
      reach();
      return forgotten.has(ref) ? undefined : sandbox.cancel(ref);
    },
    verifyNotification: (request) => sandbox.verifyNotification(request),
  };
  /** While set, the platform's markPaid waits for it: a platform slow to confirm the order. */
  let platformHeld: Promise<void> | undefined;
  const platform: typeof shop = {
    ...shop,
    async markPaid(input) {
      await platformHeld;
      return shop.markPaid(input);
    },
  };
  const paid: string[] = [];
  const refunds: RefundDue[] = [];
  const paymentStore = createSqlitePaymentStore(db);
  const makeService = () =>
    createCheckoutService({
      adapter: platform,
      payments,
      pickup: createSandboxPickupProvider(),
      checkouts: createSqliteCheckoutStore(db),
      paymentStore,
      journal: createSqliteOrderJournal(db),
      publicUrl: 'http://kasa.test',
      onOrderPaid: async ({ checkoutId }) => {
        paid.push(checkoutId);
      },
      onRefundDue: (due) => refunds.push(due),
    });
  let service = makeService();
  const cartRef = await shop.createCart([{ productId: shop.listProducts()[0]?.id ?? '', quantity: 1 }]);
  const created = await service.create({ cartRef });
  const id = created.id;
  await service.setContact(id, {
    email: 'anna@example.pl',
    phone: '+48512345678',
    firstName: 'Anna',
    lastName: 'Kowalska',
  });
  const [point] = await createSandboxPickupProvider().search({ postcode: '30-001', limit: 1 });
  const locker = created.shippingOptions.find((o) => o.kind === 'locker');
  await service.setDelivery(id, { optionId: locker?.id ?? '', pickupPointId: point?.id ?? '' });
  await service.setPaymentMethod(id, created.paymentMethods.find((m) => m.kind === 'blik')?.id ?? '');
  const placed = await service.placeOrder(id, `order-${id}`);
  const pay = (blikCode: string) => service.startPayment(id, { blikCode, customerIp: '127.0.0.1' });
  const refOf = (paymentId: string) => paymentStore.get(paymentId)?.providerRef ?? '';
  return {
    get service() {
      return service;
    },
    restart() {
      cut = undefined;
      service = makeService();
    },
    /** Starts an attempt that is cut off as `how` says; resolves with Kasa's record of it. */
    async payCut(blikCode: string, how: Cut) {
      cut = how;
      const started = pay(blikCode).catch(() => undefined);
      const answered = how === 'unanswered' || how === 'refused';
      if (answered) await started;
      else await new Promise((resolve) => setTimeout(resolve, 10));
      if (answered) cut = undefined;
      const intent = paymentStore.listByCheckout(id).at(-1);
      if (!intent) throw new Error('no attempt recorded');
      return intent;
    },
    sandbox,
    starts,
    paymentStore,
    id,
    orderId: placed.order?.id ?? '',
    shop,
    pay,
    paid,
    refunds,
    status: (paymentId: string) => service.paymentStatus(id, paymentId),
    forget: (paymentId: string) => forgotten.add(refOf(paymentId)),
    remember: (paymentId: string) => forgotten.delete(refOf(paymentId)),
    refOf,
    setDown(value: boolean) {
      down = value;
    },
    /** Holds status calls until the returned release is called. */
    hold(): () => void {
      let release = () => {};
      held = new Promise((resolve) => {
        release = () => {
          held = undefined;
          resolve();
        };
      });
      return release;
    },
    /** Holds the platform's markPaid until the returned release is called. */
    holdPlatform(): () => void {
      let release = () => {};
      platformHeld = new Promise((resolve) => {
        release = () => {
          platformHeld = undefined;
          resolve();
        };
      });
      return release;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('payment attempts the provider cannot account for', () => {
  it('closes an attempt the provider does not know as failed, and the order takes a new one that pays', async () => {
    const s = await setup();
    const lost = await s.pay('999123');
    s.forget(lost.id);
    expect(await s.status(lost.id)).toMatchObject({ status: 'failed', reason: CLOSED_BY_KASA.unknown });
    expect(await s.service.cancelPayment(s.id, lost.id)).toMatchObject({ status: 'failed' });

    const retry = await s.pay('777123');
    expect(retry.status).toBe('awaiting_confirmation');
    s.advance(2_000);
    expect((await s.status(retry.id)).status).toBe('paid');
    expect((await s.service.get(s.id)).status).toBe('paid');
    expect(s.paid).toEqual([s.id]);
  });

  it('closes an attempt past its window and grace that the provider still calls open', async () => {
    // The provider's clock is behind: it still waits for the bank app, the window is long gone here.
    const s = await setup({ lagMs: 120_000 });
    const stuck = await s.pay('999123');
    expect((await s.status(stuck.id)).status).toBe('failed');
    expect((await s.status(stuck.id)).reason).toBe(CLOSED_BY_KASA.unconfirmed);
    expect((await s.pay('777123')).status).toBe('awaiting_confirmation');
  });

  it('closes an overdue attempt when the provider cannot be reached, and waits for it within the window', async () => {
    const late = await setup({ lagMs: 120_000 });
    const overdue = await late.pay('999123');
    late.setDown(true);
    expect(await late.status(overdue.id)).toMatchObject({
      status: 'failed',
      reason: CLOSED_BY_KASA.unconfirmed,
    });

    const s = await setup();
    const open = await s.pay('999123');
    s.setDown(true);
    await expect(s.status(open.id)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    await expect(s.pay('777123')).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });

  it('pays the order with an attempt the provider approves after Kasa closed it, once', async () => {
    const s = await setup();
    const attempt = await s.pay('777123');
    s.forget(attempt.id);
    expect((await s.status(attempt.id)).status).toBe('failed');

    s.remember(attempt.id);
    s.advance(2_000);
    expect(await s.status(attempt.id)).toEqual(expect.objectContaining({ status: 'paid' }));
    expect((await s.status(attempt.id)).reason).toBeUndefined();
    expect((await s.service.get(s.id)).status).toBe('paid');
    expect(s.shop.findSandboxOrder(s.orderId)?.payment?.transactionId).toBe(s.refOf(attempt.id));
    await expect(s.pay('777456')).rejects.toMatchObject({ code: 'order_already_paid' });
    expect(s.paid).toEqual([s.id]);
    expect(s.refunds).toEqual([]);
  });

  it('notices a late approval before starting a new attempt, so the shopper is not charged twice', async () => {
    const s = await setup();
    const attempt = await s.pay('777123');
    s.forget(attempt.id);
    await s.status(attempt.id);
    s.remember(attempt.id);
    s.advance(2_000);
    await expect(s.pay('777456')).rejects.toMatchObject({ code: 'order_already_paid' });
    expect((await s.service.get(s.id)).status).toBe('paid');
  });

  it('marks a late approval for an order another attempt paid as a refund due, reported once, the order paid once', async () => {
    const s = await setup();
    const first = await s.pay('777123');
    s.forget(first.id);
    expect((await s.status(first.id)).status).toBe('failed');
    const second = await s.pay('777456');
    s.advance(2_000);
    expect((await s.status(second.id)).status).toBe('paid');

    s.remember(first.id);
    expect(await s.status(first.id)).toMatchObject({ status: 'paid', reason: REFUND_DUE });
    await s.status(first.id);
    expect(s.refunds).toEqual([
      {
        checkoutId: s.id,
        orderId: s.orderId,
        paymentId: first.id,
        provider: 'sandbox',
        providerRef: s.refOf(first.id),
      },
    ]);
    expect(s.paid).toEqual([s.id]);
    expect(s.shop.findSandboxOrder(s.orderId)?.payment?.transactionId).toBe(s.refOf(second.id));
    // The checkout shows the attempt that paid it.
    expect((await s.service.get(s.id)).payment?.id).toBe(second.id);
  });
});

describe('attempts whose start was cut off', () => {
  it('refuses a second attempt while this process waits for the provider to start the first', async () => {
    const s = await setup();
    const waiting = await s.payCut('777123', 'after');
    expect(waiting).toMatchObject({ status: 'pending' });
    expect(waiting.providerRef).toBeUndefined();
    await expect(s.pay('777456')).rejects.toMatchObject({ code: 'payment_in_progress' });
    await expect(s.service.cancelPayment(s.id, waiting.id)).rejects.toMatchObject({
      code: 'payment_in_progress',
    });
  });

  it('finds, after a restart, an attempt the provider started but Kasa never heard answered, and it pays', async () => {
    const s = await setup();
    const intent = await s.payCut('777123', 'after');
    s.restart();
    expect(await s.status(intent.id)).toMatchObject({ status: 'awaiting_confirmation' });
    expect(s.refOf(intent.id)).toBe(s.sandbox.attempts()[0]?.providerRef);
    await expect(s.pay('777456')).rejects.toMatchObject({ code: 'payment_in_progress' });
    s.advance(2_000);
    expect((await s.status(intent.id)).status).toBe('paid');
    expect((await s.service.get(s.id)).status).toBe('paid');
    expect(s.sandbox.attempts()).toHaveLength(1);
  });

  it('pays the order on the provider notification of an attempt Kasa never heard answered', async () => {
    const s = await setup();
    const intent = await s.payCut('777123', 'after');
    s.restart();
    s.advance(2_000);
    const [attempt] = s.sandbox.attempts();
    const { body, headers } = signedPayuNotification(
      {
        orderId: attempt?.providerRef ?? '',
        extOrderId: intent.id,
        status: 'COMPLETED',
        amount: attempt?.amount ?? money(0),
      },
      'sandbox-second-key',
    );
    expect(await s.service.handleNotification('sandbox', { headers, body })).toMatchObject({
      id: intent.id,
      status: 'paid',
    });
    expect((await s.service.get(s.id)).status).toBe('paid');
  });

  it("answers a notification at once while Kasa's own status call about it is under way, then reads again", async () => {
    const s = await setup();
    const started = await s.pay('777123');
    const release = s.hold();
    const polling = s.status(started.id);
    s.advance(2_000);
    const [attempt] = s.sandbox.attempts();
    const { body, headers } = signedPayuNotification(
      {
        orderId: attempt?.providerRef ?? '',
        extOrderId: started.id,
        status: 'COMPLETED',
        amount: attempt?.amount ?? money(0),
      },
      'sandbox-second-key',
    );
    // Before the fix this waited on the held call: the provider waits for this answer first.
    const answered = await s.service.handleNotification('sandbox', { headers, body });
    expect(answered.id).toBe(started.id);
    release();
    await polling;
    await vi.waitFor(async () => expect((await s.service.get(s.id)).status).toBe('paid'));
    expect(s.paid).toEqual([s.id]);
  });

  it('answers a status read that comes while the order is being confirmed only once the checkout is paid', async () => {
    const s = await setup();
    const started = await s.pay('777123');
    s.advance(2_000);
    const release = s.holdPlatform();
    const first = s.status(started.id);
    await vi.waitFor(() => expect(s.paymentStore.get(started.id)?.status).toBe('paid'));
    let secondDone = false;
    const second = s.status(started.id).then((view) => {
      secondDone = true;
      return view;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The money is recorded as taken, but the platform has not confirmed the order yet.
    expect(secondDone).toBe(false);
    expect((await s.service.get(s.id)).status).toBe('awaiting_payment');
    release();
    expect((await second).status).toBe('paid');
    expect((await s.service.get(s.id)).status).toBe('paid');
    await first;
    expect(s.paid).toEqual([s.id]);
  });

  it('closes, after a restart, an attempt that never reached the provider, and the order takes a new one', async () => {
    const s = await setup();
    const intent = await s.payCut('777123', 'before');
    s.restart();
    const retry = await s.pay('777456');
    expect(await s.status(intent.id)).toMatchObject({ status: 'failed', reason: CLOSED_BY_KASA.unknown });
    s.advance(2_000);
    expect((await s.status(retry.id)).status).toBe('paid');
    expect(s.paid).toEqual([s.id]);
  });

  it('closes an attempt whose start went unanswered, and takes its late approval as the payment', async () => {
    const s = await setup();
    const unanswered = await s.payCut('777123', 'unanswered');
    expect(unanswered).toMatchObject({ status: 'failed', reason: CLOSED_BY_KASA.unconfirmed });
    s.advance(2_000);
    expect(await s.status(unanswered.id)).toMatchObject({ status: 'paid' });
    expect(s.refOf(unanswered.id)).toBe(s.sandbox.attempts()[0]?.providerRef);
    expect((await s.service.get(s.id)).status).toBe('paid');
  });

  it('records a start the provider refused as failed with its reason, and takes a new attempt', async () => {
    const s = await setup();
    const refused = await s.payCut('777123', 'refused');
    expect(refused).toMatchObject({ status: 'failed', reason: 'payment_method_unavailable' });
    expect((await s.pay('777456')).status).toBe('awaiting_confirmation');
  });
});

describe('the payer’s e-mail and the processor’s consent', () => {
  it('gives the provider the checkout’s contact e-mail, and keeps it off the stored attempt', async () => {
    const s = await setup();
    const attempt = await s.pay('777123');
    expect(s.starts.at(-1)?.payerEmail).toBe('anna@example.pl');
    expect(s.starts.at(-1)?.processorConsent).toBeUndefined();
    expect(JSON.stringify(s.paymentStore.get(attempt.id))).not.toContain('anna@example.pl');
  });

  it('starts no payment with a method whose processor asks a consent until the shopper ticked it', async () => {
    const s = await setup({ consent: true });
    const refused = (await s.pay('777123').catch((e: unknown) => e)) as KasaError;
    expect(refused).toBeInstanceOf(KasaError);
    expect(refused.code).toBe('processor_consent_required');
    expect(refused.field).toBe('processorConsent');
    await expect(
      s.service.startPayment(s.id, { blikCode: '777123', customerIp: '127.0.0.1', processorConsent: false }),
    ).rejects.toMatchObject({ code: 'processor_consent_required' });
    // Refused before anything was recorded or sent: no attempt, and the provider heard nothing.
    expect(s.paymentStore.listByCheckout(s.id)).toEqual([]);
    expect(s.starts).toEqual([]);

    const ticked = await s.service.startPayment(s.id, {
      blikCode: '777123',
      customerIp: '127.0.0.1',
      processorConsent: true,
    });
    expect(ticked.status).toBe('awaiting_confirmation');
    expect(s.starts.at(-1)).toMatchObject({ processorConsent: true, payerEmail: 'anna@example.pl' });
  });
});
