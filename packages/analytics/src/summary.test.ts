import type { CheckoutEvent } from '@kasa/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateCheckouts } from './simulate.ts';
import { applyEvent, summarize } from './summary.ts';
import { event, H, handDataset, MIN, T0 } from './test-helpers.ts';
import type { CheckoutSummary } from './types.ts';

const fold = (events: readonly CheckoutEvent[]) =>
  events.reduce<CheckoutSummary | undefined>(applyEvent, undefined);
/** Everything but the ids kept for de-duplication, which follow arrival order by design. */
const comparable = (s: CheckoutSummary | undefined) => s && { ...s, recentIds: [] };

describe('applyEvent', () => {
  const [A, B, , D, , F, G] = handDataset();

  it('summarises a purchased checkout', () => {
    expect(A).toMatchObject({
      checkoutId: 'A',
      firstTs: T0,
      lastTs: T0 + 20 * MIN,
      furthestSection: 'paid',
      layout: 'one-page',
      device: 'mobile',
      firstTouch: { source: 'google', medium: 'cpc', campaign: 'zima' },
      viewedCart: true,
      beganCheckout: true,
      beganTs: T0 + 5 * MIN,
      purchased: true,
      revenue: 20_000,
      currency: 'PLN',
      timeToPurchaseMs: 15 * MIN,
      purchaseMethod: 'blik',
      chosenMethod: 'blik',
      eventCount: 4,
    });
  });

  it('records where an abandoned checkout stopped and which fields failed', () => {
    expect(B).toMatchObject({
      furthestSection: 'payment',
      lastSection: 'payment',
      lastField: 'nip',
      fieldErrors: { nip: 2 },
      abandonedAt: { section: 'payment', field: 'nip' },
      purchased: false,
      revenue: 0,
      lastTouch: { source: '(direct)', medium: '(none)', campaign: '(none)' },
    });
    expect(G).toMatchObject({
      furthestSection: 'contact',
      viewedCart: false,
      abandonedAt: { section: 'contact', field: 'email' },
    });
  });

  it('keeps payment failures and BLIK submissions', () => {
    expect(F?.paymentFailures.map((f) => f.reason)).toEqual(['blik_code_rejected', 'blik_timeout']);
    expect(F?.blikSubmissions).toBe(3);
    expect(D?.firstTouch.source).toBe('facebook');
    expect(D?.lastTouch.source).toBe('google');
  });

  it('takes the layout from the begin_checkout param when no experiment is recorded', () => {
    const s = fold([
      event('begin_checkout', { value: 1, currency: 'PLN', items: [], layout: 'multi-step' }, T0),
    ]);
    expect(s?.layout).toBe('multi-step');
    expect(s?.experiments).toEqual({});
  });

  it('ignores an event applied twice in a row', () => {
    const e = event('field_error', { field: 'nip', section: 'payment', code: 'nip_checksum' }, T0, {
      checkoutId: 'X',
    });
    const once = applyEvent(undefined, e);
    expect(applyEvent(once, e)).toBe(once);
  });

  it('keeps at most the latest 20 payment failures', () => {
    const failures = Array.from({ length: 25 }, (_, i) =>
      event('payment_failed', { payment_type: 'card', reason: 'payment_failed' }, T0 + i, {
        checkoutId: 'X',
      }),
    );
    const s = fold(failures);
    expect(s?.paymentFailures).toHaveLength(20);
    expect(s?.paymentFailures[0]?.ts).toBe(T0 + 5);
  });

  it('skips events without a checkout id when summarising a stream', () => {
    const events = [
      event('view_cart', { value: 1, currency: 'PLN', items: [] }, T0),
      ...(simulateCheckouts({ checkouts: 3 }).next().value ?? []),
    ];
    expect(summarize(events)).toHaveLength(1);
  });
});

