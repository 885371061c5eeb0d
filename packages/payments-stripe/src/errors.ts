import { KasaError } from '@kasa/core';
import Stripe from 'stripe';

/** The Stripe error fields Kasa reads; never its message, which may echo anything. */
export interface StripeErrorLike {
  readonly type?: string;
  readonly code?: string;
  readonly statusCode?: number;
  readonly param?: string;
  readonly payment_intent?: unknown;
}

export const isStripeError = (error: unknown): error is Stripe.errors.StripeError & StripeErrorLike =>
  error instanceof Stripe.errors.StripeError;

/** Stripe has no object with this id (HTTP 404 `resource_missing`). */
export const isMissing = (error: unknown): boolean =>
  isStripeError(error) && (error.statusCode === 404 || error.code === 'resource_missing');

/**
 * A failed Stripe call as a KasaError with a stable code and ids only (no message, no request body:
 * the BLIK code never reaches a log through an error):
 * - no answer, 5xx, 429 or a concurrent use of an idempotency key → `upstream_unavailable` (safe to retry);
 * - a refused key → `platform_auth_failed`, naming where the right key is;
 * - anything else Stripe refused → `platform_rejected` with Stripe's `code` and `param`.
 *
 * @example toKasaError(new Stripe.errors.StripeConnectionError({ message: 'socket hang up' }), 'retrieve').code; // 'upstream_unavailable'
 */
export function toKasaError(error: unknown, operation: string): KasaError {
  if (error instanceof KasaError) return error;
  if (!isStripeError(error)) {
    return new KasaError('upstream_unavailable', {
      details: { provider: 'stripe', operation, type: error instanceof Error ? error.name : typeof error },
    });
  }
  const base = {
    provider: 'stripe',
    operation,
    type: error.type,
    ...(error.code ? { stripeCode: error.code } : {}),
  };
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new KasaError('platform_auth_failed', {
      details: {
        ...base,
        hint: 'Stripe refused the secret key (KASA_STRIPE_SECRET_KEY): copy it again from Stripe Dashboard › Developers › API keys, in the mode (test or live) you mean.',
      },
    });
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error.statusCode !== undefined &&
      (error.statusCode >= 500 || error.statusCode === 409 || error.statusCode === 429))
  ) {
    return new KasaError('upstream_unavailable', { details: base });
  }
  return new KasaError('platform_rejected', {
    details: { ...base, ...(error.param ? { param: error.param } : {}), status: error.statusCode },
  });
}
