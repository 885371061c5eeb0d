import { describe, expect, it, vi } from 'vitest';
import { createSandboxPaymentProvider } from './sandbox-provider.ts';
import { BANK, sandboxOnClock, startInput } from './test-helpers.ts';

interface Sent {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

function collector() {
  const sent: Sent[] = [];
  const notify = async (url: string, body: string, headers: Readonly<Record<string, string>>) => {
    sent.push({ url, body, headers });
  };
  return { sent, notify };
}

describe('sandbox notifications', () => {
  it('posts a signed PayU-style notification on its own once the bank app approves (real timer)', async () => {
    const { sent, notify } = collector();
    const provider = createSandboxPaymentProvider({ bankPageBaseUrl: BANK, approveAfterMs: 10, notify });
    const input = startInput('blik', { blikCode: '777123' });
    const attempt = await provider.start(input);
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 2_000, interval: 5 });
    const [first] = sent;
    expect(first?.url).toBe(input.notifyUrl);
    expect(JSON.parse(first?.body ?? '')).toEqual({
      order: {
        orderId: attempt.providerRef,
        extOrderId: input.attemptId,
        status: 'COMPLETED',
        totalAmount: '12300',
        currencyCode: 'PLN',
      },
    });
    expect(first?.headers['OpenPayU-Signature']).toMatch(
      /^sender=checkout;signature=[0-9a-f]{64};algorithm=SHA-256;content=DOCUMENT$/,
    );
    const request = { headers: first?.headers ?? {}, body: first?.body ?? '' };
    expect(await provider.verifyNotification(request)).toEqual({
      providerRef: attempt.providerRef,
      attemptId: input.attemptId,
      status: 'paid',
    });
  });

  it('notifies a cancel once, as CANCELED, and nothing for attempts still open', async () => {
    const { sent, notify } = collector();
    const { provider } = sandboxOnClock({ notify });
    const open = await provider.start(startInput('pbl'));
    const cancelled = await provider.start(startInput('pbl'));
    await provider.cancel(cancelled.providerRef);
    await provider.cancel(cancelled.providerRef);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchObject({
      order: { orderId: cancelled.providerRef, status: 'CANCELED' },
    });
    expect(sent.some((s) => s.body.includes(open.providerRef))).toBe(false);
  });

  it('keeps working when the shop does not answer the notification', async () => {
    const { provider } = sandboxOnClock({ notify: () => Promise.reject(new Error('connection refused')) });
    const attempt = await provider.start(startInput('card'));
    expect((await provider.decide(attempt.providerRef, 'approve'))?.status).toBe('paid');
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
});
