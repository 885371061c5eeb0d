import { type CheckoutEvent, checkoutEventSchema, type EventStore, KasaError } from '@kasa/core';
import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';

export const COLLECT_PATH = '/api/collect';
export const MAX_EVENTS_PER_BATCH = 100;

/** The tracker's batch: events, and how many its bounded offline queue had to drop. */
const batchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
  dropped: z.number().int().min(0).max(1_000_000).optional(),
});

interface Rejection {
  readonly index: number;
  readonly reason: string;
}

/** Splits a batch into valid events and rejections that name the event's index and the first problem. */
export function validateBatch(events: readonly unknown[]): { valid: CheckoutEvent[]; rejected: Rejection[] } {
  const valid: CheckoutEvent[] = [];
  const rejected: Rejection[] = [];
  events.forEach((event, index) => {
    const result = checkoutEventSchema.safeParse(event);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    const issue = result.error.issues[0];
    rejected.push({
      index,
      reason: issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'invalid',
    });
  });
  return { valid, rejected };
}

function parseBody(text: string): z.infer<typeof batchSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KasaError('body_invalid', { details: { reason: 'not JSON' } });
  }
  const batch = batchSchema.safeParse(json);
  if (!batch.success)
    throw new KasaError('body_invalid', { details: { reason: batch.error.issues[0]?.message } });
  return batch.data;
}

/**
 * `POST /api/collect`: batches from the tracker, as JSON or as `text/plain` JSON (sendBeacon sends
 * that to avoid a CORS preflight). Good events are kept even when others in the batch are refused;
 * the client-made id makes a retried batch count once.
 */
export function mountCollector(app: Hono, deps: { events: EventStore; rateLimit: MiddlewareHandler }) {
  app.post(COLLECT_PATH, deps.rateLimit, async (c) => {
    const batch = parseBody(await c.req.text());
    const { valid, rejected } = validateBatch(batch.events);
    if (valid.length === 0) {
      throw new KasaError('body_invalid', { details: { rejected } });
    }
    const { stored, duplicates } = await deps.events.append(valid);
    return c.json({ stored, duplicates, rejected });
  });
}
