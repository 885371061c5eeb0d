/**
 * Drives the core checkout and BLIK machines from what happens (saves, answers from the payment API,
 * clock ticks). Pure: state in, state out. An event a machine refuses leaves the state as it was.
 */
import {
  BLIK_CODE_VALIDITY_MS,
  type BlikEvent,
  blikTransition,
  type CheckoutMachineEvent,
  checkoutTransition,
  type ErrorCode,
  isErrorCode,
  type PaymentView,
} from '@kasa/core';
import type { WidgetState } from './types.ts';

export function checkoutStep(state: WidgetState, ...events: CheckoutMachineEvent[]): WidgetState {
  let checkout = state.checkout;
  for (const event of events) {
    const result = checkoutTransition(checkout, event);
    if (result.ok) checkout = result.state;
  }
  return checkout === state.checkout ? state : { ...state, checkout };
}

export function blikStep(state: WidgetState, ...events: BlikEvent[]): WidgetState {
  let blik = state.blik;
  for (const event of events) {
    const result = blikTransition(blik, event);
    if (result.ok) blik = result.state;
  }
  return blik === state.blik ? state : { ...state, blik };
}

const STATUS_REASON: Partial<Record<PaymentView['status'], ErrorCode>> = {
  rejected: 'blik_code_rejected',
  expired: 'blik_code_expired',
  timeout: 'blik_timeout',
  cancelled: 'payment_cancelled',
  failed: 'payment_failed',
};

/** Why a payment attempt failed, as an error code the shopper can read through describeError. */
export function failureReason(payment: PaymentView): ErrorCode {
  if (payment.reason && isErrorCode(payment.reason)) return payment.reason;
  const byStatus = STATUS_REASON[payment.status] ?? 'payment_failed';
  return payment.method !== 'blik' && byStatus === 'blik_code_rejected' ? 'payment_failed' : byStatus;
}

/**
 * The server's deadline, unless this device's clock is clearly off (the deadline would be past or more
 * than a code's lifetime away); then the machine counts the usual window from now.
 */
const trustedDeadline = (confirmBy: number | undefined, now: number): number | undefined =>
  confirmBy !== undefined && confirmBy > now && confirmBy - now <= BLIK_CODE_VALIDITY_MS
    ? confirmBy
    : undefined;

export type PaymentOutcome = 'paid' | 'waiting' | 'redirect' | 'failed';

export const outcomeOf = (payment: PaymentView): PaymentOutcome =>
  payment.status === 'paid'
    ? 'paid'
    : payment.status === 'redirect'
      ? 'redirect'
      : payment.status === 'pending' || payment.status === 'awaiting_confirmation'
        ? 'waiting'
        : 'failed';

/**
 * Applies the server's answer about a payment attempt to both machines. A refusal sends the shopper
 * back to a fresh BLIK field (code cleared, reason shown) for the same order.
 */
export function applyPayment(state: WidgetState, payment: PaymentView, now: number): WidgetState {
  const next: WidgetState = { ...state, payment };
  switch (outcomeOf(payment)) {
    case 'paid': {
      const approved = blikStep(next, { type: 'ACCEPTED', now }, { type: 'APPROVED' });
      return checkoutStep(approved, { type: 'PLACE_ORDER' }, { type: 'PAYMENT_SUCCEEDED' });
    }
    case 'waiting':
      return payment.status === 'awaiting_confirmation'
        ? blikStep(next, { type: 'ACCEPTED', now, confirmBy: trustedDeadline(payment.confirmBy, now) })
        : next;
    case 'redirect':
      return next;
    case 'failed': {
      const reason = failureReason(payment);
      // The shopper's own "Anuluj" is no error: said neutrally, with what to do next.
      const cancelled = next.blik.status === 'cancelling' && payment.status === 'cancelled';
      const refused = blikStep(
        next,
        next.blik.status === 'submitting'
          ? { type: 'REFUSED', reason }
          : cancelled
            ? { type: 'CANCELLED' }
            : { type: 'DECLINED', reason },
        { type: 'RETRY' },
      );
      const failed = checkoutStep(refused, { type: 'PAYMENT_FAILED', reason });
      const blik = payment.method === 'blik';
      return {
        ...failed,
        form: { ...failed.form, blikCode: '' },
        errors: blik && !cancelled ? { ...failed.errors, blikCode: reason } : failed.errors,
        notice: cancelled ? 'blik_cancelled' : blik ? undefined : 'payment_declined',
      };
    }
  }
}
