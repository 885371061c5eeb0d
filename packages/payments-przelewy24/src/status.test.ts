import { describe, expect, it } from 'vitest';
import { BLIK_REFUSED, blikResultOutcome, mapP24Status, parseP24Date } from './status.ts';

describe('mapP24Status', () => {
  const now = 1_000_000;
  it.each([
    [2, undefined, { status: 'paid' }],
    [3, { kind: 'blik' as const, cancelled: true }, { status: 'paid' }],
    [0, { kind: 'blik' as const, refusal: BLIK_REFUSED }, BLIK_REFUSED],
    [0, { kind: 'blik' as const, cancelled: true }, { status: 'cancelled', reason: 'payment_cancelled' }],
    [0, { kind: 'blik' as const, confirmBy: now }, { status: 'timeout', reason: 'blik_timeout' }],
    [0, { kind: 'blik' as const, confirmBy: now + 1 }, { status: 'awaiting_confirmation' }],
    [0, { kind: 'pbl' as const }, { status: 'redirect' }],
    [0, undefined, { status: 'pending' }],
  ])('P24 status %i with %j is %j', (p24, local, expected) => {
    expect(mapP24Status(p24, local, now)).toEqual(expected);
  });

  it('asks for verify on an advance payment, even after Kasa timed the attempt out', () => {
    expect(mapP24Status(1, { kind: 'blik', confirmBy: 0 }, now)).toBe('verify');
  });
});

describe('blikResultOutcome', () => {
  it('reads "0" as success and any other error as a refusal, an expired code on its own', () => {
    expect(blikResultOutcome('0')).toBeUndefined();
    expect(blikResultOutcome(0)).toBeUndefined();
    expect(blikResultOutcome('51')).toEqual(BLIK_REFUSED);
    expect(blikResultOutcome('BLIK_CODE_EXPIRED')).toEqual({
      status: 'expired',
      reason: 'blik_code_expired',
    });
  });
});

describe('parseP24Date', () => {
  it('reads a plain date-time as Polish time, winter and summer', () => {
    expect(parseP24Date('2026-01-15 12:00:00')).toBe(Date.UTC(2026, 0, 15, 11, 0, 0));
    expect(parseP24Date('2026-07-15 12:00:00')).toBe(Date.UTC(2026, 6, 15, 10, 0, 0));
  });
  it('reads ISO 8601 with an offset and refuses anything else', () => {
    expect(parseP24Date('2026-07-15T12:00:00Z')).toBe(Date.UTC(2026, 6, 15, 12));
    expect(parseP24Date('15.07.2026')).toBeUndefined();
    expect(parseP24Date(undefined)).toBeUndefined();
  });
});
