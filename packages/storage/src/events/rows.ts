import type { CheckoutEvent } from '@kasa/core';

/** The columns every store keeps for an event; the full event stays in `payload` as JSON. */
export interface EventRow {
  readonly id: string;
  readonly name: string;
  readonly ts: number;
  readonly shopId: string;
  readonly checkoutId: string | null;
  readonly visitorId: string | null;
  readonly sessionId: string | null;
  readonly simulated: boolean;
  readonly payload: string;
}

export const toRow = (event: CheckoutEvent): EventRow => ({
  id: event.id,
  name: event.name,
  ts: event.ts,
  shopId: event.shopId,
  checkoutId: event.checkoutId ?? null,
  visitorId: event.visitorId ?? null,
  sessionId: event.sessionId ?? null,
  simulated: event.simulated ?? false,
  payload: JSON.stringify(event),
});
