import { money, PAYMENT_KIND_ORDER } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { sandboxMethods } from './sandbox-methods.ts';
import { BANK, sandboxOnClock, startInput } from './test-helpers.ts';

describe('sandbox methods', () => {
  const kinds = (amount: number, currency = 'PLN') =>
    sandboxMethods({ amount: money(amount, currency), country: 'PL' }).map((m) => m.kind);

  it('lists every method in Polish-market order for a mid-sized PLN amount', () => {
    expect(kinds(12_300)).toEqual(PAYMENT_KIND_ORDER);
    expect(sandboxMethods({ amount: money(12_300), country: 'PL' }).map((m) => m.label)).toEqual([
      'BLIK',
      'Szybki przelew',
      'Karta płatnicza',
      'PayPo: kup teraz, zapłać za 30 dni',
      'Płatność przy odbiorze',
    ]);
  });

  it('charges a 5 zł fee for cash on delivery only', () => {
    const methods = sandboxMethods({ amount: money(12_300), country: 'PL' });
    expect(methods.find((m) => m.kind === 'cod')?.fee).toEqual(money(500));
    expect(methods.filter((m) => m.fee !== undefined)).toHaveLength(1);
  });

  it.each([
    [99, ['pbl', 'card', 'cod']],
    [100, ['blik', 'pbl', 'card', 'cod']],
    [4_999, ['blik', 'pbl', 'card', 'cod']],
    [5_000, ['blik', 'pbl', 'card', 'bnpl', 'cod']],
    [200_000, ['blik', 'pbl', 'card', 'bnpl', 'cod']],
    [200_001, ['blik', 'pbl', 'card', 'bnpl']],
    [500_000, ['blik', 'pbl', 'card', 'bnpl']],
    [500_001, ['blik', 'pbl', 'card']],
  ])('offers the methods whose limits allow %i grosze', (amount, expected) => {
    expect(kinds(amount)).toEqual(expected);
  });

  it('offers only cards in another currency, and nothing for a zero amount', () => {
    expect(kinds(12_300, 'EUR')).toEqual(['card']);
    expect(kinds(0)).toEqual([]);
  });
});

describe('sandbox bank page (pay-by-link, card, BNPL)', () => {
  it.each(['pbl', 'card', 'bnpl'] as const)(
    '%s redirects to the bank page and is paid on approval',
    async (kind) => {
      const { provider } = sandboxOnClock();
      const attempt = await provider.start(startInput(kind));
      expect(attempt.status).toBe('redirect');
      expect(attempt.redirectUrl).toBe(`${BANK}/${attempt.providerRef}`);
      expect(provider.bankPage(attempt.providerRef)).toEqual({
        providerRef: attempt.providerRef,
        amount: money(12_300),
        returnUrl: 'http://127.0.0.1:3000/return',
      });
      expect((await provider.decide(attempt.providerRef, 'approve'))?.status).toBe('paid');
      expect((await provider.status(attempt.providerRef))?.status).toBe('paid');
      expect(provider.bankPage(attempt.providerRef)).toBeUndefined();
    },
  );

  it('is rejected when the shopper refuses, and a second decision changes nothing', async () => {
    const { provider } = sandboxOnClock();
    const attempt = await provider.start(startInput('card'));
    expect(await provider.decide(attempt.providerRef, 'reject')).toMatchObject({
      status: 'rejected',
      reason: 'payment_failed',
    });
    expect((await provider.decide(attempt.providerRef, 'approve'))?.status).toBe('rejected');
  });

  it('stays cancelled when the bank page approves after a cancel', async () => {
    const { provider } = sandboxOnClock();
    const attempt = await provider.start(startInput('pbl'));
    expect((await provider.cancel(attempt.providerRef))?.status).toBe('cancelled');
    expect((await provider.decide(attempt.providerRef, 'approve'))?.status).toBe('cancelled');
  });

  it('accepts a trailing slash in the bank page base URL', async () => {
    const { provider } = sandboxOnClock({ bankPageBaseUrl: `${BANK}/` });
    const attempt = await provider.start(startInput('pbl'));
    expect(attempt.redirectUrl).toBe(`${BANK}/${attempt.providerRef}`);
  });

  it('does not take bank page decisions for BLIK or cash on delivery', async () => {
    const { provider } = sandboxOnClock();
    const cod = await provider.start(startInput('cod'));
    await expect(provider.decide(cod.providerRef, 'approve')).rejects.toMatchObject({
      code: 'illegal_transition',
    });
  });

  it('refuses BNPL below 50 zł', async () => {
    const { provider } = sandboxOnClock();
    await expect(provider.start(startInput('bnpl', { amount: money(4_999) }))).rejects.toMatchObject({
      code: 'payment_method_unavailable',
    });
  });
});

describe('sandbox cash on delivery', () => {
  it('confirms the order as pending: it is paid to the courier', async () => {
    const { provider, advance } = sandboxOnClock();
    const attempt = await provider.start(startInput('cod'));
    expect(attempt).toEqual({
      attemptId: attempt.attemptId,
      providerRef: attempt.providerRef,
      status: 'pending',
    });
    advance(86_400_000);
    expect((await provider.status(attempt.providerRef))?.status).toBe('pending');
    expect((await provider.cancel(attempt.providerRef))?.status).toBe('cancelled');
  });
});
