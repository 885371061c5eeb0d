import { describeError, type ErrorCode, isErrorCode, KasaError, type Locale, localeSchema } from '@kasa/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { queryParams } from './query-params.ts';

/**
 * `?lang=`, which picks the answer's language on any route ({@link localeOf}): every query schema
 * takes it, so no route refuses the parameter that words its own error.
 */
export const langParam = localeSchema.optional();

/** The shopper's language: `?lang=` first, then Accept-Language, Polish by default. */
export function localeOf(c: Context): Locale {
  const asked = c.req.query('lang') ?? c.req.header('accept-language') ?? '';
  return asked.trim().toLowerCase().startsWith('en') ? 'en' : 'pl';
}

function issueCode(issue: z.core.$ZodIssue): ErrorCode {
  if (isErrorCode(issue.message)) return issue.message;
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'too_big':
      return 'too_long';
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'wrong_type';
    default:
      return 'body_invalid';
  }
}

/** Field-level problems, each with a stable code and a message in the shopper's language. */
export function describeIssues(error: z.ZodError, locale: Locale) {
  return error.issues.flatMap((issue) => {
    const code = issueCode(issue);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => {
      const field = [...issue.path, ...(key ? [key] : [])].join('.');
      return { field, code, message: describeError({ code }, locale).message };
    });
  });
}

/** Reads and validates a JSON body; anything malformed is a 400 `body_invalid` listing each field. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new KasaError('body_invalid', { details: { issues: [{ field: '', code: 'body_invalid' }] } });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new KasaError('body_invalid', { details: { issues: describeIssues(result.error, localeOf(c)) } });
  }
  return result.data;
}

/** Validates query parameters the same way as bodies. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = schema.safeParse(queryParams(c.req.url));
  if (!result.success) {
    throw new KasaError('body_invalid', { details: { issues: describeIssues(result.error, localeOf(c)) } });
  }
  return result.data;
}
