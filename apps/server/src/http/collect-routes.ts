import {
  type BrowserEvent,
  browserEventSchema,
  type ErrorCode,
  type EventStore,
  isServerEvent,
  KasaError,
} from '@kasa/core';
import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';

export const COLLECT_PATH = '/api/collect';
export const MAX_EVENTS_PER_BATCH = 100;
/** How far ahead of the server's clock a browser's may run; an event from later than that is refused. */
export const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

/** The tracker's batch: events, and how many its bounded offline queue had to drop. */
export const batchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
  dropped: z.number().int().min(0).max(1_000_000).optional(),
});

/** A refused event: its index in the batch, a stable code and what was wrong, for the sender's developer. */
export interface Rejection {
  readonly index: number;
  readonly code: Extract<ErrorCode, 'event_server_only' | 'event_invalid'>;
  readonly reason: string;
}

const nameOf = (event: unknown): unknown =>
  event && typeof event === 'object' ? (event as { name?: unknown }).name : undefined;

/**
 * Splits a batch into the events a browser may send and rejections that name each refused event's
 * index, code and first problem. Purchases and payment outcomes are the server's alone
 * (`event_server_only`); anything the browser event schema does not accept, or stamped later than
 * the server's clock allows, is `event_invalid`.
 */
export function validateBatch(
  events: readonly unknown[],
  now = Date.now(),
): { valid: BrowserEvent[]; rejected: Rejection[] } {
  const valid: BrowserEvent[] = [];
  const rejected: Rejection[] = [];
  const latestTs = now + MAX_CLOCK_AHEAD_MS;
  events.forEach((event, index) => {
    const name = nameOf(event);
    if (isServerEvent(name)) {
      rejected.push({
        index,
        code: 'event_server_only',
        reason: `name: the server records ${name} itself, from the verified payment; browsers may not send it`,
      });
      return;
    }
    const result = browserEventSchema.safeParse(event);
    if (!result.success) {
      const issue = result.error.issues[0];
      const reason = issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'event: invalid';
      rejected.push({ index, code: 'event_invalid', reason });
      return;
    }
    if (result.data.ts > latestTs) {
      rejected.push({
        index,
        code: 'event_invalid',
        reason: 'ts: more than a day ahead of the server clock',
      });
      return;
    }
    valid.push(result.data);
  });
  return { valid, rejected };
}

/** The body as text, refused when it is not UTF-8 (a decoder would put U+FFFD where bytes were). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(bytes: ArrayBuffer): z.infer<typeof batchSchema> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new KasaError('body_invalid', { details: { reason: 'not UTF-8' } });
  }
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
 * that to avoid a CORS preflight). Good events are kept even when others in the batch are refused,
 * and each refused one is named with its index, code and reason; the client-made id makes a retried
 * batch count once. Only browser events are taken here: the server writes purchases and payment
 * outcomes itself, straight into the event store.
 */
export function mountCollector(app: Hono, deps: { events: EventStore; rateLimit: MiddlewareHandler }) {
  app.post(COLLECT_PATH, deps.rateLimit, async (c) => {
    const batch = parseBody(await c.req.arrayBuffer());
    const { valid, rejected } = validateBatch(batch.events);
    if (valid.length === 0) {
      throw new KasaError('body_invalid', { details: { rejected } });
    }
    const { stored, duplicates } = await deps.events.append(valid);
    return c.json({ stored, duplicates, rejected });
  });
}
