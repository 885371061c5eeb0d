import type { ErrorCode, PaymentStatusValue } from '@kasa/core';
import { BLIK_APPROVAL_WINDOW_MS } from '@kasa/core';

/**
 * The part of a Stripe PaymentIntent Kasa reads. Stripe's own type is wider; this one keeps the
 * mapping testable with plain objects.
 */
export interface IntentView {
  readonly id: string;
  readonly status: string;
  /** Unix seconds. */
  readonly created: number;
  readonly next_action?: {
    readonly type: string;
    readonly redirect_to_url?: { readonly url?: string | null } | null;
  } | null;
  readonly last_payment_error?: StripeErrorView | null;
  readonly payment_method_types?: readonly string[];
}

/** A Stripe error object as `last_payment_error` or an API error carries it. */
export interface StripeErrorView {
  readonly type?: string;
  readonly code?: string | null;
  readonly decline_code?: string | null;
}

export interface MappedStatus {
  readonly status: PaymentStatusValue;
  readonly reason?: ErrorCode;
  readonly confirmBy?: number;
  readonly redirectUrl?: string;
}

/**
 * Why a BLIK attempt failed, from Stripe's error codes. From API version 2026-09-30.endive (the one
 * the SDK pins) BLIK declines carry a specific `decline_code`; older versions send `generic_decline`
 * with `code` `payment_method_invalid_parameter` (a code refused at once) or
 * `payment_method_provider_decline` / `payment_method_provider_timeout` (after the bank app).
 *
 * @example blikFailure({ code: 'payment_method_provider_decline', decline_code: 'code_expired' }); // { status: 'expired', reason: 'blik_code_expired' }
 */
export function blikFailure(error: StripeErrorView | null | undefined): MappedStatus {
  const decline = error?.decline_code ?? undefined;
  const code = error?.code ?? undefined;
  if (decline === 'code_expired') return { status: 'expired', reason: 'blik_code_expired' };
  if (code === 'payment_method_provider_timeout') return { status: 'timeout', reason: 'blik_timeout' };
  // A code the bank does not know (mistyped, already used, not yet active): refused before any bank app.
  if (decline === 'code_invalid' || code === 'payment_method_invalid_parameter') {
    return { status: 'failed', reason: 'blik_code_rejected' };
  }
  // customer_declined, insufficient_funds, payment_limit_exceeded, partner_generic_decline, generic_decline, …
  return { status: 'rejected', reason: 'blik_code_rejected' };
}

/**
 * A PaymentIntent as Kasa's payment status. `requires_action` with `blik_authorize` is "approve in
 * your bank app" (`awaiting_confirmation`, with the 60-second window counted from the intent's
 * creation, since Kasa creates and confirms in one call); back at `requires_payment_method` after a
 * confirmation is a decline (the attempt is over, a new code is a new attempt).
 *
 * @example intentStatus({ id: 'pi_1', status: 'succeeded', created: 1 }); // { status: 'paid' }
 */
export function intentStatus(intent: IntentView, approvalWindowMs = BLIK_APPROVAL_WINDOW_MS): MappedStatus {
  const blik = intent.payment_method_types?.includes('blik') ?? false;
  const confirmBy = blik ? { confirmBy: intent.created * 1000 + approvalWindowMs } : {};
  switch (intent.status) {
    case 'succeeded':
      return { status: 'paid' };
    case 'canceled':
      return { status: 'cancelled', reason: 'payment_cancelled' };
    case 'requires_payment_method':
      if (!intent.last_payment_error) return { status: 'pending' };
      return blik ? blikFailure(intent.last_payment_error) : { status: 'rejected', reason: 'payment_failed' };
    case 'requires_action': {
      const action = intent.next_action;
      if (action?.type === 'blik_authorize') return { status: 'awaiting_confirmation', ...confirmBy };
      const url = action?.redirect_to_url?.url;
      if (action?.type === 'redirect_to_url' && url) return { status: 'redirect', redirectUrl: url };
      return { status: 'pending' };
    }
    default:
      // requires_confirmation, processing, requires_capture: money not taken yet, not refused either.
      return { status: 'pending' };
  }
}

/** The part of a Checkout Session Kasa reads (cards by redirect). */
export interface SessionView {
  readonly id: string;
  readonly status: string | null;
  readonly payment_status: string;
  readonly url?: string | null;
}

/**
 * A Checkout Session (card payments on Stripe's page) as Kasa's payment status.
 *
 * @example sessionStatus({ id: 'cs_1', status: 'complete', payment_status: 'paid' }); // { status: 'paid' }
 */
export function sessionStatus(session: SessionView): MappedStatus {
  if (session.status === 'complete') {
    return session.payment_status === 'unpaid' ? { status: 'pending' } : { status: 'paid' };
  }
  if (session.status === 'expired') return { status: 'cancelled', reason: 'payment_cancelled' };
  return session.url ? { status: 'redirect', redirectUrl: session.url } : { status: 'redirect' };
}
