import { randomBytes } from 'node:crypto';
import { KasaError, type OrderStatus, type PlaceOrderInput } from '@kasa/core';
import {
  DatabaseSync,
  type DatabaseSyncInstance,
  type EnhancedDatabaseSync,
  enhance,
  type StatementSyncInstance,
} from '@photostructure/sqlite';

/** A cart as the sandbox keeps it: product ids and quantities only, never prices. */
export interface StoredCartLine {
  readonly productId: string;
  readonly quantity: number;
}

/** A guest order as the sandbox keeps it. */
export interface SandboxOrder {
  readonly id: string;
  /** Human-facing, sequential: `KS-000123`. */
  readonly number: string;
  readonly idempotencyKey: string;
  readonly checkoutId: string;
  readonly status: OrderStatus;
  /** The full input the order was placed with (contact, delivery, consents, payment, lines, total). */
  readonly input: PlaceOrderInput;
  readonly payment?: { readonly provider: string; readonly transactionId: string };
  readonly createdAt: string;
  readonly paidAt?: string;
  readonly cancelledAt?: string;
  readonly cancelReason?: string;
}

interface OrderRow {
  id: string;
  number: string;
  idempotency_key: string;
  checkout_id: string;
  input: string;
  status: OrderStatus;
  payment_provider: string | null;
  transaction_id: string | null;
  created_at: string;
  paid_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sandbox_carts (
  ref TEXT PRIMARY KEY,
  lines TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sandbox_orders (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE,
  checkout_id TEXT NOT NULL,
  input TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'cash_on_delivery', 'cancelled')),
  payment_provider TEXT,
  transaction_id TEXT,
  created_at TEXT NOT NULL,
  paid_at TEXT,
  cancelled_at TEXT,
  cancel_reason TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS sandbox_orders_checkout ON sandbox_orders (checkout_id);
`;

/** An unguessable id: the prefix plus 24 base64url characters (144 random bits). */
export const randomRef = (prefix: string): string => `${prefix}${randomBytes(18).toString('base64url')}`;

function toOrder(row: OrderRow): SandboxOrder {
  return {
    id: row.id,
    number: row.number,
    idempotencyKey: row.idempotency_key,
    checkoutId: row.checkout_id,
    status: row.status,
    input: JSON.parse(row.input) as PlaceOrderInput,
    ...(row.payment_provider === null || row.transaction_id === null
      ? {}
      : { payment: { provider: row.payment_provider, transactionId: row.transaction_id } }),
    createdAt: row.created_at,
    ...(row.paid_at === null ? {} : { paidAt: row.paid_at }),
    ...(row.cancelled_at === null ? {} : { cancelledAt: row.cancelled_at }),
    ...(row.cancel_reason === null ? {} : { cancelReason: row.cancel_reason }),
  };
}

/**
 * SQLite persistence of sandbox carts and orders. Tables carry a `sandbox_` prefix because the
 * server may keep its own tables in the same file. All methods are synchronous.
 */
export class SandboxStore {
  readonly db: EnhancedDatabaseSync<DatabaseSyncInstance>;
  private readonly ownsDb: boolean;
  private readonly statements = new Map<string, StatementSyncInstance>();

  /**
   * @param db an open database (`@photostructure/sqlite`, or `node:sqlite` where Node has it), or a
   *   filename (`':memory:'` for tests).
   */
  constructor(db: DatabaseSyncInstance | string) {
    this.ownsDb = typeof db === 'string';
    // enhance() adds pragma() and transaction(); a database that has them already is left as it is.
    this.db = enhance(typeof db === 'string' ? new DatabaseSync(db) : db);
    // The busy timeout before switching to WAL, which needs a lock too.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  /** Prepared once per SQL text: preparing is most of the cost of a small query. */
  private sql(text: string): StatementSyncInstance {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  insertCart(lines: readonly StoredCartLine[], createdAt: string): string {
    const ref = randomRef('cart_');
    this.sql('INSERT INTO sandbox_carts (ref, lines, created_at) VALUES (?, ?, ?)').run(
      ref,
      JSON.stringify(lines),
      createdAt,
    );
    return ref;
  }

  findCart(ref: string): StoredCartLine[] | undefined {
    const row = this.sql('SELECT lines FROM sandbox_carts WHERE ref = ?').get(ref) as
      | { lines: string }
      | undefined;
    return row === undefined ? undefined : (JSON.parse(row.lines) as StoredCartLine[]);
  }

  /**
   * Inserts the order unless its idempotency key exists, in one immediate (write-locked)
   * transaction, so two placements with the same key can never both insert.
   */
  placeOnce(input: PlaceOrderInput, status: OrderStatus, createdAt: string): SandboxOrder {
    const place = this.db.transaction((): SandboxOrder => {
      const existing = this.sql('SELECT * FROM sandbox_orders WHERE idempotency_key = ?').get(
        input.idempotencyKey,
      ) as OrderRow | undefined;
      if (existing !== undefined) {
        if (existing.checkout_id !== input.checkoutId) {
          throw new KasaError('idempotency_conflict', { details: { orderId: existing.id } });
        }
        return toOrder(existing);
      }
      const { next } = this.sql('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM sandbox_orders').get() as {
        next: number;
      };
      this.sql(
        `INSERT INTO sandbox_orders (seq, id, number, idempotency_key, checkout_id, input, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        next,
        randomRef('ord_'),
        `KS-${String(next).padStart(6, '0')}`,
        input.idempotencyKey,
        input.checkoutId,
        JSON.stringify(input),
        status,
        createdAt,
      );
      return toOrder(this.sql('SELECT * FROM sandbox_orders WHERE seq = ?').get(next) as OrderRow);
    });
    return place.immediate();
  }

  findOrder(id: string): SandboxOrder | undefined {
    const row = this.sql('SELECT * FROM sandbox_orders WHERE id = ?').get(id) as OrderRow | undefined;
    return row === undefined ? undefined : toOrder(row);
  }

  /** The first order placed for a checkout (a checkout places at most one). */
  findOrderByCheckout(checkoutId: string): SandboxOrder | undefined {
    const row = this.sql('SELECT * FROM sandbox_orders WHERE checkout_id = ? ORDER BY seq LIMIT 1').get(
      checkoutId,
    ) as OrderRow | undefined;
    return row === undefined ? undefined : toOrder(row);
  }

  listOrders(): SandboxOrder[] {
    const rows = this.sql('SELECT * FROM sandbox_orders ORDER BY seq').all() as OrderRow[];
    return rows.map(toOrder);
  }

  countOrders(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM sandbox_orders').get() as { n: number }).n;
  }

  setPaid(id: string, payment: { provider: string; transactionId: string }, paidAt: string): void {
    this.sql(
      `UPDATE sandbox_orders SET status = 'paid', payment_provider = ?, transaction_id = ?, paid_at = ?
         WHERE id = ?`,
    ).run(payment.provider, payment.transactionId, paidAt, id);
  }

  setCancelled(id: string, reason: string, cancelledAt: string): void {
    this.sql(
      `UPDATE sandbox_orders SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?`,
    ).run(cancelledAt, reason, id);
  }

  /** Runs `fn` in one immediate transaction, so a read-check-write cannot interleave with another writer. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Closes the database if the store opened it; a shared one is left to its owner. */
  close(): void {
    if (this.ownsDb && this.db.isOpen) this.db.close();
  }
}
