import { describe, expect, it, vi } from 'vitest';
import { createMemorySandboxAttemptStore } from './sandbox-memory-store.ts';
import { createSandboxPaymentProvider } from './sandbox-provider.ts';
import { BANK, startInput, T0 } from './test-helpers.ts';

const blik = (code: string) => startInput('blik', { blikCode: code });

/** One store, and a provider made on it as often as the server restarts, all on one hand-moved clock. */
function restartable() {
  const store = createMemorySandboxAttemptStore();
  let t = T0;
  return {
    store,
    provider: (options: { approveAfterMs?: number; approvalWindowMs?: number } = {}) =>
      createSandboxPaymentProvider({ bankPageBaseUrl: BANK, now: () => t, store, ...options }),
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('the sandbox across a restart', () => {
  it('resolves each BLIK attempt made before the restart as it would have: approved, declined, timed out', async () => {
    const { provider, advance } = restartable();
    const before = provider();
    const approved = await before.start(blik('777123'));
    const declined = await before.start(blik('500500'));
    const unanswered = await before.start(blik('999123'));
    advance(1_000);

    const after = provider();
    expect((await after.status(approved.providerRef))?.status).toBe('awaiting_confirmation');
    advance(1_000);
    expect(await after.status(approved.providerRef)).toMatchObject({
      status: 'paid',
      confirmBy: T0 + 60_000,
    });
    expect(await after.status(declined.providerRef)).toMatchObject({
      status: 'rejected',
      reason: 'blik_code_rejected',
    });
    expect((await after.status(unanswered.providerRef))?.status).toBe('awaiting_confirmation');
    advance(58_000);
    expect(await after.status(unanswered.providerRef)).toMatchObject({
      status: 'timeout',
      reason: 'blik_timeout',
    });
  });

  it('keeps the delay and window an attempt started with, whatever the restarted provider is told', async () => {
    const { provider, advance } = restartable();
    const attempt = await provider().start(blik('777123'));
    const after = provider({ approveAfterMs: 30_000, approvalWindowMs: 1_000 });
    advance(2_000);
    expect((await after.status(attempt.providerRef))?.status).toBe('paid');
  });

  it('keeps a final outcome: an attempt cancelled before the restart is not approved after it', async () => {
    const { provider, advance } = restartable();
    const before = provider();
    const attempt = await before.start(blik('777123'));
    await before.cancel(attempt.providerRef);
    advance(5_000);
    expect(await provider().status(attempt.providerRef)).toMatchObject({ status: 'cancelled' });
  });

  it("finds an attempt from before the restart by the shop's attempt id, and answers a repeated start with it", async () => {
    const { provider, advance } = restartable();
    const input = blik('777123');
    const first = await provider().start(input);
    advance(2_000);
    expect(await provider().statusByAttemptId(input.attemptId)).toMatchObject({
      providerRef: first.providerRef,
      status: 'paid',
    });
    expect(await provider().start({ ...input, blikCode: '500500' })).toMatchObject({
      providerRef: first.providerRef,
      status: 'paid',
    });
  });

  it('sends the notification an attempt left waiting still owes, once, after a restart (real timers)', async () => {
    const store = createMemorySandboxAttemptStore();
    const sent: string[] = [];
    const notify = async (_url: string, body: string) => {
      sent.push(body);
    };
    // The first process dies before its bank app answers; the next ones resume the wait.
    const attempt = await createSandboxPaymentProvider({
      bankPageBaseUrl: BANK,
      store,
      approveAfterMs: 50,
    }).start(blik('777123'));
    createSandboxPaymentProvider({ bankPageBaseUrl: BANK, store, notify });
    createSandboxPaymentProvider({ bankPageBaseUrl: BANK, store, notify });
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 3_000, interval: 20 });
    expect(JSON.parse(sent[0] ?? '')).toMatchObject({
      order: { orderId: attempt.providerRef, status: 'COMPLETED' },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toHaveLength(1);
  });
});
