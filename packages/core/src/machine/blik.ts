import type { ErrorCode } from '../errors.ts';
import type { TransitionResult } from './checkout.ts';

/** A code generated in the bank app lives about this long. */
export const BLIK_CODE_VALIDITY_MS = 120_000;
/** After the provider accepts the code, the shopper has about this long to approve in the bank app. */
export const BLIK_APPROVAL_WINDOW_MS = 60_000;

export type BlikStatus =
  | 'idle'
  | 'code_entered'
  | 'submitting'
  | 'awaiting_app_confirmation'
  | 'paid'
  | 'rejected'
  | 'timeout'
  | 'code_error'
  | 'cancelling'
  | 'cancelled';

export interface BlikState {
  readonly status: BlikStatus;
  /** 0–6 digits; emptied as soon as the provider has answered, so nothing keeps the code longer than needed. */
  readonly digits: string;
  /** Epoch ms of SUBMIT. */
  readonly submittedAt?: number;
  /** Epoch ms by which the shopper must approve in the bank app. */
  readonly deadline?: number;
  readonly failure?: ErrorCode;
}

export type BlikEvent =
  | { readonly type: 'CODE_CHANGED'; readonly digits: string }
  | { readonly type: 'SUBMIT'; readonly now: number }
  | { readonly type: 'ACCEPTED'; readonly now: number; readonly confirmBy?: number }
  | { readonly type: 'REFUSED'; readonly reason: ErrorCode }
  | { readonly type: 'APPROVED' }
  | { readonly type: 'DECLINED'; readonly reason: ErrorCode }
  | { readonly type: 'TICK'; readonly now: number }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'CANCELLED' }
  | { readonly type: 'RETRY' };

export type BlikTransitionResult = TransitionResult<BlikState, BlikStatus>;

export const initialBlikState: BlikState = { status: 'idle', digits: '' };

const CODE_LENGTH = 6;
const RETRYABLE: readonly BlikStatus[] = ['code_error', 'rejected', 'timeout', 'cancelled'];

/**
 * Applies one event to the BLIK payment of an order that is already placed.
 * RETRY only resets this sub-machine to a fresh code; the order itself is kept by the checkout machine
 * (`orderPlaced`), so a new code pays the same order and never creates a second one.
 * CODE_CHANGED keeps digits only and at most six, so a pasted "123 456" works.
 *
 * @example
 * let result = blikTransition(initialBlikState, { type: 'CODE_CHANGED', digits: '777123' });
 * if (result.ok) result = blikTransition(result.state, { type: 'SUBMIT', now: 1_700_000_000_000 });
 * if (result.ok) result.state.status; // 'submitting'
 */
export function blikTransition(state: BlikState, event: BlikEvent): BlikTransitionResult {
  const next = apply(state, event);
  return next
    ? { ok: true, state: next }
    : { ok: false, error: { code: 'illegal_transition', from: state.status, event: event.type } };
}

function apply(state: BlikState, event: BlikEvent): BlikState | undefined {
  const { status } = state;
  switch (event.type) {
    case 'CODE_CHANGED': {
      if (status !== 'idle' && status !== 'code_entered' && status !== 'code_error') return undefined;
      const digits = event.digits.replace(/\D/g, '').slice(0, CODE_LENGTH);
      return { status: digits.length === CODE_LENGTH ? 'code_entered' : 'idle', digits };
    }
    case 'SUBMIT':
      return status === 'code_entered' && state.digits.length === CODE_LENGTH
        ? { status: 'submitting', digits: state.digits, submittedAt: event.now }
        : undefined;
    case 'ACCEPTED':
      return status === 'submitting'
        ? {
            status: 'awaiting_app_confirmation',
            digits: '',
            submittedAt: state.submittedAt,
            deadline: event.confirmBy ?? event.now + BLIK_APPROVAL_WINDOW_MS,
          }
        : undefined;
    case 'REFUSED':
      return status === 'submitting'
        ? { status: 'code_error', digits: '', failure: event.reason }
        : undefined;
    case 'APPROVED':
      // The bank's answer wins over a cancel still in flight and over our own clock's timeout:
      // the money is taken, so the shopper must see it paid.
      return status === 'awaiting_app_confirmation' || status === 'cancelling' || status === 'timeout'
        ? { status: 'paid', digits: '' }
        : undefined;
    case 'DECLINED':
      return status === 'awaiting_app_confirmation' || status === 'cancelling'
        ? { status: 'rejected', digits: '', failure: event.reason }
        : undefined;
    case 'TICK':
      if (status !== 'awaiting_app_confirmation') return undefined;
      return state.deadline !== undefined && event.now >= state.deadline
        ? { ...state, status: 'timeout', failure: 'blik_timeout' }
        : state;
    case 'CANCEL':
      return status === 'awaiting_app_confirmation' ? { ...state, status: 'cancelling' } : undefined;
    case 'CANCELLED':
      return status === 'cancelling'
        ? { ...state, status: 'cancelled', failure: 'payment_cancelled' }
        : undefined;
    case 'RETRY':
      return RETRYABLE.includes(status) ? initialBlikState : undefined;
  }
}

/**
 * Whole seconds left to approve in the bank app, rounded up; 0 when not awaiting or past the deadline.
 *
 * @example
 * blikSecondsLeft({ status: 'awaiting_app_confirmation', digits: '', deadline: 60_000 }, 500); // 60
 */
export function blikSecondsLeft(state: BlikState, now: number): number {
  if (state.status !== 'awaiting_app_confirmation' || state.deadline === undefined) return 0;
  return Math.max(0, Math.ceil((state.deadline - now) / 1000));
}
