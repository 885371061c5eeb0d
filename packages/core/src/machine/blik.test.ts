import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLIK_APPROVAL_WINDOW_MS,
  type BlikEvent,
  type BlikState,
  type BlikStatus,
  blikSecondsLeft,
  blikTransition,
  initialBlikState,
} from './blik.ts';

const T0 = 1_700_000_000_000;
const ACCEPTED_AT = T0 + 1_000;
const DEADLINE = ACCEPTED_AT + BLIK_APPROVAL_WINDOW_MS;

const events = {
  'CODE_CHANGED 6': { type: 'CODE_CHANGED', digits: '777123' },
  'CODE_CHANGED 3': { type: 'CODE_CHANGED', digits: '777' },
  SUBMIT: { type: 'SUBMIT', now: T0 },
  ACCEPTED: { type: 'ACCEPTED', now: ACCEPTED_AT },
  REFUSED: { type: 'REFUSED', reason: 'blik_code_expired' },
  APPROVED: { type: 'APPROVED' },
  DECLINED: { type: 'DECLINED', reason: 'blik_code_rejected' },
  'TICK early': { type: 'TICK', now: DEADLINE - 1 },
  'TICK late': { type: 'TICK', now: DEADLINE },
  CANCEL: { type: 'CANCEL' },
  CANCELLED: { type: 'CANCELLED' },
  RETRY: { type: 'RETRY' },
} satisfies Record<string, BlikEvent>;

type EventName = keyof typeof events;

const run = (state: BlikState, ...steps: BlikEvent[]): BlikState =>
  steps.reduce((current, event) => {
    const result = blikTransition(current, event);
    if (!result.ok) throw new Error(`${event.type} is illegal from ${current.status}`);
    return result.state;
  }, state);

const awaiting = run(initialBlikState, events['CODE_CHANGED 6'], events.SUBMIT, events.ACCEPTED);

// Each fixture is reached through legal transitions, so the table only tests reachable states.
const fixtures: Record<BlikStatus, BlikState> = {
  idle: initialBlikState,
  code_entered: run(initialBlikState, events['CODE_CHANGED 6']),
  submitting: run(initialBlikState, events['CODE_CHANGED 6'], events.SUBMIT),
  awaiting_app_confirmation: awaiting,
  paid: run(awaiting, events.APPROVED),
  rejected: run(awaiting, events.DECLINED),
  timeout: run(awaiting, events['TICK late']),
  code_error: run(initialBlikState, events['CODE_CHANGED 6'], events.SUBMIT, events.REFUSED),
  cancelling: run(awaiting, events.CANCEL),
  cancelled: run(awaiting, events.CANCEL, events.CANCELLED),
};

// For each state, the events that are legal and where they lead; every other event is illegal.
const legal: Record<BlikStatus, Partial<Record<EventName, BlikStatus>>> = {
  idle: { 'CODE_CHANGED 6': 'code_entered', 'CODE_CHANGED 3': 'idle' },
  code_entered: { 'CODE_CHANGED 6': 'code_entered', 'CODE_CHANGED 3': 'idle', SUBMIT: 'submitting' },
  submitting: { ACCEPTED: 'awaiting_app_confirmation', REFUSED: 'code_error' },
  awaiting_app_confirmation: {
    APPROVED: 'paid',
    DECLINED: 'rejected',
    'TICK early': 'awaiting_app_confirmation',
    'TICK late': 'timeout',
    CANCEL: 'cancelling',
  },
  paid: {},
  rejected: { RETRY: 'idle' },
  timeout: { APPROVED: 'paid', RETRY: 'idle' },
  code_error: { 'CODE_CHANGED 6': 'code_entered', 'CODE_CHANGED 3': 'idle', RETRY: 'idle' },
  cancelling: { APPROVED: 'paid', DECLINED: 'rejected', CANCELLED: 'cancelled' },
  cancelled: { RETRY: 'idle' },
};

const rows = (Object.keys(fixtures) as BlikStatus[]).flatMap((status) =>
  (Object.keys(events) as EventName[]).map(
    (event) => [status, event, legal[status][event] ?? 'illegal'] as const,
  ),
);

