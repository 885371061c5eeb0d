import type { FakeResponse } from '@kasa/adapter-testing/faults';
import type { z } from 'zod';
import { shoperError } from './auth.ts';

/**
 * Shoper-like error answers. Codes come from the SDK's ErrorResponse types: 400 `invalid_request`,
 * 404 `server_error` (ErrorResponse404Error has only that value). The wording of `error_description`
 * is the fake's own (GUESS).
 */
export const badRequest = (description: string): FakeResponse =>
  shoperError(400, 'invalid_request', description);

export const notFound = (what: string): FakeResponse =>
  shoperError(404, 'server_error', `Object not found: ${what}`);

/** A failed zod parse as one 400 naming every field and what is wrong with it. */
export function invalidBody(error: z.ZodError): FakeResponse {
  const problems = error.issues.map((issue) => {
    const field = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return `${field || 'body'}: ${missing ? 'required field is missing' : issue.message}`;
  });
  return badRequest(problems.join('; '));
}

export const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });

/** PLN with two decimals, as Shoper's order fields carry money (`"129.99"`). */
export const plnText = (grosze: number) => (grosze / 100).toFixed(2);

/** PLN (a float on the wire) to grosze. */
export const toGrosze = (pln: number) => Math.round(pln * 100);

/**
 * A date as Shoper writes it (`2024-01-15 12:34:56`, the SDK's example), in the shop's time zone.
 *
 * @example shoperDate(Date.UTC(2026, 11, 5, 10)); // '2026-12-05 11:00:00'
 */
export const shoperDate = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(ms));
