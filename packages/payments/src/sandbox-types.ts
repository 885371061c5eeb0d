import type {
  ErrorCode,
  Money,
  PaymentKind,
  PaymentProvider,
  PaymentStatus,
  PaymentStatusValue,
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
}

/** Where an attempt stands, internally; `reason` explains a status that is not a success. */
export interface Outcome {
  readonly status: PaymentStatusValue;
  readonly reason?: ErrorCode;
}

/** What the sandbox keeps about an attempt. Never the BLIK code: only what it led to (`answer`). */
export interface AttemptRecord {
  readonly attemptId: string;
  readonly providerRef: string;
  readonly kind: PaymentKind;
  readonly amount: Money;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly startedAt: number;
  readonly confirmBy?: number;
  readonly answer?: 'approve' | 'reject' | 'none';
  settled?: Outcome;
  notified: boolean;
}

/** The sandbox PaymentProvider plus what the sandbox bank page and debug view need. */
export interface SandboxPaymentProvider extends PaymentProvider {
  readonly id: typeof SANDBOX_PROVIDER_ID;
  /** The bank page's decision for pay-by-link, card and BNPL. A decision after a final status changes nothing. */
  decide(providerRef: string, decision: BankDecision): Promise<PaymentStatus>;
  /** What renderBankPage needs, while the attempt still waits for a decision; otherwise undefined. */
  bankPage(providerRef: string): BankPageInput | undefined;
  /** Copies of every attempt, for the sandbox's debug view and tests. */
  attempts(): SandboxAttemptRecord[];
}

/** A read-only copy of an attempt, as `attempts()` returns it. */
export type SandboxAttemptRecord = Readonly<AttemptRecord>;
