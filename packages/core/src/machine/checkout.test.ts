import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { FormSection } from '../checkout-rules.ts';
import type { Section } from '../events.ts';
import {
  type CheckoutMachineEvent,
  type CheckoutSection,
  type CheckoutState,
  canPlaceOrder,
  checkoutTransition,
  initialCheckoutState,
  nextSection,
} from './checkout.ts';

const done = { contact: true, delivery: true, payment: true };

const fixtures = {
  contact: initialCheckoutState,
  delivery: {
    ...initialCheckoutState,
    section: 'delivery',
    completed: { ...done, delivery: false, payment: false },
  },
  payment: { ...initialCheckoutState, section: 'payment', completed: { ...done, payment: false } },
  review: { ...initialCheckoutState, section: 'review', completed: done },
  paying: { ...initialCheckoutState, section: 'paying', completed: done, orderPlaced: true },
  paid: { ...initialCheckoutState, section: 'paid', completed: done, orderPlaced: true },
  failed: {
    ...initialCheckoutState,
    section: 'failed',
    completed: done,
    orderPlaced: true,
    failure: 'payment_cancelled',
  },
  // After a failed payment: the order exists, so contact and delivery are frozen.
  'payment (order placed)': {
    section: 'payment',
    completed: done,
    orderPlaced: true,
    paymentAttempts: 1,
    failure: 'blik_code_rejected',
  },
  'review (order placed)': { section: 'review', completed: done, orderPlaced: true, paymentAttempts: 1 },
  // One-page: everything is on screen, so the order can be placed from any section once all is complete.
  'contact (all complete)': { ...initialCheckoutState, completed: done },
} satisfies Record<string, CheckoutState>;

type Fixture = keyof typeof fixtures;

const events = {
  CONTACT_SAVED: { type: 'CONTACT_SAVED' },
  CONTACT_INVALIDATED: { type: 'CONTACT_INVALIDATED' },
  DELIVERY_SAVED: { type: 'DELIVERY_SAVED' },
  DELIVERY_INVALIDATED: { type: 'DELIVERY_INVALIDATED' },
  PAYMENT_METHOD_CHOSEN: { type: 'PAYMENT_METHOD_CHOSEN' },
  'EDIT contact': { type: 'EDIT', section: 'contact' },
  'EDIT delivery': { type: 'EDIT', section: 'delivery' },
  'EDIT payment': { type: 'EDIT', section: 'payment' },
  PLACE_ORDER: { type: 'PLACE_ORDER' },
  PAYMENT_SUCCEEDED: { type: 'PAYMENT_SUCCEEDED' },
  PAYMENT_FAILED: { type: 'PAYMENT_FAILED', reason: 'payment_failed' },
  PAYMENT_ABANDONED: { type: 'PAYMENT_ABANDONED' },
} satisfies Record<string, CheckoutMachineEvent>;

type EventName = keyof typeof events;
const X = 'illegal' as const;

