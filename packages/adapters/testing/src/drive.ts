/**
 * What the contract suites (storefront adapters here, payment providers in @kasa/payment-testing)
 * share: repeating an operation as the Kasa server does, and catching the KasaError it must end in.
 */
import { KasaError } from '@kasa/core';

/** The KasaError a promise rejects with; any other outcome fails the test with what happened. */
export async function errorOf(promise: Promise<unknown>): Promise<KasaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KasaError)) {
    throw new Error(`expected a KasaError, got ${error === undefined ? 'success' : String(error)}`, {
      cause: error,
    });
  }
  return error;
}

/**
 * Repeats an operation like the Kasa server: again after a KasaError whose code is in `retriable`,
 * never after anything else. `attempt` counts from 0.
 */
export async function driveLikeServer<T>(
  operation: (attempt: number) => Promise<T>,
  attempts: number,
  retriable: ReadonlySet<string>,
): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof KasaError) || !retriable.has(error.code)) throw error;
      last = error;
    }
  }
  throw last;
}
