import type { ErrorCode } from './errors.ts';

/** A field-level validation problem, as returned by the validators. */
export interface FieldIssue {
  readonly code: ErrorCode;
  readonly field?: string;
}

export type Result<T, E = FieldIssue> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