describe('blikTransition table', () => {
  it('covers every state × event pair', () => {
    expect(rows).toHaveLength(10 * 12);
  });

  it.each(rows)('%s + %s → %s', (status, event, expected) => {
    const result = blikTransition(fixtures[status], events[event]);
    if (expected === 'illegal') {
      expect(result).toEqual({
        ok: false,
        error: { code: 'illegal_transition', from: status, event: events[event].type },
      });
    } else {
      expect(result.ok && result.state.status).toBe(expected);
    }
  });
});

describe('blikTransition effects', () => {
  it('keeps digits only, at most six', () => {
    expect(run(initialBlikState, { type: 'CODE_CHANGED', digits: '777 12' })).toEqual({
      status: 'idle',
      digits: '77712',
    });
    expect(run(initialBlikState, { type: 'CODE_CHANGED', digits: '777-1234' })).toEqual({
      status: 'code_entered',
      digits: '777123',
    });
  });

  it('records submittedAt and keeps the code until the provider answers', () => {
    expect(fixtures.submitting).toEqual({ status: 'submitting', digits: '777123', submittedAt: T0 });
  });

  it('clears the code once accepted and sets the deadline', () => {
    expect(awaiting).toEqual({
      status: 'awaiting_app_confirmation',
      digits: '',
      submittedAt: T0,
      deadline: ACCEPTED_AT + 60_000,
    });
  });

  it('uses the provider deadline when given', () => {
    const state = run(fixtures.submitting, {
      type: 'ACCEPTED',
      now: ACCEPTED_AT,
      confirmBy: ACCEPTED_AT + 45_000,
    });
    expect(state.deadline).toBe(ACCEPTED_AT + 45_000);
  });

  it('clears a refused code and lets the shopper type a new one for the same order', () => {
    expect(fixtures.code_error).toEqual({ status: 'code_error', digits: '', failure: 'blik_code_expired' });
    expect(run(fixtures.code_error, { type: 'CODE_CHANGED', digits: '654321' })).toEqual({
      status: 'code_entered',
      digits: '654321',
    });
  });

  it('times out exactly at the deadline, not before', () => {
    expect(run(awaiting, { type: 'TICK', now: DEADLINE - 1 })).toBe(awaiting);
    expect(run(awaiting, { type: 'TICK', now: DEADLINE })).toMatchObject({
      status: 'timeout',
      failure: 'blik_timeout',
    });
  });

  it.each([
    ['rejected', 'blik_code_rejected'],
    ['timeout', 'blik_timeout'],
    ['cancelled', 'payment_cancelled'],
  ] as const)('%s records %s and RETRY starts from a clean idle', (status, failure) => {
    expect(fixtures[status].failure).toBe(failure);
    expect(run(fixtures[status], events.RETRY)).toEqual(initialBlikState);
  });

  it('shows paid without a stale failure after a late approval', () => {
    expect(run(fixtures.timeout, events.APPROVED)).toEqual({ status: 'paid', digits: '' });
  });
});

describe('blikSecondsLeft', () => {
  it.each([
    [ACCEPTED_AT, 60],
    [ACCEPTED_AT + 500, 60],
    [ACCEPTED_AT + 1_000, 59],
    [DEADLINE - 1, 1],
    [DEADLINE, 0],
    [DEADLINE + 5_000, 0],
  ])('at %i → %i s', (now, seconds) => {
    expect(blikSecondsLeft(awaiting, now)).toBe(seconds);
  });

  it.each(Object.keys(fixtures).filter((status) => status !== 'awaiting_app_confirmation') as BlikStatus[])(
    '%s → 0',
    (status) => {
      expect(blikSecondsLeft(fixtures[status], ACCEPTED_AT)).toBe(0);
    },
  );
});

describe('blikTransition properties', () => {
  it('never holds the code after the provider has answered', () => {
    const holding: readonly BlikStatus[] = ['idle', 'code_entered', 'submitting'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Object.values(events)), { maxLength: 40, size: 'max' }),
        (steps) => {
          let state = initialBlikState;
          for (const event of steps) {
            const result = blikTransition(state, event);
            if (result.ok) state = result.state;
            if (!holding.includes(state.status)) expect(state.digits).toBe('');
            expect(state.digits).toMatch(/^\d{0,6}$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
