import type { AttemptRecord, Outcome, SandboxAttemptStore } from './sandbox-types.ts';

/**
 * Sandbox attempts in memory: the default for tests, forgotten with the process. The server gives
 * the provider a durable store instead.
 *
 * @example
 * const store = createMemorySandboxAttemptStore();
 * createSandboxPaymentProvider({ bankPageBaseUrl, store }); // a second provider on `store` sees the same attempts
 */
export function createMemorySandboxAttemptStore(): SandboxAttemptStore {
  // Insertion order is start order, which list() and listOpen() promise.
  const byRef = new Map<string, AttemptRecord>();
  const refByAttemptId = new Map<string, string>();

  const change = (providerRef: string, patch: Partial<AttemptRecord>): AttemptRecord | undefined => {
    const current = byRef.get(providerRef);
    if (current === undefined) return undefined;
    const next = { ...current, ...patch };
    byRef.set(providerRef, next);
    return next;
  };

  return {
    insert(attempt) {
      if (byRef.has(attempt.providerRef) || refByAttemptId.has(attempt.attemptId)) {
        throw new Error(`sandbox attempt ${attempt.attemptId} (${attempt.providerRef}) is stored already`);
      }
      byRef.set(attempt.providerRef, attempt);
      refByAttemptId.set(attempt.attemptId, attempt.providerRef);
    },
    get: (providerRef) => byRef.get(providerRef),
    getByAttemptId(attemptId) {
      const ref = refByAttemptId.get(attemptId);
      return ref === undefined ? undefined : byRef.get(ref);
    },
    settle(providerRef, outcome): Outcome {
      const current = byRef.get(providerRef);
      if (current === undefined) throw new Error(`no sandbox attempt ${providerRef} to settle`);
      if (current.settled) return current.settled;
      change(providerRef, { settled: outcome });
      return outcome;
    },
    markNotified(providerRef) {
      if (byRef.get(providerRef)?.notified !== false) return false;
      change(providerRef, { notified: true });
      return true;
    },
    listOpen: () => [...byRef.values()].filter((attempt) => attempt.settled === undefined),
    list: () => [...byRef.values()],
  };
}
