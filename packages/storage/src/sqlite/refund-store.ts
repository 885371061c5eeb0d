import type { SqliteDatabase } from './database.ts';

/**
 * Where a refund stands: `refund_pending` is written before the provider is asked; it ends
 * `refunded` (the provider's id of the refund kept), `refund_failed` (the provider refused or did not
 * answer; a later request may try again) or `refund_due` (the provider cannot refund through Kasa:
 * the merchant refunds in its panel).
 */
export type RefundStatus = 'refund_pending' | 'refunded' | 'refund_failed' | 'refund_due';

/** Who asked for the refund: the shop (its webhook for a cancelled or refunded order), or the merchant. */
export type RefundRequester = 'shop_webhook' | 'merchant';

export interface StoredRefund {
  /** The paid attempt refunded: one refund per attempt. */
  readonly paymentId: string;
  readonly checkoutId: string;
  readonly orderId: string;
  readonly provider: string;
  readonly status: RefundStatus;
  readonly requestedBy: RefundRequester;
  /** Why, as a code (`order_cancelled`, `merchant_request`); given to the provider. */
  readonly reason: string;
  readonly refundRef?: string;
  /** The error code of the last failed try (`upstream_unavailable`, …). */
  readonly cause?: string;
  /** How many times the provider has been (or is being) asked. */
  readonly tries: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type RefundIntent = Pick<
  StoredRefund,
  'paymentId' | 'checkoutId' | 'orderId' | 'provider' | 'requestedBy' | 'reason'
>;

export type RefundEnd =
  | { readonly status: 'refunded'; readonly refundRef: string }
  | { readonly status: 'refund_failed'; readonly cause: string }
  | { readonly status: 'refund_due' };

export interface RefundStore {
  /**
   * Records the intent to refund an attempt (`refund_pending`) unless a refund of it is recorded
   * already: `created` says whether this call wrote it. Atomic, also across processes on one file.
   */
  begin(intent: RefundIntent): { refund: StoredRefund; created: boolean };
  /**
   * Takes a refund over for one more try (back to `refund_pending`, tries + 1), only if nobody has
   * since `tries` as read: undefined when another caller took it first.
   */
  retake(paymentId: string, tries: number): StoredRefund | undefined;
  finish(paymentId: string, end: RefundEnd): StoredRefund;
  get(paymentId: string): StoredRefund | undefined;
  /** Refunds in this state, oldest change first. */
  listByStatus(status: RefundStatus): StoredRefund[];
}

interface RefundRow {
  payment_id: string;
  checkout_id: string;
  order_id: string;
  provider: string;
  status: RefundStatus;
  requested_by: RefundRequester;
  reason: string;
  refund_ref: string | null;
  cause: string | null;
  tries: number;
  created_at: string;
  updated_at: string;
}

const toStored = (row: RefundRow): StoredRefund => ({
  paymentId: row.payment_id,
  checkoutId: row.checkout_id,
  orderId: row.order_id,
  provider: row.provider,
  status: row.status,
  requestedBy: row.requested_by,
  reason: row.reason,
  ...(row.refund_ref === null ? {} : { refundRef: row.refund_ref }),
  ...(row.cause === null ? {} : { cause: row.cause }),
  tries: row.tries,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Refunds of paid attempts, one row per attempt (kasa_refunds).
 *
 * @example
 * const { refund, created } = refunds.begin({ paymentId, checkoutId, orderId, provider: 'sandbox', requestedBy: 'merchant', reason: 'merchant_request' });
 * if (created) refunds.finish(paymentId, { status: 'refunded', refundRef: 'RFND123' });
 */
export function createSqliteRefundStore(db: SqliteDatabase, now: () => Date = () => new Date()): RefundStore {
  const select = db.prepare<[string], RefundRow>('SELECT * FROM kasa_refunds WHERE payment_id = ?');
  const selectByStatus = db.prepare<[string], RefundRow>(
    'SELECT * FROM kasa_refunds WHERE status = ? ORDER BY updated_at, rowid',
  );
  const insert = db.prepare(
    `INSERT INTO kasa_refunds (payment_id, checkout_id, order_id, provider, status, requested_by, reason,
       tries, created_at, updated_at)
     VALUES (@paymentId, @checkoutId, @orderId, @provider, 'refund_pending', @requestedBy, @reason, 1, @at, @at)
     ON CONFLICT (payment_id) DO NOTHING`,
  );
  const retake = db.prepare<[string, string, number]>(
    `UPDATE kasa_refunds SET status = 'refund_pending', tries = tries + 1, updated_at = ?
     WHERE payment_id = ? AND tries = ? AND status IN ('refund_pending', 'refund_failed')`,
  );
  const finish = db.prepare<[string, string | null, string | null, string, string]>(
    'UPDATE kasa_refunds SET status = ?, refund_ref = ?, cause = ?, updated_at = ? WHERE payment_id = ?',
  );

  const read = (paymentId: string): StoredRefund => {
    const row = select.get(paymentId);
    if (!row) throw new Error(`Refund of ${paymentId} vanished from the store`);
    return toStored(row);
  };

  return {
    begin(intent) {
      const { changes } = insert.run({ ...intent, at: now().toISOString() });
      return { refund: read(intent.paymentId), created: Number(changes) === 1 };
    },
    retake(paymentId, tries) {
      const { changes } = retake.run(now().toISOString(), paymentId, tries);
      return Number(changes) === 1 ? read(paymentId) : undefined;
    },
    finish(paymentId, end) {
      finish.run(
        end.status,
        end.status === 'refunded' ? end.refundRef : null,
        end.status === 'refund_failed' ? end.cause : null,
        now().toISOString(),
        paymentId,
      );
      return read(paymentId);
    },
    get(paymentId) {
      const row = select.get(paymentId);
      return row ? toStored(row) : undefined;
    },
    listByStatus(status) {
      return selectByStatus.all(status).map(toStored);
    },
  };
}
