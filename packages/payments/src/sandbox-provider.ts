import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers';
import type {
  PaymentAttempt,
  PaymentKind,
  PaymentStatus,
  PaymentStatusValue,
  StartPayment,
} from '@kasa/core';
import { BLIK_APPROVAL_WINDOW_MS, FINAL_PAYMENT_STATUSES, KasaError } from '@kasa/core';
import { signedPayuNotification, toPayuStatus, verifyPayuNotification } from './payu-notification.ts';
import { sandboxBlikOutcome } from './sandbox-blik.ts';
import { createMemorySandboxAttemptStore } from './sandbox-memory-store.ts';
import { SANDBOX_PROVIDER_ID, sandboxMethods } from './sandbox-methods.ts';
import type {
  AttemptRecord,
  Outcome,
  SandboxPaymentOptions,
  SandboxPaymentProvider,
} from './sandbox-types.ts';

const REDIRECT_KINDS: ReadonlySet<PaymentKind> = new Set(['pbl', 'card', 'bnpl']);
const OPEN_STATUS: Readonly<Record<PaymentKind, PaymentStatusValue>> = {
  blik: 'awaiting_confirmation',
  pbl: 'redirect',
  card: 'redirect',
  bnpl: 'redirect',
  cod: 'pending',
};

/**
 * How long a check resumed after a restart waits at least: the server that makes the provider is not
 * listening yet, and a notification sent now would find nobody.
 */
const RESUME_DELAY_MS = 1_000;

/** One refund per attempt, so its id follows from the attempt's. */
const refundRefOf = (providerRef: string) => `RFND${providerRef.replace(/^SBX/, '')}`;

/**
 * A PaymentProvider that behaves like the Polish PSP sandboxes (PayU's BLIK codes, see sandboxBlikOutcome).
 * `status()` derives the outcome from the clock and the attempt's stored instants, so no timer is
 * needed for correctness, and an attempt read back from a durable `store` after a restart resolves as
 * it would have; timers only send notifications when `notify` is set (and are resumed on creation).
 *
 * @example
 * const provider = createSandboxPaymentProvider({ bankPageBaseUrl: 'http://127.0.0.1:3000/sandbox/bank' });
 * const attempt = await provider.start({ ...input, method: blik, blikCode: '777123' }); // awaiting_confirmation
 */
