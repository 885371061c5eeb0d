import { describe, expect, it } from 'vitest';
import { paymentFailureReason } from './event-params.ts';

describe('paymentFailureReason', () => {
  it.each([
    [{ method: 'blik', status: 'rejected' }, 'blik_code_rejected'],
    [{ method: 'blik', status: 'timeout' }, 'blik_timeout'],
    [{ method: 'blik', status: 'expired' }, 'blik_code_expired'],
    [{ method: 'card', status: 'rejected' }, 'payment_failed'],
    [{ method: 'pbl', status: 'cancelled' }, 'payment_cancelled'],
    [{ method: 'blik', status: 'failed', reason: 'attempt_unconfirmed' }, 'payment_failed'],
    [{ method: 'blik', status: 'rejected', reason: 'blik_code_used' }, 'blik_code_used'],
  ] as const)('names %j as %s', (payment, code) => expect(paymentFailureReason(payment)).toBe(code));
});
