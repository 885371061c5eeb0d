import { describe, expect, it } from 'vitest';
import { blikFailure, intentStatus, sessionStatus } from './mapping.ts';

const blik = { id: 'pi_1', created: 1_700_000_000, payment_method_types: ['blik'] };

describe('intentStatus', () => {
  it('maps requires_action with blik_authorize to "approve in your bank app", with the window from creation', () => {
    expect(
      intentStatus({ ...blik, status: 'requires_action', next_action: { type: 'blik_authorize' } }, 60_000),
    ).toEqual({ status: 'awaiting_confirmation', confirmBy: 1_700_000_060_000 });
  });

  it.each([
    ['succeeded', { status: 'paid' }],
    ['canceled', { status: 'cancelled', reason: 'payment_cancelled' }],
    ['processing', { status: 'pending' }],
    ['requires_confirmation', { status: 'pending' }],
  ])('maps %s', (status, expected) => {
    expect(intentStatus({ ...blik, status })).toMatchObject(expected);
  });

  it('reads requires_payment_method without an error as not yet confirmed, with one as the decline', () => {
    expect(intentStatus({ ...blik, status: 'requires_payment_method' }).status).toBe('pending');
    expect(
      intentStatus({
        ...blik,
        status: 'requires_payment_method',
        last_payment_error: { code: 'payment_method_provider_decline', decline_code: 'customer_declined' },
      }),
    ).toMatchObject({ status: 'rejected', reason: 'blik_code_rejected' });
  });

  it('gives a card intent a redirect and no BLIK window', () => {
    const card = { id: 'pi_2', created: 1, payment_method_types: ['card'] };
    expect(
      intentStatus({
        ...card,
        status: 'requires_action',
        next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'https://x' } },
      }),
    ).toEqual({ status: 'redirect', redirectUrl: 'https://x' });
    expect(
      intentStatus({
        ...card,
        status: 'requires_payment_method',
        last_payment_error: { code: 'card_declined' },
      }),
    ).toEqual({ status: 'rejected', reason: 'payment_failed' });
  });
});

describe('blikFailure', () => {
  it.each([
    [
      { decline_code: 'code_expired', code: 'payment_method_invalid_parameter' },
      'expired',
      'blik_code_expired',
    ],
    [
      { decline_code: 'code_invalid', code: 'payment_method_invalid_parameter' },
      'failed',
      'blik_code_rejected',
    ],
    [
      { code: 'payment_method_invalid_parameter', decline_code: 'generic_decline' },
      'failed',
      'blik_code_rejected',
    ],
    [{ code: 'payment_method_provider_timeout' }, 'timeout', 'blik_timeout'],
    [
      { code: 'payment_method_provider_decline', decline_code: 'insufficient_funds' },
      'rejected',
      'blik_code_rejected',
    ],
    [
      { code: 'payment_method_provider_decline', decline_code: 'payment_limit_exceeded' },
      'rejected',
      'blik_code_rejected',
    ],
    [
      { code: 'payment_method_provider_decline', decline_code: 'generic_decline' },
      'rejected',
      'blik_code_rejected',
    ],
  ])('maps %o to %s / %s', (error, status, reason) => {
    expect(blikFailure(error)).toEqual({ status, reason });
  });
});

describe('sessionStatus', () => {
  it('maps an open session to its page, a complete paid one to paid, an expired one to cancelled', () => {
    expect(
      sessionStatus({ id: 'cs_1', status: 'open', payment_status: 'unpaid', url: 'https://pay' }),
    ).toEqual({
      status: 'redirect',
      redirectUrl: 'https://pay',
    });
    expect(sessionStatus({ id: 'cs_1', status: 'complete', payment_status: 'paid' }).status).toBe('paid');
    expect(sessionStatus({ id: 'cs_1', status: 'complete', payment_status: 'unpaid' }).status).toBe(
      'pending',
    );
    expect(sessionStatus({ id: 'cs_1', status: 'expired', payment_status: 'unpaid' }).status).toBe(
      'cancelled',
    );
  });
});
