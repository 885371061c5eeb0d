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
 * A PaymentProvider that behaves like the Polish PSP sandboxes (PayU's BLIK codes, see sandboxBlikOutcome).
 * `status()` derives the outcome from the clock, so no timer is needed for correctness; timers only send
 * notifications when `notify` is set.
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
  const byRef = new Map<string, AttemptRecord>();
  const byAttemptId = new Map<string, AttemptRecord>();

  function evaluate(r: AttemptRecord): Outcome {
    if (r.settled) return r.settled;
    if (r.confirmBy !== undefined) {
      const answeredAt = r.startedAt + approveAfterMs;
      if (r.answer !== 'none' && answeredAt < r.confirmBy && now() >= answeredAt) {
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
    if (send === undefined || r.notified) return;
    r.notified = true;
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
    if (r.settled) return r.settled;
    r.settled = outcome;
    sendNotification(r, outcome);
    return outcome;
  }

  /** The current outcome; a final one is frozen, so a late cancel cannot undo a payment. */
  function refresh(r: AttemptRecord): Outcome {
    const outcome = evaluate(r);
    return FINAL_PAYMENT_STATUSES.has(outcome.status) ? settle(r, outcome) : outcome;
  }

  function find(providerRef: string): AttemptRecord {
    const r = byRef.get(providerRef);
    if (r === undefined) throw new KasaError('payment_not_found');
    return r;
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

  function scheduleCheck(r: AttemptRecord): void {
    if (options.notify === undefined || r.confirmBy === undefined) return;
    const answers = r.answer !== 'none' && approveAfterMs < approvalWindowMs;
    // A few ms of slack: timers and Date.now() do not tick together.
    setTimeout(() => refresh(r), (answers ? approveAfterMs : approvalWindowMs) + 5).unref();
  }

  return {
    id: SANDBOX_PROVIDER_ID,
    methods: sandboxMethods,

    async start(input: StartPayment): Promise<PaymentAttempt> {
      const existing = byAttemptId.get(input.attemptId);
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
        else record = { ...base, confirmBy: base.startedAt + approvalWindowMs, answer: outcome.answer };
      }
      byRef.set(record.providerRef, record);
      byAttemptId.set(record.attemptId, record);
      if (refusal) settle(record, refusal);
      scheduleCheck(record);
      return toAttempt(record);
    },

    async status(providerRef) {
      const r = find(providerRef);
      return toStatus(r, refresh(r));
    },

    async cancel(providerRef) {
      const r = find(providerRef);
      const current = refresh(r);
      if (FINAL_PAYMENT_STATUSES.has(current.status)) return toStatus(r, current);
      return toStatus(r, settle(r, { status: 'cancelled', reason: 'payment_cancelled' }));
    },

    async verifyNotification(req) {
      return verifyPayuNotification(req, secondKey);
    },

    async decide(providerRef, decision) {
      const r = find(providerRef);
      if (!REDIRECT_KINDS.has(r.kind))
        throw new KasaError('illegal_transition', { details: { kind: r.kind } });
      const current = refresh(r);
      if (FINAL_PAYMENT_STATUSES.has(current.status)) return toStatus(r, current);
      const outcome: Outcome =
        decision === 'approve' ? { status: 'paid' } : { status: 'rejected', reason: 'payment_failed' };
      return toStatus(r, settle(r, outcome));
    },

    bankPage(providerRef) {
      const r = byRef.get(providerRef);
      if (r === undefined || refresh(r).status !== 'redirect') return undefined;
      return { providerRef: r.providerRef, amount: r.amount, returnUrl: r.returnUrl };
    },

    attempts() {
      return [...byRef.values()].map((r) => structuredClone(r));
    },
  };
}
