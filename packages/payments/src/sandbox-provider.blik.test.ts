import { KasaError, money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { sandboxOnClock, startInput, T0 } from './test-helpers.ts';

const blik = (code: string | undefined, extra = {}) => startInput('blik', { blikCode: code, ...extra });

describe('sandbox BLIK codes', () => {
  it('777xxx waits for the bank app and becomes paid only after the approval delay', async () => {
    const { provider, advance } = sandboxOnClock();
    const attempt = await provider.start(blik('777123'));
    expect(attempt).toMatchObject({ status: 'awaiting_confirmation', confirmBy: T0 + 60_000 });
    expect(attempt.reason).toBeUndefined();
    advance(1_999);
    expect((await provider.status(attempt.providerRef))?.status).toBe('awaiting_confirmation');
    advance(1);
    expect(await provider.status(attempt.providerRef)).toMatchObject({ status: 'paid' });
  });

  it('500500 waits, then is declined in the bank app', async () => {
    const { provider, advance } = sandboxOnClock();
    const attempt = await provider.start(blik('500500'));
    expect(attempt.status).toBe('awaiting_confirmation');
    advance(2_000);
    expect(await provider.status(attempt.providerRef)).toMatchObject({
      status: 'rejected',
      reason: 'blik_code_rejected',
    });
  });

  it.each([
    ['700701', 'expired', 'blik_code_expired'],
    ['700702', 'cancelled', 'payment_cancelled'],
    ['700703', 'failed', 'blik_code_used'],
  ])('%s is refused at once as %s', async (code, status, reason) => {
    const { provider } = sandboxOnClock();
    const attempt = await provider.start(blik(code));
    expect(attempt).toMatchObject({ status, reason });
    expect(await provider.status(attempt.providerRef)).toMatchObject({ status, reason });
  });

  it.each(['999999', '999123', '123456', '012345'])(
    '%s is accepted but never answered, so it times out when the window closes',
    async (code) => {
      const { provider, advance } = sandboxOnClock();
      const attempt = await provider.start(blik(code));
      expect(attempt.status).toBe('awaiting_confirmation');
      advance(59_999);
      expect((await provider.status(attempt.providerRef))?.status).toBe('awaiting_confirmation');
      advance(1);
      expect(await provider.status(attempt.providerRef)).toMatchObject({
        status: 'timeout',
        reason: 'blik_timeout',
      });
    },
  );

  it.each([['12345'], ['1234567'], ['12a456'], [''], [undefined]])(
    'refuses %j at once because a BLIK code is six digits',
    async (code) => {
      const { provider } = sandboxOnClock();
      expect(await provider.start(blik(code))).toMatchObject({
        status: 'failed',
        reason: 'blik_code_format',
      });
    },
  );

  it('times out instead of approving when the shopper answers after the window', async () => {
    const { provider, advance } = sandboxOnClock({ approveAfterMs: 70_000 });
    const attempt = await provider.start(blik('777123'));
    advance(70_000);
    expect((await provider.status(attempt.providerRef))?.status).toBe('timeout');
  });
});

describe('sandbox BLIK cancel', () => {
  it('cancels an attempt still awaiting confirmation, and a later approval does not revive it', async () => {
    const { provider, advance } = sandboxOnClock();
    const attempt = await provider.start(blik('777123'));
    expect(await provider.cancel(attempt.providerRef)).toMatchObject({
      status: 'cancelled',
      reason: 'payment_cancelled',
    });
    advance(5_000);
    expect((await provider.status(attempt.providerRef))?.status).toBe('cancelled');
  });

  it('does not claim a cancel once the payment is approved, even if nobody asked for the status before', async () => {
    const { provider, advance } = sandboxOnClock();
    const attempt = await provider.start(blik('777123'));
    advance(2_000);
    expect((await provider.cancel(attempt.providerRef))?.status).toBe('paid');
    expect((await provider.status(attempt.providerRef))?.status).toBe('paid');
  });
});

describe('sandbox BLIK attempts', () => {
  it('never keeps or returns the BLIK code', async () => {
    const sent: string[] = [];
    const { provider, advance } = sandboxOnClock({
      notify: async (url, body, headers) => {
        sent.push(url, body, JSON.stringify(headers));
      },
    });
    const codes = ['777321', '500500', '700701', '700702', '700703', '999321', '012345'];
    const returned: unknown[] = [];
    for (const code of codes) {
      const attempt = await provider.start(blik(code));
      returned.push(attempt, await provider.status(attempt.providerRef));
    }
    advance(60_000);
    for (const attempt of provider.attempts()) returned.push(await provider.cancel(attempt.providerRef));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.length).toBeGreaterThan(0);
    const everything = JSON.stringify([returned, provider.attempts(), provider, sent]);
    for (const code of codes) expect(everything).not.toContain(code);
  });

  it('returns the same attempt when the same attempt id is started again', async () => {
    const { provider } = sandboxOnClock();
    const input = blik('777123');
    const first = await provider.start(input);
    expect(await provider.start({ ...input, blikCode: '500500' })).toEqual(first);
    expect(provider.attempts()).toHaveLength(1);
  });

  it('refuses BLIK outside its limits (PLN only, at least 1 zł)', async () => {
    const { provider } = sandboxOnClock();
    await expect(provider.start(blik('777123', { amount: money(99) }))).rejects.toMatchObject({
      code: 'payment_method_unavailable',
    });
    await expect(provider.start(blik('777123', { amount: money(12_300, 'EUR') }))).rejects.toBeInstanceOf(
      KasaError,
    );
  });

  it('answers undefined, not an error, for a reference it does not have', async () => {
    const { provider } = sandboxOnClock();
    expect(await provider.status('SBXNOPE')).toBeUndefined();
    expect(await provider.statusByAttemptId('pay_nope')).toBeUndefined();
    expect(await provider.cancel('SBXNOPE')).toBeUndefined();
    expect(await provider.decide('SBXNOPE', 'approve')).toBeUndefined();
  });
});
