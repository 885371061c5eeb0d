/**
 * One row per checkout, folded from its events. Events may arrive late, twice or out of order (the
 * tracker retries batches and beacons on unload), so every field is a min, a max, a count or the value
 * of the earliest/latest event by (ts, id), never "whatever came last".
 */
import type { CheckoutEvent, Section } from '@kasa/core';
import {
  type Channel,
  type CheckoutSummary,
  DIRECT,
  emptySummary,
  LAYOUT_EXPERIMENT,
  type PaymentFailure,
  type Stamp,
  type StampKey,
  sectionRank,
} from './types.ts';

const MAX_FAILURES = 20;
const RECENT_IDS = 16;

// Ties on time fall back to the values, so the order of arrival never shows.
const byTime = (a: PaymentFailure, b: PaymentFailure): number =>
  a.ts - b.ts || a.reason.localeCompare(b.reason) || a.method.localeCompare(b.method);
const later = (a: Stamp, b: Stamp | undefined): boolean =>
  !b || a.ts > b.ts || (a.ts === b.ts && a.id > b.id);
const channelOf = (utm: CheckoutEvent['firstTouch']): Channel => ({
  source: utm?.source ?? DIRECT.source,
  medium: utm?.medium ?? DIRECT.medium,
  campaign: utm?.campaign ?? DIRECT.campaign,
});
const minOf = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));

function sectionOf(event: CheckoutEvent): Section | null {
  switch (event.name) {
    case 'begin_checkout':
      return 'contact';
    case 'checkout_step_view':
    case 'field_blur':
    case 'field_error':
    case 'checkout_abandon':
      return event.params.section;
    case 'add_shipping_info':
      return 'delivery';
    case 'add_payment_info':
      return 'payment';
    case 'blik_code_submitted':
      return 'paying';
    case 'payment_failed':
      return 'failed';
    case 'purchase':
      return 'paid';
    default:
      return null;
  }
}

/** Records the event as the one behind `key` when it is newer (or older) than the current one. */
function stamp(s: Draft, key: StampKey, event: CheckoutEvent, newer: boolean): boolean {
  const current = s.stamps[key];
  const at = { ts: event.ts, id: event.id };
  const take = newer ? later(at, current) : !current || later(current, at);
  if (take) (s.stamps as Partial<Record<StampKey, Stamp>>)[key] = at;
  return take;
}

// Every event repeats the assignments, so copy only when one is new.
function merged(current: Readonly<Record<string, string>>, more: Readonly<Record<string, string>>) {
  for (const key in more) if (current[key] !== more[key]) return { ...current, ...more };
  return current;
}

type Draft = { -readonly [K in keyof CheckoutSummary]: CheckoutSummary[K] };

/** A copy that may be folded into in place (see fold). */
const draftOf = (summary: CheckoutSummary): Draft => ({ ...summary, stamps: { ...summary.stamps } });

/**
 * Folds one event into its checkout's summary (pure: returns a new object). An event whose id is among
 * the last 16 applied is ignored.
 *
 * @example
 * const summary = events.reduce<CheckoutSummary | undefined>(applyEvent, undefined);
 * summary?.furthestSection; // 'payment'
 */
export function applyEvent(summary: CheckoutSummary | undefined, event: CheckoutEvent): CheckoutSummary {
  if (summary?.recentIds.includes(event.id)) return summary;
  const draft = summary ? draftOf(summary) : emptySummary(event.shopId, event.checkoutId ?? '', event.ts);
  fold(draft, event);
  return draft;
}

/**
 * Applies an event to a draft in place. The draft owns its `stamps`, which change in place; other
 * nested objects and arrays are replaced, never changed, so a copy with its own stamps is a safe draft
 * and `summarize` can skip the copy for drafts it made.
 */
