import type {
  ErrorCode,
  Money,
  PaymentKind,
  PaymentProvider,
  PaymentStatus,
  PaymentStatusValue,
  Refund,
  RefundRequest,
} from '@kasa/core';
import type { BankDecision, BankPageInput } from './bank-page.ts';
import type { SANDBOX_PROVIDER_ID } from './sandbox-methods.ts';

/** Options of createSandboxPaymentProvider. */
export interface SandboxPaymentOptions {
  /** Where the server serves the sandbox bank page, e.g. 'http://127.0.0.1:3000/sandbox/bank'. */
  readonly bankPageBaseUrl: string;
  /** The clock; tests inject one to move time without sleeping. */
  readonly now?: () => number;
  /** How long the shopper has to confirm BLIK in the bank app. Default 60 s. */
  readonly approvalWindowMs?: number;
  /** When the simulated shopper answers in the bank app (777xxx, 500500). Default 2 s. */
  readonly approveAfterMs?: number;
  /** The POS "second key" that signs notifications. Default 'sandbox-second-key'. */
  readonly secondKey?: string;
  /** When set, final statuses are POSTed to the attempt's notifyUrl, signed like PayU. */
  readonly notify?: (url: string, body: string, headers: Readonly<Record<string, string>>) => Promise<void>;
  /**
   * Where the attempts are kept. A PSP keeps its payments through its own restarts and the shop's, so
   * the server passes a durable one (SQLite, see `createSqliteSandboxPaymentStore` in @kasa/storage);
   * the default keeps them in memory, for tests.
   */
  readonly store?: SandboxAttemptStore;
}

/** Where an attempt stands, internally; `reason` explains a status that is not a success. */
export interface Outcome {
  readonly status: PaymentStatusValue;
  readonly reason?: ErrorCode;
}

/**
 * What the sandbox keeps about an attempt. Never the BLIK code: only what it led to (`answer`). Every
 * deadline is a stored instant, so an attempt read back after a restart resolves as it would have.
 */
export interface AttemptRecord {
  readonly attemptId: string;
  readonly providerRef: string;
  readonly kind: PaymentKind;
  readonly amount: Money;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  /** Epoch ms. */
  readonly startedAt: number;
  /** BLIK: the end of the confirmation window (epoch ms). */
  readonly confirmBy?: number;
  /** BLIK: what the simulated shopper does in the bank app. */
  readonly answer?: 'approve' | 'reject' | 'none';
  /** BLIK: when that answer comes (epoch ms); an answer at or after `confirmBy` comes too late. */
  readonly answerAt?: number;
  /** The final outcome, once there is one; it never changes after. */
  readonly settled?: Outcome;
  /** Whether the final outcome's notification was sent (at most once). */
  readonly notified: boolean;
}

/**
 * Where the sandbox keeps its attempts. Each method is synchronous and atomic on its own, so two
 * callers cannot both settle or both notify one attempt.
 *
 * @example
 * const provider = createSandboxPaymentProvider({ bankPageBaseUrl, store: createSqliteSandboxPaymentStore(db) });
 */
export interface SandboxAttemptStore {
  insert(attempt: AttemptRecord): void;
  get(providerRef: string): AttemptRecord | undefined;
  getByAttemptId(attemptId: string): AttemptRecord | undefined;
  /** Records a final outcome unless the attempt has one already; returns the one that stands. */
  settle(providerRef: string, outcome: Outcome): Outcome;
  /** Marks the attempt notified; true only for the call that marked it. */
  markNotified(providerRef: string): boolean;
  /** Attempts without a final outcome, oldest first (to resume their timers after a restart). */
  listOpen(): AttemptRecord[];
  /** Every attempt, oldest first. */
  list(): AttemptRecord[];
}

/** The sandbox PaymentProvider plus what the sandbox bank page and debug view need. */
export interface SandboxPaymentProvider extends PaymentProvider {
  readonly id: typeof SANDBOX_PROVIDER_ID;
  /**
   * The bank page's decision for pay-by-link, card and BNPL. A decision after a final status changes
   * nothing; undefined for an attempt the sandbox does not have.
   */
  decide(providerRef: string, decision: BankDecision): Promise<PaymentStatus | undefined>;
  /** What renderBankPage needs, while the attempt still waits for a decision; otherwise undefined. */
  bankPage(providerRef: string): BankPageInput | undefined;
  /** Every attempt, for the sandbox's debug view and tests. */
  attempts(): SandboxAttemptRecord[];
  /** Refunds every paid attempt, idempotently (see PaymentProvider.refund). */
  refund(input: RefundRequest): Promise<Refund>;
  /** The provider references of the attempts refunded since this provider was made. */
  refunds(): string[];
}

/** An attempt as `attempts()` returns it. */
export type SandboxAttemptRecord = AttemptRecord;
