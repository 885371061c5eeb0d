import { randomUUID } from 'node:crypto';
import { driveLikeServer, errorOf } from '@kasa/adapter-testing/drive';
import { describeFault, FAULT_KINDS, type UpstreamFault } from '@kasa/adapter-testing/faults';
import {
  errorCatalog,
  FINAL_PAYMENT_STATUSES,
  KasaError,
  money,
  type PaymentProvider,
  type PaymentStatus,
  paymentKindSchema,
  type StartPayment,
} from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BankAnswer, PaymentHarness } from './harness.ts';

export interface PaymentSuiteOptions {
  /** Fault kinds played at every upstream call; default every kind of `@kasa/adapter-testing/faults`. */
  readonly faults?: readonly UpstreamFault[];
  /** How many times the suite repeats an operation, as the Kasa server would, before it gives up. Default 5. */
  readonly attempts?: number;
}

/** The errors after which the Kasa server repeats the same call. */
const RETRIABLE = new Set<string>(['upstream_unavailable']);

const AMOUNT = money(12_300);

/**
 * Starts an attempt as the Kasa server does: a repeat (after a lost or failed answer) looks the
 * attempt up by its id first and starts it again only when the PSP never got it.
 */
async function startAsServer(
  provider: PaymentProvider,
  input: StartPayment,
  attempt: number,
): Promise<{ providerRef: string; status: PaymentStatus['status'] }> {
  if (attempt > 0) {
    const found = await provider.statusByAttemptId(input.attemptId);
    if (found !== undefined) return found;
  }
  return provider.start(input);
}

/**
 * The contract every payment provider passes, run by each provider's own tests against its local
 * fake: BLIK outcomes, cancel, late approval, look-up by attempt id, notifications, refunds, a
 * restart, and faults at every upstream call (when the harness can inject them).
 *
 * @example
 * describePaymentProvider('payu', async () => payuHarness());
 */