function fold(s: Draft, event: CheckoutEvent): void {
  s.firstTs = Math.min(s.firstTs, event.ts);
  s.lastTs = Math.max(s.lastTs, event.ts);
  s.eventCount += 1;
  s.recentIds = [...s.recentIds.slice(1 - RECENT_IDS), event.id];
  s.simulated ||= event.simulated === true;
  s.device ??= event.device ?? null;
  // Assignments do not change within a checkout, so a plain merge is enough.
  if (event.experiments) s.experiments = merged(s.experiments, event.experiments);
  if (event.firstTouch && stamp(s, 'firstTouch', event, false)) s.firstTouch = channelOf(event.firstTouch);
  if (event.lastTouch && stamp(s, 'lastTouch', event, true)) s.lastTouch = channelOf(event.lastTouch);

  const section = sectionOf(event);
  if (section !== null) {
    s.beganCheckout = true;
    s.beganTs = minOf(s.beganTs, event.ts);
    if (sectionRank(section) > sectionRank(s.furthestSection))
      s.furthestSection = section === 'failed' ? 'paying' : section;
    if (stamp(s, 'lastSection', event, true)) s.lastSection = section;
  }
  switch (event.name) {
    case 'view_cart':
      s.viewedCart = true;
      s.cartViewTs = minOf(s.cartViewTs, event.ts);
      break;
    case 'experiment_exposure':
      s.experiments = merged(s.experiments, { [event.params.experiment]: event.params.variation });
      break;
    case 'begin_checkout':
    case 'checkout_step_view':
      if (event.params.layout && stamp(s, 'layout', event, false)) s.layout = event.params.layout;
      break;
    case 'field_blur':
      s.fieldBlurs += 1;
      if (stamp(s, 'lastField', event, true)) s.lastField = event.params.field;
      break;
    case 'field_error':
      s.fieldErrors = {
        ...s.fieldErrors,
        [event.params.field]: (s.fieldErrors[event.params.field] ?? 0) + 1,
      };
      if (stamp(s, 'lastField', event, true)) s.lastField = event.params.field;
      break;
    case 'add_payment_info':
      if (stamp(s, 'chosen', event, true)) s.chosenMethod = event.params.payment_type;
      break;
    case 'blik_code_submitted':
      s.blikSubmissions += 1;
      break;
    case 'payment_failed': {
      const failure = { method: event.params.payment_type, reason: event.params.reason, ts: event.ts };
      s.paymentFailures = [...s.paymentFailures, failure].sort(byTime).slice(-MAX_FAILURES);
      break;
    }
    case 'purchase':
      s.purchased = true;
      // The earliest purchase is the order; a second one is a duplicate report of it.
      if (stamp(s, 'purchase', event, false)) {
        s.revenue = event.params.value;
        s.currency = event.params.currency;
        s.purchaseTs = event.ts;
        s.purchaseMethod = event.params.payment_type ?? null;
      }
      break;
    case 'checkout_abandon':
      if (stamp(s, 'abandon', event, true))
        s.abandonedAt = { section: event.params.section, field: event.params.last_field ?? null };
      break;
  }
  s.layout = s.experiments[LAYOUT_EXPERIMENT] ?? s.layout;
  s.timeToPurchaseMs =
    s.purchaseTs !== null && s.beganTs !== null && s.purchaseTs > s.beganTs ? s.purchaseTs - s.beganTs : null;
}

/**
 * Summaries of every checkout in `events`, in order of first appearance, each folded on from its
 * summary in `known` when it has one (which is left as it was); events without a checkoutId (e.g. a
 * cart viewed before Kasa opened) are skipped.
 *
 * @example
 * const [summary] = summarize(await store.byCheckout('chk_1'));
 * summary?.purchased; // true
 */
export function summarize(
  events: Iterable<CheckoutEvent>,
  known: ReadonlyMap<string, CheckoutSummary> = new Map(),
): CheckoutSummary[] {
  const byId = new Map<string, Draft>();
  for (const event of events) {
    if (event.checkoutId === undefined) continue;
    const draft = byId.get(event.checkoutId);
    // Drafts made here are not shared yet, so they are updated in place instead of copied per event.
    if (!draft) {
      const before = known.get(event.checkoutId);
      const after = applyEvent(before, event);
      byId.set(event.checkoutId, after === before ? draftOf(after) : after);
    } else if (!draft.recentIds.includes(event.id)) fold(draft, event);
  }
  return [...byId.values()];
}