// Every row lists all events: the resulting section, or X for an illegal transition.
const table: Record<Fixture, Record<EventName, CheckoutSection | typeof X>> = {
  contact: {
    CONTACT_SAVED: 'delivery',
    CONTACT_INVALIDATED: 'contact',
    DELIVERY_SAVED: 'contact',
    DELIVERY_INVALIDATED: 'contact',
    PAYMENT_METHOD_CHOSEN: 'contact',
    'EDIT contact': 'contact',
    'EDIT delivery': X,
    'EDIT payment': X,
    PLACE_ORDER: X,
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  delivery: {
    CONTACT_SAVED: 'delivery',
    CONTACT_INVALIDATED: 'contact',
    DELIVERY_SAVED: 'payment',
    DELIVERY_INVALIDATED: 'delivery',
    PAYMENT_METHOD_CHOSEN: 'delivery',
    'EDIT contact': 'contact',
    'EDIT delivery': 'delivery',
    'EDIT payment': X,
    PLACE_ORDER: X,
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  payment: {
    CONTACT_SAVED: 'payment',
    CONTACT_INVALIDATED: 'contact',
    DELIVERY_SAVED: 'payment',
    DELIVERY_INVALIDATED: 'delivery',
    PAYMENT_METHOD_CHOSEN: 'review',
    'EDIT contact': 'contact',
    'EDIT delivery': 'delivery',
    'EDIT payment': 'payment',
    PLACE_ORDER: X,
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  review: {
    CONTACT_SAVED: 'review',
    CONTACT_INVALIDATED: 'contact',
    DELIVERY_SAVED: 'review',
    DELIVERY_INVALIDATED: 'delivery',
    PAYMENT_METHOD_CHOSEN: 'review',
    'EDIT contact': 'contact',
    'EDIT delivery': 'delivery',
    'EDIT payment': 'payment',
    PLACE_ORDER: 'paying',
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  paying: {
    CONTACT_SAVED: X,
    CONTACT_INVALIDATED: X,
    DELIVERY_SAVED: X,
    DELIVERY_INVALIDATED: X,
    PAYMENT_METHOD_CHOSEN: X,
    'EDIT contact': X,
    'EDIT delivery': X,
    'EDIT payment': X,
    PLACE_ORDER: X,
    PAYMENT_SUCCEEDED: 'paid',
    PAYMENT_FAILED: 'payment',
    PAYMENT_ABANDONED: 'failed',
  },
  paid: {
    CONTACT_SAVED: X,
    CONTACT_INVALIDATED: X,
    DELIVERY_SAVED: X,
    DELIVERY_INVALIDATED: X,
    PAYMENT_METHOD_CHOSEN: X,
    'EDIT contact': X,
    'EDIT delivery': X,
    'EDIT payment': X,
    PLACE_ORDER: X,
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  failed: {
    CONTACT_SAVED: X,
    CONTACT_INVALIDATED: X,
    DELIVERY_SAVED: X,
    DELIVERY_INVALIDATED: X,
    PAYMENT_METHOD_CHOSEN: X,
    'EDIT contact': X,
    'EDIT delivery': X,
    'EDIT payment': X,
    PLACE_ORDER: X,
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  'payment (order placed)': {
    CONTACT_SAVED: X,
    CONTACT_INVALIDATED: X,
    DELIVERY_SAVED: X,
    DELIVERY_INVALIDATED: X,
    PAYMENT_METHOD_CHOSEN: 'review',
    'EDIT contact': X,
    'EDIT delivery': X,
    'EDIT payment': 'payment',
    PLACE_ORDER: 'paying',
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  'review (order placed)': {
    CONTACT_SAVED: X,
    CONTACT_INVALIDATED: X,
    DELIVERY_SAVED: X,
    DELIVERY_INVALIDATED: X,
    PAYMENT_METHOD_CHOSEN: 'review',
    'EDIT contact': X,
    'EDIT delivery': X,
    'EDIT payment': 'payment',
    PLACE_ORDER: 'paying',
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
  'contact (all complete)': {
    CONTACT_SAVED: 'review',
    CONTACT_INVALIDATED: 'contact',
    DELIVERY_SAVED: 'review',
    DELIVERY_INVALIDATED: 'contact',
    PAYMENT_METHOD_CHOSEN: 'review',
    'EDIT contact': 'contact',
    'EDIT delivery': 'delivery',
    'EDIT payment': 'payment',
    PLACE_ORDER: 'paying',
    PAYMENT_SUCCEEDED: X,
    PAYMENT_FAILED: X,
    PAYMENT_ABANDONED: X,
  },
};

const rows = Object.entries(table).flatMap(([fixture, row]) =>
  Object.entries(row).map(([event, expected]) => [fixture as Fixture, event as EventName, expected] as const),
);

const run = (state: CheckoutState, ...steps: CheckoutMachineEvent[]): CheckoutState =>
  steps.reduce((current, event) => {
    const result = checkoutTransition(current, event);
    if (!result.ok) throw new Error(`${event.type} is illegal from ${current.section}`);
    return result.state;
  }, state);

describe('checkoutTransition table', () => {
  it.each(rows)('%s + %s → %s', (fixture, event, expected) => {
    const from = fixtures[fixture];
    const result = checkoutTransition(from, events[event]);
    if (expected === X) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'illegal_transition', from: from.section, event: events[event].type },
      });
    } else {
      expect(result.ok && result.state.section).toBe(expected);
    }
  });
});

describe('checkoutTransition effects', () => {
  it('walks the happy path and places the order once', () => {
    const paying = run(
      initialCheckoutState,
      events.CONTACT_SAVED,
      events.DELIVERY_SAVED,
      events.PAYMENT_METHOD_CHOSEN,
      events.PLACE_ORDER,
    );
    expect(paying).toEqual({ section: 'paying', completed: done, orderPlaced: true, paymentAttempts: 0 });
    expect(run(paying, events.PAYMENT_SUCCEEDED).section).toBe('paid');
  });

  it('keeps data when going back with EDIT', () => {
    const edited = run(fixtures.review, events['EDIT contact']);
    expect(edited.completed).toEqual(done);
    expect(run(edited, events.CONTACT_SAVED).section).toBe('review');
  });

  it('clears only the invalidated section', () => {
    expect(run(fixtures.review, events.DELIVERY_INVALIDATED).completed).toEqual({ ...done, delivery: false });
  });

  it('keeps the order on a failed payment and retries without a second order', () => {
    const failed = run(fixtures.paying, { type: 'PAYMENT_FAILED', reason: 'blik_timeout' });
    expect(failed).toMatchObject({
      section: 'payment',
      orderPlaced: true,
      paymentAttempts: 1,
      failure: 'blik_timeout',
    });
    const retry = run(failed, events.PLACE_ORDER);
    expect(retry).toEqual({ section: 'paying', completed: done, orderPlaced: true, paymentAttempts: 1 });
    expect(run(retry, events.PAYMENT_FAILED).paymentAttempts).toBe(2);
  });

  it('records why the order was abandoned', () => {
    expect(run(fixtures.paying, events.PAYMENT_ABANDONED).failure).toBe('payment_cancelled');
    expect(run(fixtures.paying, { type: 'PAYMENT_ABANDONED', reason: 'payment_failed' }).failure).toBe(
      'payment_failed',
    );
  });

  it('does not mutate the input state', () => {
    const before = structuredClone(fixtures.review);
    checkoutTransition(fixtures.review, events.CONTACT_INVALIDATED);
    expect(fixtures.review).toEqual(before);
  });
});

describe('nextSection and canPlaceOrder', () => {
  it('uses the same sections as the analytics events', () => {
    expectTypeOf<CheckoutSection>().toEqualTypeOf<Section>();
  });

  it.each([
    [{ contact: false, delivery: true, payment: true }, 'contact'],
    [{ contact: true, delivery: false, payment: true }, 'delivery'],
    [{ contact: true, delivery: true, payment: false }, 'payment'],
    [done, 'review'],
  ] as const)('%o → %s', (completed, expected) => {
    expect(nextSection({ ...initialCheckoutState, completed })).toBe(expected);
  });

  it.each(Object.keys(fixtures) as Fixture[])('%s', (fixture) => {
    expect(canPlaceOrder(fixtures[fixture])).toBe(table[fixture].PLACE_ORDER === 'paying');
  });
});

describe('checkoutTransition properties', () => {
  const FINAL: ReadonlySet<CheckoutSection> = new Set(['paid', 'failed']);
  const FORM: readonly FormSection[] = ['contact', 'delivery', 'payment'];
  const order: readonly CheckoutSection[] = [...FORM, 'review'];
  const eventArb = fc.constantFrom(...Object.values(events));

  it('never pays without PLACE_ORDER and PAYMENT_SUCCEEDED, places at most once, never leaves a final state', () => {
    let reachedPaid = 0;
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 80, size: 'max' }), (steps) => {
        let state = initialCheckoutState;
        let placeOrders = 0;
        let successes = 0;
        let orderPlacedSet = 0;
        for (const event of steps) {
          const result = checkoutTransition(state, event);
          if (FINAL.has(state.section)) expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.from).toBe(state.section);
            continue;
          }
          const next = result.state;
          if (event.type === 'PLACE_ORDER') placeOrders++;
          if (event.type === 'PAYMENT_SUCCEEDED') successes++;
          if (!state.orderPlaced && next.orderPlaced) orderPlacedSet++;
          if (state.orderPlaced) {
            expect(next.orderPlaced).toBe(true);
            expect(next.completed.contact && next.completed.delivery).toBe(true);
          }
          if (next.section === 'paid') {
            expect(placeOrders).toBeGreaterThan(0);
            expect(successes).toBeGreaterThan(0);
            reachedPaid++;
          }
          // Every section before the current one is complete.
          const index = order.indexOf(next.section);
          for (const section of FORM.slice(0, index === -1 ? FORM.length : index)) {
            expect(next.completed[section]).toBe(true);
          }
          state = next;
        }
        expect(orderPlacedSet).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
    expect(reachedPaid).toBeGreaterThan(0);
  });
});