export function describePaymentProvider(
  name: string,
  makeHarness: () => Promise<PaymentHarness>,
  options: PaymentSuiteOptions = {},
): void {
  const attempts = options.attempts ?? 5;
  const faultKinds = options.faults ?? FAULT_KINDS;
  /** Attempt ids unique across runs: a PSP keeps `extOrderId` unique per POS. */
  const run = randomUUID().slice(0, 8);
  let counter = 0;

  describe(`payment provider contract: ${name}`, () => {
    let h: PaymentHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    function input(answer: BankAnswer, provider: PaymentProvider = h.provider): StartPayment {
      const blikCode = h.blikCode(answer);
      if (blikCode === undefined) throw new Error(`the harness has no BLIK code for ${answer}`);
      counter += 1;
      return {
        attemptId: `pay_${run}_${counter}`,
        orderId: `ord_${run}_${counter}`,
        method: { id: 'blik', kind: 'blik', provider: provider.id, label: 'BLIK' },
        amount: AMOUNT,
        description: `Zamówienie ${counter}`,
        blikCode,
        customerIp: '127.0.0.1',
        returnUrl: 'http://127.0.0.1:3000/return',
        notifyUrl: h.notifyUrl ?? 'http://127.0.0.1:9/notify',
      };
    }

    const paymentsOf = async (attemptId: string) =>
      (await h.pspPayments()).filter((p) => p.attemptId === attemptId);
    const pspPayment = async (providerRef: string) =>
      (await h.pspPayments()).find((p) => p.providerRef === providerRef);

    /** Starts a BLIK attempt and, for an answered code, lets the bank answer. */
    async function started(answer: BankAnswer, provider: PaymentProvider = h.provider) {
      const start = input(answer, provider);
      const attempt = await provider.start(start);
      expect(attempt.attemptId).toBe(start.attemptId);
      expect(attempt.providerRef).not.toBe('');
      return { start, attempt };
    }

    async function paid(provider: PaymentProvider = h.provider) {
      const made = await started('approve', provider);
      await h.advance(h.answerAfterMs);
      expect((await provider.status(made.attempt.providerRef))?.status).toBe('paid');
      return made;
    }

    it('offers BLIK in PLN, each method valid and named with the provider id', () => {
      const methods = h.provider.methods({ amount: AMOUNT, country: 'PL' });
      expect(methods.some((m) => m.kind === 'blik')).toBe(true);
      for (const method of methods) {
        expect(paymentKindSchema.safeParse(method.kind).error).toBeUndefined();
        expect(method.id.trim()).not.toBe('');
        expect(method.label.trim()).not.toBe('');
        if (method.fee !== undefined) expect(method.fee.currency).toBe('PLN');
        expect(method.provider).toBe(h.provider.id);
      }
      expect(new Set(methods.map((m) => m.id)).size).toBe(methods.length);
    });

    it('BLIK approved in the bank app: awaiting confirmation, then paid, one payment taken', async () => {
      const { start, attempt } = await started('approve');
      expect(['awaiting_confirmation', 'pending']).toContain(attempt.status);
      expect(attempt.confirmBy, 'the end of the confirmation window').toBeGreaterThan(0);
      expect((await h.provider.status(attempt.providerRef))?.status).not.toBe('paid');
      await h.advance(h.answerAfterMs);
      const status = await h.provider.status(attempt.providerRef);
      expect(status).toMatchObject({ providerRef: attempt.providerRef, status: 'paid' });
      const payments = await paymentsOf(start.attemptId);
      expect(payments).toHaveLength(1);
      expect(payments[0]).toMatchObject({ providerRef: attempt.providerRef, charged: true, refunds: 0 });
    });

    it('BLIK declined in the bank app: rejected with a reason, nothing taken', async () => {
      const { attempt } = await started('decline');
      await h.advance(h.answerAfterMs);
      const status = await h.provider.status(attempt.providerRef);
      expect(status?.status).toBe('rejected');
      expect(status?.reason, 'a reason from the error catalogue').toBeDefined();
      expect(Object.hasOwn(errorCatalog, status?.reason ?? '')).toBe(true);
      expect((await pspPayment(attempt.providerRef))?.charged).toBe(false);
    });

    it('an expired BLIK code: expired with blik_code_expired, at once or at the first status', async () => {
      const { attempt } = await started('expired');
      if (!FINAL_PAYMENT_STATUSES.has(attempt.status)) await h.advance(h.answerAfterMs);
      expect(await h.provider.status(attempt.providerRef)).toMatchObject({
        status: 'expired',
        reason: 'blik_code_expired',
      });
      expect((await pspPayment(attempt.providerRef))?.charged).toBe(false);
    });

    it('a BLIK code already used: failed with blik_code_used', async (ctx) => {
      if (h.blikCode('used') === undefined) return ctx.skip();
      const { attempt } = await started('used');
      if (!FINAL_PAYMENT_STATUSES.has(attempt.status)) await h.advance(h.answerAfterMs);
      expect(await h.provider.status(attempt.providerRef)).toMatchObject({
        status: 'failed',
        reason: 'blik_code_used',
      });
    });

    it('no answer within the window: timeout with blik_timeout, nothing taken', async () => {
      const { attempt } = await started('never');
      await h.advance(h.answerAfterMs);
      expect((await h.provider.status(attempt.providerRef))?.status).toBe('awaiting_confirmation');
      await h.advance(h.closesAfterMs);
      expect(await h.provider.status(attempt.providerRef)).toMatchObject({
        status: 'timeout',
        reason: 'blik_timeout',
      });
      expect((await pspPayment(attempt.providerRef))?.charged).toBe(false);
    });

    it('cancels an open attempt for good; a final one is returned as it is', async () => {
      const { attempt } = await started('never');
      const cancelled = await h.provider.cancel(attempt.providerRef);
      expect(cancelled).toMatchObject({ providerRef: attempt.providerRef, status: 'cancelled' });
      if (h.approveNow !== undefined) {
        // The shopper approves in the bank app after the cancel: the PSP must not take the money.
        await h.approveNow(attempt.providerRef).catch(() => undefined);
      }
      await h.advance(h.closesAfterMs);
      expect((await h.provider.status(attempt.providerRef))?.status).toBe('cancelled');
      expect((await pspPayment(attempt.providerRef))?.charged).toBe(false);

      const done = await paid();
      expect((await h.provider.cancel(done.attempt.providerRef))?.status).toBe('paid');
      expect((await h.provider.status(done.attempt.providerRef))?.status).toBe('paid');
    });

    it('answers undefined for an attempt the PSP does not have', async () => {
      await started('approve'); // so a token or session exists and an unknown id is not a login failure
      expect(await h.provider.status('UNKNOWN0000000000001')).toBeUndefined();
      expect(await h.provider.cancel('UNKNOWN0000000000001')).toBeUndefined();
      expect(await h.provider.statusByAttemptId(`pay_${run}_never_started`)).toBeUndefined();
    });

    it('a late approval after the window Kasa showed is reported truthfully: paid exactly when the money was taken', async () => {
      const { attempt } = await started('never');
      const confirmBy = attempt.confirmBy ?? 0;
      expect(confirmBy).toBeGreaterThan(0);
      // The shop's window is over: the server stops waiting, but the PSP may still take an approval.
      await h.advance(confirmBy - h.now() + 1);
      if (h.approveNow !== undefined) await h.approveNow(attempt.providerRef).catch(() => undefined);
      const reported = await h.provider.status(attempt.providerRef);
      const charged = (await pspPayment(attempt.providerRef))?.charged ?? false;
      expect(reported?.status === 'paid', `status ${reported?.status}, money taken: ${charged}`).toBe(
        charged,
      );
      if (h.approveNow !== undefined) expect(reported?.status).toBe('paid');
      // However long the server waits, the answer ends final and stays true.
      await h.advance(h.closesAfterMs);
      const final = await h.provider.status(attempt.providerRef);
      expect(FINAL_PAYMENT_STATUSES.has(final?.status ?? 'pending'), `final, got ${final?.status}`).toBe(
        true,
      );
      expect(final?.status === 'paid').toBe((await pspPayment(attempt.providerRef))?.charged ?? false);
      expect((await h.provider.statusByAttemptId(attempt.attemptId))?.status).toBe(final?.status);
    });

    it('finds an attempt whose start answer was lost by its attempt id, also after a restart', async () => {
      const { start, attempt } = await started('approve');
      const after = h.restart();
      const found = await after.statusByAttemptId(start.attemptId);
      expect(found?.providerRef).toBe(attempt.providerRef);
      await h.advance(h.answerAfterMs);
      expect((await after.statusByAttemptId(start.attemptId))?.status).toBe('paid');
    });

    it('a repeated start with the same attempt id never makes a second payment', async () => {
      const { start, attempt } = await started('approve');
      const again = await h.provider.start(start).then(
        (a) => a,
        (e: unknown) => e,
      );
      if (again instanceof KasaError) expect(again.code).not.toBe('internal');
      else expect((again as { providerRef: string }).providerRef).toBe(attempt.providerRef);
      expect(await paymentsOf(start.attemptId)).toHaveLength(1);
      await h.advance(h.answerAfterMs);
      expect((await h.provider.status(attempt.providerRef))?.status).toBe('paid');
      expect((await paymentsOf(start.attemptId)).filter((p) => p.charged)).toHaveLength(1);
    });

    it('verifies a signed notification; a duplicate is harmless; a forged one throws notification_invalid', async () => {
      const { start, attempt } = await paid();
      const signed = h.signNotification({
        providerRef: attempt.providerRef,
        attemptId: start.attemptId,
        status: 'paid',
        amount: start.amount,
      });
      const first = await h.provider.verifyNotification(signed);
      expect(first).toMatchObject({ providerRef: attempt.providerRef, status: 'paid' });
      if (first.attemptId !== undefined) expect(first.attemptId).toBe(start.attemptId);
      expect(await h.provider.verifyNotification(signed)).toEqual(first);
      expect((await h.provider.status(attempt.providerRef))?.status).toBe('paid');
      expect(await paymentsOf(start.attemptId)).toHaveLength(1);

      const forged = (body: string, headers = signed.headers) =>
        h.provider.verifyNotification({ headers, body });
      expect((await errorOf(forged(`${signed.body} `))).code).toBe('notification_invalid');
      expect((await errorOf(forged(signed.body.replace(attempt.providerRef, 'X')))).code).toBe(
        'notification_invalid',
      );
      expect((await errorOf(forged(signed.body, {}))).code).toBe('notification_invalid');
    });

    it('a notification is what it says, not the truth: status still reads the PSP', async () => {
      const { start, attempt } = await started('never');
      const claim = h.signNotification({
        providerRef: attempt.providerRef,
        attemptId: start.attemptId,
        status: 'paid',
        amount: start.amount,
      });
      expect((await h.provider.verifyNotification(claim)).status).toBe('paid');
      expect((await h.provider.status(attempt.providerRef))?.status).toBe('awaiting_confirmation');
    });

    it('refunds a paid attempt once, whatever the repeats and restarts; refuses an unpaid one', async (ctx) => {
      if (h.provider.refund === undefined) return ctx.skip();
      const { attempt } = await paid();
      const refund = await h.provider.refund({
        providerRef: attempt.providerRef,
        reason: 'order_unconfirmed',
      });
      expect(refund.refundRef).not.toBe('');
      expect(
        await h.provider.refund({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' }),
      ).toEqual(refund);
      const after = h.restart();
      expect(await after.refund?.({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' })).toEqual(
        refund,
      );
      expect((await pspPayment(attempt.providerRef))?.refunds).toBe(1);

      const open = await started('never');
      const refusal = await errorOf(
        h.provider.refund({ providerRef: open.attempt.providerRef, reason: 'order_unconfirmed' }),
      );
      expect(refusal.code).toBe('payment_not_found');
      expect((await pspPayment(open.attempt.providerRef))?.refunds).toBe(0);
    });

    it('a restart mid-payment loses nothing: the new provider sees each attempt end as it would have', async () => {
      const approved = await started('approve');
      const unanswered = await started('never');
      const after = h.restart();
      await h.advance(h.answerAfterMs);
      expect((await after.status(approved.attempt.providerRef))?.status).toBe('paid');
      expect((await after.statusByAttemptId(approved.start.attemptId))?.status).toBe('paid');
      expect((await after.status(unanswered.attempt.providerRef))?.status).toBe('awaiting_confirmation');
      await h.advance(h.closesAfterMs);
      expect((await after.status(unanswered.attempt.providerRef))?.status).toBe('timeout');
      expect(await paymentsOf(approved.start.attemptId)).toHaveLength(1);
    });

    describe('upstream faults at every call: upstream_unavailable, never a double charge', () => {
      /**
       * Runs `operation` once cleanly (a fresh provider, nothing in memory) to count its calls, then
       * plays `fault` at each of them, repeating the operation as the server would.
       */
      async function atEveryCall<S>(
        fault: UpstreamFault,
        setup: (provider: PaymentProvider) => Promise<S>,
        operation: (provider: PaymentProvider, state: S, attempt: number) => Promise<unknown>,
        check: (provider: PaymentProvider, state: S, result: unknown) => Promise<void>,
      ): Promise<void> {
        const inject = h.inject?.bind(h);
        const calls = h.upstreamCalls?.bind(h);
        if (inject === undefined || calls === undefined) throw new Error('unreachable');
        const cleanProvider = h.restart();
        const clean = await setup(cleanProvider);
        const fresh = h.restart();
        const before = calls();
        await check(fresh, clean, await operation(fresh, clean, 0));
        const count = calls() - before;
        expect(count, 'PSP calls of a clean run').toBeGreaterThan(0);
        for (let atCall = 0; atCall < count; atCall++) {
          const state = await setup(h.restart());
          const provider = h.restart();
          inject({ ...fault, atCall });
          const where = `${describeFault(fault)} at call ${atCall + 1} of ${count}`;
          const result = await driveLikeServer(
            (attempt) => operation(provider, state, attempt),
            attempts,
            RETRIABLE,
          ).catch((error: unknown) => {
            throw new Error(`${where}: ${String(error)}`, { cause: error });
          });
          h.clearFaults?.();
          await check(provider, state, result).catch((error: unknown) => {
            throw new Error(`${where}: ${String(error)}`, { cause: error });
          });
        }
      }

      for (const fault of faultKinds) {
        const title = describeFault(fault);

        it(`start: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          await atEveryCall(
            fault,
            async (provider) => input('approve', provider),
            (provider, start, attempt) => startAsServer(provider, start, attempt),
            async (provider, start, result) => {
              const { providerRef } = result as { providerRef: string };
              const payments = await paymentsOf(start.attemptId);
              expect(payments, 'PSP payments for the attempt').toHaveLength(1);
              expect(payments[0]?.providerRef).toBe(providerRef);
              await h.advance(h.answerAfterMs);
              expect((await provider.status(providerRef))?.status).toBe('paid');
            },
          );
        });

        it(`status and statusByAttemptId: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          const setup = async (provider: PaymentProvider) => {
            const made = await started('approve', provider);
            await h.advance(h.answerAfterMs);
            return made;
          };
          await atEveryCall(
            fault,
            setup,
            (provider, { attempt }) => provider.status(attempt.providerRef),
            async (_p, { attempt }, result) => {
              expect(result).toMatchObject({ providerRef: attempt.providerRef, status: 'paid' });
            },
          );
          await atEveryCall(
            fault,
            setup,
            (provider, { start }) => provider.statusByAttemptId(start.attemptId),
            async (_p, { attempt }, result) => {
              expect(result).toMatchObject({ providerRef: attempt.providerRef, status: 'paid' });
            },
          );
        });

        it(`cancel: ${title}`, async (ctx) => {
          if (h.inject === undefined) return ctx.skip();
          await atEveryCall(
            fault,
            (provider) => started('never', provider),
            (provider, { attempt }) => provider.cancel(attempt.providerRef),
            async (provider, { attempt }, result) => {
              expect(result).toMatchObject({ providerRef: attempt.providerRef, status: 'cancelled' });
              expect((await provider.status(attempt.providerRef))?.status).toBe('cancelled');
              expect((await pspPayment(attempt.providerRef))?.charged).toBe(false);
            },
          );
        });

        it(`refund: ${title}`, async (ctx) => {
          if (h.inject === undefined || h.provider.refund === undefined) return ctx.skip();
          await atEveryCall(
            fault,
            (provider) => paid(provider),
            async (provider, { attempt }) => {
              const refund = provider.refund?.bind(provider);
              if (refund === undefined) throw new Error('unreachable');
              return refund({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' });
            },
            async (provider, { attempt }, result) => {
              expect((result as { refundRef: string }).refundRef).not.toBe('');
              expect((await pspPayment(attempt.providerRef))?.refunds, 'refunds made').toBe(1);
              expect(
                await provider.refund?.({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' }),
              ).toEqual(result);
              expect((await pspPayment(attempt.providerRef))?.refunds).toBe(1);
            },
          );
        });
      }
    });
  });
}
