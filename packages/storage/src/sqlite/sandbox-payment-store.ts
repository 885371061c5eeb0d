import type { ErrorCode, Money, PaymentKind, PaymentStatusValue } from '@kasa/core';
import type { SqliteDatabase } from './database.ts';

/** A final outcome of a sandbox attempt. */
export interface SandboxOutcome {
  readonly status: PaymentStatusValue;
  readonly reason?: ErrorCode;
}

/**
 * An attempt as the sandbox payment provider keeps it (`AttemptRecord` in @kasa/payments, which this
 * store serves; the types meet where the server wires the two, so a drift is a type error there).
 */
export interface StoredSandboxAttempt {
  readonly attemptId: string;
  readonly providerRef: string;
  readonly kind: PaymentKind;
  readonly amount: Money;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly startedAt: number;
  readonly confirmBy?: number;
  readonly answer?: 'approve' | 'reject' | 'none';
  readonly answerAt?: number;
  readonly settled?: SandboxOutcome;
  readonly notified: boolean;
}

/** The sandbox provider's attempts (`SandboxAttemptStore` in @kasa/payments). */
export interface SandboxPaymentStore {
  insert(attempt: StoredSandboxAttempt): void;
  get(providerRef: string): StoredSandboxAttempt | undefined;
  getByAttemptId(attemptId: string): StoredSandboxAttempt | undefined;
  /** Records a final outcome unless the attempt has one already; returns the one that stands. */
  settle(providerRef: string, outcome: SandboxOutcome): SandboxOutcome;
  /** Marks the attempt notified; true only for the call that marked it. */
  markNotified(providerRef: string): boolean;
  /** Attempts without a final outcome, oldest first. */
  listOpen(): StoredSandboxAttempt[];
  /** Every attempt, oldest first. */
  list(): StoredSandboxAttempt[];
}

interface AttemptRow {
  provider_ref: string;
  attempt_id: string;
  kind: PaymentKind;
  amount: number;
  currency: Money['currency'];
  notify_url: string;
  return_url: string;
  started_at: number;
  confirm_by: number | null;
  answer: 'approve' | 'reject' | 'none' | null;
  answer_at: number | null;
  settled_status: PaymentStatusValue | null;
  settled_reason: ErrorCode | null;
  notified: number;
}

const toOutcome = (row: AttemptRow): SandboxOutcome | undefined =>
  row.settled_status === null
    ? undefined
    : {
        status: row.settled_status,
        ...(row.settled_reason === null ? {} : { reason: row.settled_reason }),
      };

function toAttempt(row: AttemptRow): StoredSandboxAttempt {
  const settled = toOutcome(row);
  return {
    attemptId: row.attempt_id,
    providerRef: row.provider_ref,
    kind: row.kind,
    amount: { amount: Number(row.amount), currency: row.currency },
    notifyUrl: row.notify_url,
    returnUrl: row.return_url,
    startedAt: Number(row.started_at),
    ...(row.confirm_by === null ? {} : { confirmBy: Number(row.confirm_by) }),
    ...(row.answer === null ? {} : { answer: row.answer }),
    ...(row.answer_at === null ? {} : { answerAt: Number(row.answer_at) }),
    ...(settled === undefined ? {} : { settled }),
    notified: row.notified === 1,
  };
}

/**
 * The sandbox payment provider's attempts in the server's SQLite file (table
 * `sandbox_payment_attempts`), so a payment awaiting confirmation survives a crash of the server as
 * it would survive one at a real PSP. Settling and notifying are single conditional updates: the
 * first outcome stands, and one notification is sent, whoever asks.
 *
 * @example
 * const provider = createSandboxPaymentProvider({ bankPageBaseUrl, store: createSqliteSandboxPaymentStore(db) });
 */
export function createSqliteSandboxPaymentStore(db: SqliteDatabase): SandboxPaymentStore {
  const insert = db.prepare<
    [
      string,
      string,
      string,
      number,
      string,
      string,
      string,
      number,
      number | null,
      string | null,
      number | null,
      string | null,
      string | null,
      number,
    ]
  >(
    `INSERT INTO sandbox_payment_attempts (provider_ref, attempt_id, kind, amount, currency, notify_url,
       return_url, started_at, confirm_by, answer, answer_at, settled_status, settled_reason, notified)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byRef = db.prepare<[string], AttemptRow>(
    'SELECT * FROM sandbox_payment_attempts WHERE provider_ref = ?',
  );
  const byAttemptId = db.prepare<[string], AttemptRow>(
    'SELECT * FROM sandbox_payment_attempts WHERE attempt_id = ?',
  );
  const settle = db.prepare<[string, string | null, string]>(
    `UPDATE sandbox_payment_attempts SET settled_status = ?, settled_reason = ?
     WHERE provider_ref = ? AND settled_status IS NULL`,
  );
  const markNotified = db.prepare<[string]>(
    'UPDATE sandbox_payment_attempts SET notified = 1 WHERE provider_ref = ? AND notified = 0',
  );
  const open = db.prepare<[], AttemptRow>(
    'SELECT * FROM sandbox_payment_attempts WHERE settled_status IS NULL ORDER BY started_at, rowid',
  );
  const all = db.prepare<[], AttemptRow>('SELECT * FROM sandbox_payment_attempts ORDER BY started_at, rowid');

  return {
    insert(a) {
      insert.run(
        a.providerRef,
        a.attemptId,
        a.kind,
        a.amount.amount,
        a.amount.currency,
        a.notifyUrl,
        a.returnUrl,
        a.startedAt,
        a.confirmBy ?? null,
        a.answer ?? null,
        a.answerAt ?? null,
        a.settled?.status ?? null,
        a.settled?.reason ?? null,
        a.notified ? 1 : 0,
      );
    },
    get(providerRef) {
      const row = byRef.get(providerRef);
      return row && toAttempt(row);
    },
    getByAttemptId(attemptId) {
      const row = byAttemptId.get(attemptId);
      return row && toAttempt(row);
    },
    settle(providerRef, outcome) {
      settle.run(outcome.status, outcome.reason ?? null, providerRef);
      const row = byRef.get(providerRef);
      const standing = row && toOutcome(row);
      if (standing === undefined) throw new Error(`no sandbox attempt ${providerRef} to settle`);
      return standing;
    },
    markNotified(providerRef) {
      return Number(markNotified.run(providerRef).changes) === 1;
    },
    listOpen: () => open.all().map(toAttempt),
    list: () => all.all().map(toAttempt),
  };
}