export function createSandboxPaymentProvider(options: SandboxPaymentOptions): SandboxPaymentProvider {
  const now = options.now ?? Date.now;
  const approvalWindowMs = options.approvalWindowMs ?? BLIK_APPROVAL_WINDOW_MS;
  const approveAfterMs = options.approveAfterMs ?? 2_000;
  const secondKey = options.secondKey ?? 'sandbox-second-key';
  const bankPageBaseUrl = options.bankPageBaseUrl.replace(/\/+$/, '');
  if (secondKey === '') throw new RangeError('createSandboxPaymentProvider: secondKey must not be empty');
  const store = options.store ?? createMemorySandboxAttemptStore();

  /** When the bank app's answer decides the attempt, if it comes within the window. */
  const answeredInTime = (r: AttemptRecord): r is AttemptRecord & { answerAt: number; confirmBy: number } =>
    r.answer !== undefined &&
    r.answer !== 'none' &&
    r.answerAt !== undefined &&
    r.confirmBy !== undefined &&
    r.answerAt < r.confirmBy;

  function evaluate(r: AttemptRecord): Outcome {
    if (r.confirmBy !== undefined) {
      if (answeredInTime(r) && now() >= r.answerAt) {
        return r.answer === 'approve'
          ? { status: 'paid' }
          : { status: 'rejected', reason: 'blik_code_rejected' };
      }
      if (now() >= r.confirmBy) return { status: 'timeout', reason: 'blik_timeout' };
    }
    return { status: OPEN_STATUS[r.kind] };
  }

  function sendNotification(r: AttemptRecord, outcome: Outcome): void {
    const send = options.notify;
    if (send === undefined || !store.markNotified(r.providerRef)) return;
    const { body, headers } = signedPayuNotification(
      {
        orderId: r.providerRef,
        extOrderId: r.attemptId,
        status: toPayuStatus(outcome.status),
        amount: r.amount,
      },
      secondKey,
    );
    // A lost notification is harmless: the shop also polls status(), as it must with a real PSP.
    setTimeout(() => {
      Promise.resolve()
        .then(() => send(r.notifyUrl, body, headers))
        .catch(() => undefined);
    }, 0).unref();
  }

  function settle(r: AttemptRecord, outcome: Outcome): Outcome {
    const standing = store.settle(r.providerRef, outcome);
    sendNotification(r, standing);
    return standing;
  }

  /** The current outcome; a final one is frozen, so a late cancel cannot undo a payment. */
  function refresh(r: AttemptRecord): Outcome {
    if (r.settled) return r.settled;
    const outcome = evaluate(r);
    return FINAL_PAYMENT_STATUSES.has(outcome.status) ? settle(r, outcome) : outcome;
  }

  function toStatus(r: AttemptRecord, o: Outcome): PaymentStatus {
    return {
      providerRef: r.providerRef,
      status: o.status,
      ...(o.reason === undefined ? {} : { reason: o.reason }),
      ...(r.confirmBy === undefined ? {} : { confirmBy: r.confirmBy }),
    };
  }

  function toAttempt(r: AttemptRecord): PaymentAttempt {
    const status = toStatus(r, refresh(r));
    const redirect =
      status.status === 'redirect' ? { redirectUrl: `${bankPageBaseUrl}/${r.providerRef}` } : {};
    return { attemptId: r.attemptId, ...status, ...redirect };
  }

  /** Settles a BLIK attempt when its answer or its window is due, so the notification goes out on time. */
  function scheduleCheck(r: AttemptRecord, atLeastMs = 0): void {
    if (options.notify === undefined || r.confirmBy === undefined || r.settled) return;
    const due = answeredInTime(r) ? r.answerAt : r.confirmBy;
    // A few ms of slack: timers and Date.now() do not tick together.
    const delay = Math.max(due - now(), atLeastMs) + 5;
    setTimeout(() => {
      const current = store.get(r.providerRef);
      if (current) refresh(current);
    }, delay).unref();
  }

  /**
   * Attempts refunded, in memory: the sandbox moves no money, so a refund is only remembered for the
   * debug view and the tests (after a restart a second refund answers the same refund id anyway).
   */
  const refunded = new Set<string>();

  // Attempts a previous process left waiting still owe their notification.
  for (const r of store.listOpen()) scheduleCheck(r, RESUME_DELAY_MS);

  return {
    id: SANDBOX_PROVIDER_ID,
    methods: sandboxMethods,

    async start(input: StartPayment): Promise<PaymentAttempt> {
      const existing = store.getByAttemptId(input.attemptId);
      if (existing) return toAttempt(existing);
      const kind = input.method.kind;
      if (!sandboxMethods({ amount: input.amount, country: 'PL' }).some((m) => m.kind === kind)) {
        throw new KasaError('payment_method_unavailable', { details: { kind } });
      }
      const base = {
        attemptId: input.attemptId,
        providerRef: `SBX${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`,
        kind,
        amount: input.amount,
        notifyUrl: input.notifyUrl,
        returnUrl: input.returnUrl,
        startedAt: now(),
        notified: false,
      };
      let record: AttemptRecord = base;
      let refusal: Outcome | undefined;
      if (kind === 'blik') {
        const outcome = sandboxBlikOutcome(input.blikCode);
        if (outcome.kind === 'refused') refusal = { status: outcome.status, reason: outcome.reason };
        else {
          record = {
            ...base,
            confirmBy: base.startedAt + approvalWindowMs,
            answer: outcome.answer,
            ...(outcome.answer === 'none' ? {} : { answerAt: base.startedAt + approveAfterMs }),
          };
        }
      }
      store.insert(record);
      if (refusal) settle(record, refusal);
      else scheduleCheck(record);
      return toAttempt(store.get(record.providerRef) ?? record);
    },

    async status(providerRef) {
      const r = store.get(providerRef);
      return r && toStatus(r, refresh(r));
    },

    async statusByAttemptId(attemptId) {
      const r = store.getByAttemptId(attemptId);
      return r && toStatus(r, refresh(r));
    },

    async cancel(providerRef) {
      const r = store.get(providerRef);
      if (r === undefined) return undefined;
      const current = refresh(r);
      if (FINAL_PAYMENT_STATUSES.has(current.status)) return toStatus(r, current);
      return toStatus(r, settle(r, { status: 'cancelled', reason: 'payment_cancelled' }));
    },

    async verifyNotification(req) {
      return verifyPayuNotification(req, secondKey);
    },

    async decide(providerRef, decision) {
      const r = store.get(providerRef);
      if (r === undefined) return undefined;
      if (!REDIRECT_KINDS.has(r.kind))
        throw new KasaError('illegal_transition', { details: { kind: r.kind } });
      const current = refresh(r);
      if (FINAL_PAYMENT_STATUSES.has(current.status)) return toStatus(r, current);
      const outcome: Outcome =
        decision === 'approve' ? { status: 'paid' } : { status: 'rejected', reason: 'payment_failed' };
      return toStatus(r, settle(r, outcome));
    },

    bankPage(providerRef) {
      const r = store.get(providerRef);
      if (r === undefined || refresh(r).status !== 'redirect') return undefined;
      return { providerRef: r.providerRef, amount: r.amount, returnUrl: r.returnUrl };
    },

    attempts() {
      return store.list();
    },

    async refund({ providerRef }) {
      const r = store.get(providerRef);
      if (r === undefined || refresh(r).status !== 'paid') {
        throw new KasaError('payment_not_found', {
          details: { providerRef, hint: 'Only a paid attempt is refunded.' },
        });
      }
      refunded.add(providerRef);
      return { refundRef: refundRefOf(providerRef) };
    },

    refunds() {
      return [...refunded];
    },
  };
}
