import type { ScheduledFault } from '@kasa/adapter-testing/faults';
import type { Money, PaymentProvider, RawRequest } from '@kasa/core';

/**
 * What the fake's bank does with a BLIK code:
 * - `approve`: accepted, then approved in the bank app after {@link PaymentHarness.answerAfterMs};
 * - `decline`: accepted, then declined in the bank app after `answerAfterMs`;
 * - `expired`: the code had expired (PayU sandbox `700701`);
 * - `used`: the code was already used (PayU sandbox `700703`);
 * - `never`: accepted, never answered: the shopper never looks at the phone.
 */
export type BankAnswer = 'approve' | 'decline' | 'expired' | 'used' | 'never';

/** A payment as the PSP's own books keep it, read behind the provider's back. */
export interface PspPayment {
  /** The PSP's id, the provider's `providerRef`. */
  readonly providerRef: string;
  /** Kasa's attempt id as the PSP stored it (PayU's `extOrderId`), when it did. */
  readonly attemptId?: string;
  /** Money taken from the payer (approved and captured), refunded or not. */
  readonly charged: boolean;
  /** How many refunds the PSP made of this payment. */
  readonly refunds: number;
}

/** A notification the PSP sends about an attempt, before it is signed. */
export interface NotificationInput {
  readonly providerRef: string;
  readonly attemptId: string;
  /** What the notification claims; `paid` is PayU's COMPLETED, Stripe's `payment_intent.succeeded`… */
  readonly status: 'paid' | 'cancelled' | 'pending';
  readonly amount: Money;
}

/**
 * What a payment provider's own test gives the contract suite: the provider, wired to its local fake
 * (over real HTTP where the provider speaks HTTP), and the levers of that fake.
 *
 * @example
 * describePaymentProvider('payu', async () => {
 *   const clock = manualClock();
 *   const payu = await startFakePayu({ now: clock.now });
 *   const make = () => createPayuProvider({ ...payu.config, now: clock.now, timeoutMs: 300 });
 *   return {
 *     provider: make(),
 *     restart: make,
 *     blikCode: (answer) => PAYU_SANDBOX_CODES[answer],
 *     answerAfterMs: 2_000,
 *     closesAfterMs: payu.blikWindowMs,
 *     now: clock.now,
 *     advance: async (ms) => clock.advance(ms),
 *     approveNow: async (ref) => payu.approve(ref),
 *     pspPayments: async () => payu.payments(),
 *     signNotification: (n) => payu.signedNotification(n),
 *     inject: (fault) => payu.faults.inject(fault),
 *     clearFaults: () => payu.faults.clear(),
 *     upstreamCalls: () => payu.faults.calls(),
 *     close: () => payu.close(),
 *   };
 * });
 */
export interface PaymentHarness {
  /** The provider under test, wired to the fake. */
  readonly provider: PaymentProvider;
  /**
   * A new provider on the same PSP with nothing in memory (no token, no cache), as after a Kasa
   * server restart. The suite also uses it for a clean provider before each faulted run.
   */
  restart(): PaymentProvider;
  /** A BLIK code the fake's bank answers this way; undefined when the PSP has no such code (then that test is skipped). */
  blikCode(answer: BankAnswer): string | undefined;
  /** How long after start the bank's answer to an `approve` or `decline` code is in. */
  readonly answerAfterMs: number;
  /**
   * How long after start the PSP itself ends a BLIK attempt nobody answered. At least the window
   * the provider reports in `confirmBy`; longer when the PSP still takes an approval after it.
   */
  readonly closesAfterMs: number;
  /** The clock the fake and the provider share (epoch ms). */
  now(): number;
  /** Moves the clock of the fake and of the provider forward; the suite never sleeps. */
  advance(ms: number): Promise<void>;
  /**
   * The bank app approves an open BLIK attempt now: a late approval, after the window Kasa showed.
   * Absent when the PSP ends an attempt at `confirmBy` exactly, so nothing can come late.
   */
  approveNow?(providerRef: string): Promise<void>;
  /** Every payment in the PSP's books. */
  pspPayments(): Promise<readonly PspPayment[]>;
  /** A notification signed exactly as the PSP signs it (headers and the raw body). */
  signNotification(input: NotificationInput): RawRequest;
  /** Where the fake sends its notifications; default a closed local port. */
  readonly notifyUrl?: string;
  /** Plans a fault at the fake (see `@kasa/adapter-testing/faults`). Needs `upstreamCalls`. */
  inject?(fault: ScheduledFault): void;
  /** Drops every planned fault not yet played. */
  clearFaults?(): void;
  /** Requests the fake has received so far. */
  upstreamCalls?(): number;
  close(): Promise<void> | void;
}