/** Events of one checkout with colliding timestamps, to exercise tie-breaks. */
const anyEvent: fc.Arbitrary<CheckoutEvent> = fc
  .record({
    kind: fc.integer({ min: 0, max: 7 }),
    ts: fc.integer({ min: 0, max: 5 }).map((m) => T0 + m * MIN),
    section: fc.constantFrom('contact', 'delivery', 'payment', 'review', 'paying', 'failed'),
    field: fc.constantFrom('email', 'nip', 'postcode', 'terms'),
    value: fc.integer({ min: 1, max: 100_000 }),
    source: fc.option(fc.constantFrom('google', 'facebook'), { nil: undefined }),
  })
  .map(({ kind, ts, section, field, value, source }) => {
    const ctx = { checkoutId: 'P', ...(source ? { firstTouch: { source }, lastTouch: { source } } : {}) };
    const params = [
      ['checkout_step_view', { section, layout: 'one-page' }],
      ['field_blur', { field, section, filled: true }],
      ['field_error', { field, section, code: 'required' }],
      ['purchase', { value, currency: 'PLN', transaction_id: 'o', shipping: 0, tax: 0, items: [] }],
      ['payment_failed', { payment_type: 'blik', reason: 'blik_timeout' }],
      ['checkout_abandon', { section, last_field: field }],
      ['add_payment_info', { value, currency: 'PLN', payment_type: 'card' }],
      ['view_cart', { value, currency: 'PLN', items: [] }],
    ] as const;
    const [name, p] = params[kind] ?? params[0];
    return event(name, p as never, ts, ctx);
  });

describe('applyEvent properties', () => {
  it('gives the same summary for the same events in any order', () => {
    fc.assert(
      fc.property(
        fc
          .array(anyEvent, { minLength: 1, maxLength: 30 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          const a = fold(events);
          const b = fold(shuffled);
          expect(b?.furthestSection).toBe(a?.furthestSection);
          expect(b?.purchased).toBe(a?.purchased);
          expect(b?.revenue).toBe(a?.revenue);
          expect(comparable(b)).toEqual(comparable(a));
        },
      ),
    );
  });

  it('gives the same summary for a simulated checkout in any order', () => {
    const checkouts = [...simulateCheckouts({ seed: 3, checkouts: 40, beginRate: 1 })];
    fc.assert(
      fc.property(
        fc
          .constantFrom(...checkouts)
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          expect(comparable(fold(shuffled))).toEqual(comparable(fold(events)));
        },
      ),
    );
  });

  it('never un-purchases: once a purchase is applied, later events keep purchased and paid', () => {
    fc.assert(
      fc.property(
        fc.array(anyEvent, { maxLength: 20 }),
        fc.array(anyEvent, { maxLength: 20 }),
        (before, after) => {
          const purchase = event(
            'purchase',
            { value: 5, currency: 'PLN', transaction_id: 'o', shipping: 0, tax: 0, items: [] },
            T0 + H,
            { checkoutId: 'P' },
          );
          let s = applyEvent(fold(before), purchase);
          for (const e of after) {
            s = applyEvent(s, e);
            expect(s.purchased).toBe(true);
            expect(s.furthestSection).toBe('paid');
          }
        },
      ),
    );
  });

  it('ignores a repeated event (idempotent within the last 16 ids)', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { minLength: 1, maxLength: 16 }), fc.nat(), (events, pick) => {
        const repeated = events[pick % events.length] as CheckoutEvent;
        expect(fold([...events, repeated])).toEqual(fold(events));
      }),
    );
  });
});

describe('summarize from known summaries', () => {
  it('folds on from each known summary as event by event would, leaving the known ones unchanged', () => {
    const checkouts = [...simulateCheckouts({ seed: 11, checkouts: 30, beginRate: 1 })];
    fc.assert(
      fc.property(fc.constantFrom(...checkouts), fc.nat(), (events, cut) => {
        const split = cut % events.length;
        const before = fold(events.slice(0, split));
        const known = new Map(before ? [[before.checkoutId, before]] : []);
        const frozen = structuredClone(before);
        // The first event again, then the rest: a retried event is still counted once.
        const [summary] = summarize(events.slice(Math.max(0, split - 1)), known);
        expect(summary).toEqual(fold(events));
        expect(before).toEqual(frozen);
      }),
    );
  });
});
