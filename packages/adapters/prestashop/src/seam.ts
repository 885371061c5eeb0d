import { KasaError } from '@kasa/core';
import type { z } from 'zod';

/**
 * Parses what the shop answered; a shape Kasa does not understand becomes
 * KasaError('platform_response_invalid') naming the call and the field.
 */
export function parseReply<T>(operation: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new KasaError('platform_response_invalid', {
    details: {
      platform: 'prestashop',
      operation,
      field: issue?.path.join('.') || '(body)',
      problem: issue?.message ?? 'unreadable',
    },
  });
}

/** JSON.parse that answers undefined instead of throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The start of a body, for error details: never the whole answer. */
export const excerpt = (text: string, max = 160): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};
