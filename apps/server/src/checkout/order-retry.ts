/**
 * When to try again to confirm an order whose payment is taken, and when to stop and refund it.
 * Pure: the order retrier (order-retrier.ts) does the calls and keeps the time.
 */
import { type ErrorCode, KasaError } from '@kasa/core';

/**
 * How long Kasa keeps trying to confirm the order of a payment it has taken, counted from the
 * moment the money was recorded, before it refunds the payment. Four hours ride out what usually
 * takes a shop down for a while (a host's outage, an update, a maintenance window, a merchant fixing
 * a setting after the alert), and still give the shopper their money back the same day, while they
 * can buy elsewhere; after longer, the stock and prices the order was placed with are not worth
 * holding the shopper's money for.
 */
export const ORDER_CONFIRMATION_DEADLINE_MS = 4 * 60 * 60_000;

/** The wait before the first retry, doubled after each failure up to RETRY_CAP_MS. */
export const RETRY_BASE_MS = 5_000;
/** The longest wait between two tries, so a shop back up is noticed within minutes. */
export const RETRY_CAP_MS = 10 * 60_000;

/**
 * Refusals that trying again will not change: the shop's settings or credentials, the platform's
 * own refusal, an order it does not have or has paid (or cancelled) otherwise. Anything else (the
 * platform down, a 5xx, a timeout, an answer Kasa did not understand) may pass on a later try.
 */
const PERMANENT: ReadonlySet<ErrorCode> = new Set([
  'platform_config_invalid',
  'platform_auth_failed',
  'platform_version_unsupported',
  'platform_rejected',
  'order_not_found',
  'order_already_paid',
  'illegal_transition',
]);

/** @example isPermanent(new KasaError('platform_config_invalid')); // true */
export const isPermanent = (error: unknown): boolean =>
  error instanceof KasaError && PERMANENT.has(error.code);

/**
 * The wait before try number `failures + 1`: exponential, capped, with "equal jitter" (half fixed,
 * half random), so retries of many orders after one outage do not all hit the shop at once.
 *
 * @example retryDelayMs(1, () => 0); // 2_500 (half of RETRY_BASE_MS)
 */
export function retryDelayMs(failures: number, random: () => number): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type NextStep =
  | { readonly kind: 'retry'; readonly delayMs: number }
  /** `cause`: the permanent refusal's code, or `deadline` when retryable failures lasted too long. */
  | { readonly kind: 'give_up'; readonly cause: string };

/**
 * What to do after a failed try to confirm an order.
 *
 * @example nextStep({ error: new KasaError('platform_unavailable'), failures: 1, owedSince: 0, now: 1_000, random: () => 1 }); // { kind: 'retry', delayMs: 5_000 }
 */
export function nextStep(input: {
  readonly error: unknown;
  readonly failures: number;
  readonly owedSince: number;
  readonly now: number;
  readonly random: () => number;
}): NextStep {
  if (isPermanent(input.error)) return { kind: 'give_up', cause: (input.error as KasaError).code };
  if (input.now - input.owedSince >= ORDER_CONFIRMATION_DEADLINE_MS)
    return { kind: 'give_up', cause: 'deadline' };
  return { kind: 'retry', delayMs: retryDelayMs(input.failures, input.random) };
}
