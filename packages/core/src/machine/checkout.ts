import {
  canChange,
  FORM_SECTIONS,
  type FormSection,
  firstIncomplete,
  partOfSection,
} from '../checkout-rules.ts';
import type { ErrorCode } from '../errors.ts';

/** Where the checkout stands. It says nothing about layout: one-page and multi-step render the same state. */
export type CheckoutSection = FormSection | 'review' | 'paying' | 'paid' | 'failed';

export interface CheckoutState {
  readonly section: CheckoutSection;
  readonly completed: Readonly<Record<FormSection, boolean>>;
  /** True from the first PLACE_ORDER on; every retry pays this same order. */
  readonly orderPlaced: boolean;
  /** Payment attempts that failed; the order is reused for each retry. */
  readonly paymentAttempts: number;
  /** Why the last attempt failed (shown on the payment section) or why the checkout is `failed`. */
  readonly failure?: ErrorCode;
}

export type CheckoutMachineEvent =
  | { readonly type: 'CONTACT_SAVED' }
  | { readonly type: 'CONTACT_INVALIDATED' }
  | { readonly type: 'DELIVERY_SAVED' }
  | { readonly type: 'DELIVERY_INVALIDATED' }
  | { readonly type: 'PAYMENT_METHOD_CHOSEN' }
  | { readonly type: 'EDIT'; readonly section: FormSection }
  | { readonly type: 'PLACE_ORDER' }
  | { readonly type: 'PAYMENT_SUCCEEDED' }
  | { readonly type: 'PAYMENT_FAILED'; readonly reason: ErrorCode }
  /** The provider says the order can no longer be paid (e.g. cancelled by the merchant). */
  | { readonly type: 'PAYMENT_ABANDONED'; readonly reason?: ErrorCode };

export interface IllegalTransition<From extends string = CheckoutSection> {
  readonly code: 'illegal_transition';
  readonly from: From;
  readonly event: string;
}

/** Shared by the checkout and BLIK machines: an illegal event is a result, never a throw. */
export type TransitionResult<S = CheckoutState, From extends string = CheckoutSection> =
  | { readonly ok: true; readonly state: S }
  | { readonly ok: false; readonly error: IllegalTransition<From> };

/** Sections where the shopper edits; in `paying`, `paid` and `failed` the checkout only shows. */
const OPEN_SECTIONS: readonly CheckoutSection[] = [...FORM_SECTIONS, 'review'];

export const initialCheckoutState: CheckoutState = {
  section: 'contact',
  completed: { contact: false, delivery: false, payment: false },
  orderPlaced: false,
  paymentAttempts: 0,
};

/**
 * The first section still missing data, or `review` when all are complete.
 *
 * @example
 * nextSection(initialCheckoutState); // 'contact'
 */
export function nextSection(state: CheckoutState): FormSection | 'review' {
  return firstIncomplete(state.completed) ?? 'review';
}

/**
 * Whether PLACE_ORDER is legal now: before paying, with contact, delivery and payment complete
 * (review is only reachable that way, and a one-page layout may place the order from any section).
 *
 * @example
 * canPlaceOrder(initialCheckoutState); // false
 */
export function canPlaceOrder(state: CheckoutState): boolean {
  return OPEN_SECTIONS.includes(state.section) && firstIncomplete(state.completed) === undefined;
}

/**
 * Applies one event. Invariant kept by every legal transition: all sections before `section` are complete.
 *
 * @example
 * const result = checkoutTransition(initialCheckoutState, { type: 'CONTACT_SAVED' });
 * if (result.ok) result.state.section; // 'delivery'
 */
export function checkoutTransition(state: CheckoutState, event: CheckoutMachineEvent): TransitionResult {
  const next = apply(state, event);
  return next
    ? { ok: true, state: next }
    : { ok: false, error: { code: 'illegal_transition', from: state.section, event: event.type } };
}

function apply(state: CheckoutState, event: CheckoutMachineEvent): CheckoutState | undefined {
  switch (event.type) {
    case 'CONTACT_SAVED':
      return editable(state, 'contact') ? save(state, 'contact') : undefined;
    case 'DELIVERY_SAVED':
      return editable(state, 'delivery') ? save(state, 'delivery') : undefined;
    case 'PAYMENT_METHOD_CHOSEN':
      return editable(state, 'payment') ? save(state, 'payment') : undefined;
    case 'CONTACT_INVALIDATED':
      return editable(state, 'contact') ? invalidate(state, 'contact') : undefined;
    case 'DELIVERY_INVALIDATED':
      return editable(state, 'delivery') ? invalidate(state, 'delivery') : undefined;
    case 'EDIT':
      return editable(state, event.section) && reachable(state, event.section)
        ? { ...state, section: event.section }
        : undefined;
    case 'PLACE_ORDER':
      return canPlaceOrder(state)
        ? { ...withoutFailure(state), section: 'paying', orderPlaced: true }
        : undefined;
    case 'PAYMENT_SUCCEEDED':
      return state.section === 'paying' ? { ...state, section: 'paid' } : undefined;
    case 'PAYMENT_FAILED':
      // Back to payment with the same order, so a retry never creates a second one.
      return state.section === 'paying'
        ? { ...state, section: 'payment', failure: event.reason, paymentAttempts: state.paymentAttempts + 1 }
        : undefined;
    case 'PAYMENT_ABANDONED':
      return state.section === 'paying'
        ? { ...state, section: 'failed', failure: event.reason ?? 'payment_cancelled' }
        : undefined;
  }
}

/**
 * The server's rule (canChange), seen from an open section: there a placed order still awaits
 * payment, since a paid or abandoned one has left for `paid` or `failed`.
 */
function editable(state: CheckoutState, section: FormSection): boolean {
  return (
    OPEN_SECTIONS.includes(state.section) &&
    canChange(partOfSection(section), state.orderPlaced ? 'awaiting_payment' : 'open')
  );
}

function reachable(state: CheckoutState, section: FormSection): boolean {
  return FORM_SECTIONS.slice(0, FORM_SECTIONS.indexOf(section)).every((before) => state.completed[before]);
}

function save(state: CheckoutState, section: FormSection): CheckoutState {
  const saved = { ...state, completed: { ...state.completed, [section]: true } };
  return { ...saved, section: nextSection(saved) };
}

function invalidate(state: CheckoutState, section: FormSection): CheckoutState {
  const earlier =
    OPEN_SECTIONS.indexOf(section) < OPEN_SECTIONS.indexOf(state.section) ? section : state.section;
  return { ...state, section: earlier, completed: { ...state.completed, [section]: false } };
}

function withoutFailure(state: CheckoutState): CheckoutState {
  const { failure: _failure, ...rest } = state;
  return rest;
}
