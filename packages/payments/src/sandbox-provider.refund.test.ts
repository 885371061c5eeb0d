import { describe, expect, it } from 'vitest';
import { sandboxOnClock, startInput } from './test-helpers.ts';

describe('sandbox refunds', () => {
  it('refunds a paid attempt once, answering the same refund to a repeat', async () => {
    const { provider, advance } = sandboxOnClock();
    const attempt = await provider.start(startInput('blik', { blikCode: '777123' }));
    advance(2_000);
    const first = await provider.refund({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' });
    const again = await provider.refund({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' });
    expect(again).toEqual(first);
    expect(provider.refunds()).toEqual([attempt.providerRef]);
  });

  it('refuses to refund an attempt that is not paid, or one it does not have', async () => {
    const { provider } = sandboxOnClock();
    const waiting = await provider.start(startInput('blik', { blikCode: '777123' }));
    await expect(provider.refund({ providerRef: waiting.providerRef, reason: 'x' })).rejects.toMatchObject({
      code: 'payment_not_found',
    });
    await expect(provider.refund({ providerRef: 'SBXNOPE', reason: 'x' })).rejects.toMatchObject({
      code: 'payment_not_found',
    });
    expect(provider.refunds()).toEqual([]);
  });
});
