import type { PaymentKind, PaymentStatusValue } from '@kasa/core';
import type { SqliteDatabase } from './database.ts';
import { createSqliteRefundStore, type RefundStore } from './refund-store.ts';

export interface StoredPayment {
  readonly id: string;
  readonly checkoutId: string;
  readonly orderId: string;
  readonly provider: string;
  /** The provider's id of the attempt; absent until the provider has answered the start. */
  readonly providerRef?: string;
  readonly method: PaymentKind;
  readonly status: PaymentStatusValue;
  readonly reason?: string;
  readonly confirmBy?: number;
  readonly redirectUrl?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the provider's answer to a start adds to an attempt recorded before it. */
export interface ProviderAnswer {
  readonly providerRef: string;
  readonly confirmBy?: number;
  readonly redirectUrl?: string;
}

export interface PaymentStore {
  /** Records an attempt; without `providerRef` it is an intent, written before the provider is asked. */
  insert(payment: Omit<StoredPayment, 'createdAt' | 'updatedAt'>): StoredPayment;
  /** Adds the provider's answer to an attempt (again with the same answer is harmless). */
  attach(id: string, answer: ProviderAnswer): StoredPayment;
  get(id: string): StoredPayment | undefined;
  findByProviderRef(provider: string, providerRef: string): StoredPayment | undefined;
  listByCheckout(checkoutId: string): StoredPayment[];
  /** The attempts for a platform order, oldest first (an order is one checkout's). */
  listByOrder(orderId: string): StoredPayment[];
  /**
   * Attempts with this status and reason, oldest change first: e.g. the paid ones whose order is
   * still owed, which a restarted server must find again.
   */
  listByReason(status: PaymentStatusValue, reason: string): StoredPayment[];
  updateStatus(id: string, update: { status: PaymentStatusValue; reason?: string }): StoredPayment;
  /** The refunds of paid attempts, recorded before the provider is asked (one per attempt). */
  readonly refunds: RefundStore;
}

interface PaymentRow {
  id: string;
  checkout_id: string;
  order_id: string;
  provider: string;
  provider_ref: string | null;
  method: PaymentKind;
  status: PaymentStatusValue;
  reason: string | null;
  confirm_by: number | null;
  redirect_url: string | null;
  created_at: string;
  updated_at: string;
}

const toStored = (row: PaymentRow): StoredPayment => ({
  id: row.id,
  checkoutId: row.checkout_id,
  orderId: row.order_id,
  provider: row.provider,
  ...(row.provider_ref === null ? {} : { providerRef: row.provider_ref }),
  method: row.method,
  status: row.status,
  ...(row.reason === null ? {} : { reason: row.reason }),
  ...(row.confirm_by === null ? {} : { confirmBy: row.confirm_by }),
  ...(row.redirect_url === null ? {} : { redirectUrl: row.redirect_url }),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Payment attempts: one row per try, so a retried BLIK code is a new attempt for the same order. */
export function createSqlitePaymentStore(
  db: SqliteDatabase,
  now: () => Date = () => new Date(),
): PaymentStore {
  const select = db.prepare<[string], PaymentRow>('SELECT * FROM kasa_payments WHERE id = ?');
  const selectByRef = db.prepare<[string, string], PaymentRow>(
    'SELECT * FROM kasa_payments WHERE provider = ? AND provider_ref = ?',
  );
  const selectByCheckout = db.prepare<[string], PaymentRow>(
    'SELECT * FROM kasa_payments WHERE checkout_id = ? ORDER BY created_at, rowid',
  );
  const selectByOrder = db.prepare<[string], PaymentRow>(
    'SELECT * FROM kasa_payments WHERE order_id = ? ORDER BY created_at, rowid',
  );
  const selectByReason = db.prepare<[string, string], PaymentRow>(
    'SELECT * FROM kasa_payments WHERE status = ? AND reason = ? ORDER BY updated_at, rowid',
  );
  const insert = db.prepare(
    `INSERT INTO kasa_payments (id, checkout_id, order_id, provider, provider_ref, method, status, reason,
       confirm_by, redirect_url, created_at, updated_at)
     VALUES (@id, @checkoutId, @orderId, @provider, @providerRef, @method, @status, @reason, @confirmBy,
       @redirectUrl, @at, @at)`,
  );
  const update = db.prepare('UPDATE kasa_payments SET status = ?, reason = ?, updated_at = ? WHERE id = ?');
  const attach = db.prepare<[string, number | null, string | null, string, string]>(
    `UPDATE kasa_payments SET provider_ref = ?, confirm_by = ?, redirect_url = ?, updated_at = ?
     WHERE id = ?`,
  );

  const read = (id: string): StoredPayment => {
    const row = select.get(id);
    if (!row) throw new Error(`Payment ${id} vanished from the store`);
    return toStored(row);
  };

  return {
    insert(payment) {
      insert.run({
        ...payment,
        providerRef: payment.providerRef ?? null,
        reason: payment.reason ?? null,
        confirmBy: payment.confirmBy ?? null,
        redirectUrl: payment.redirectUrl ?? null,
        at: now().toISOString(),
      });
      return read(payment.id);
    },
    attach(id, answer) {
      attach.run(
        answer.providerRef,
        answer.confirmBy ?? null,
        answer.redirectUrl ?? null,
        now().toISOString(),
        id,
      );
      return read(id);
    },
    get(id) {
      const row = select.get(id);
      return row ? toStored(row) : undefined;
    },
    findByProviderRef(provider, providerRef) {
      const row = selectByRef.get(provider, providerRef);
      return row ? toStored(row) : undefined;
    },
    listByCheckout(checkoutId) {
      return selectByCheckout.all(checkoutId).map(toStored);
    },
    listByOrder(orderId) {
      return selectByOrder.all(orderId).map(toStored);
    },
    listByReason(status, reason) {
      return selectByReason.all(status, reason).map(toStored);
    },
    updateStatus(id, { status, reason }) {
      update.run(status, reason ?? null, now().toISOString(), id);
      return read(id);
    },
    refunds: createSqliteRefundStore(db, now),
  };
}
