import { RecentMap } from '@kasa/core';
import type { SqliteDatabase, SqliteStatement } from './database.ts';

export interface StoredCheckout {
  readonly id: string;
  readonly cartRef: string;
  /**
   * The server's checkout data, parsed from its JSON; the server reads it with its own schema. The
   * same object while the stored JSON is unchanged: read-only.
   */
  readonly data: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CheckoutStore {
  insert(input: { id: string; cartRef: string; data: unknown }): StoredCheckout;
  get(id: string): StoredCheckout | undefined;
  update(id: string, data: unknown): StoredCheckout;
  /** Points the checkout at another platform cart (the shopper changed the cart before ordering). */
  setCartRef(id: string, cartRef: string): StoredCheckout;
}

interface CheckoutRow {
  id: string;
  cart_ref: string;
  data: string;
  created_at: string;
  updated_at: string;
}

/** Checkouts kept in memory; the oldest go first. */
const KEPT = 10_000;

interface Kept {
  readonly json: string;
  readonly stored: StoredCheckout;
  /** The PRAGMA data_version at which the row was last read or written here; NaN: read it again. */
  readonly version: number;
}

/**
 * Rows this connection read or wrote (only this store writes kasa_checkouts on it), answered from
 * memory while no other connection has committed: SQLite's PRAGMA data_version tells that in a
 * third of a row's read, and changes with any commit by another process or thread on the file. A
 * row read again whose JSON is unchanged keeps its parsed data, the same object, so nothing above
 * parses it twice. Inside a transaction no row counts as confirmed: a rollback would leave memory
 * ahead of the file.
 */
function keptRows(db: SqliteDatabase, select: SqliteStatement<[string], CheckoutRow>) {
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  const currentVersion = () => dataVersion.get()?.data_version ?? Number.NaN;
  const kept = new RecentMap<string, Kept>(KEPT);

  const read = (id: string, version: number): StoredCheckout | undefined => {
    const row = select.get(id);
    if (!row) {
      kept.delete(id);
      return undefined;
    }
    const before = kept.get(row.id);
    const data: unknown = before?.json === row.data ? before.stored.data : JSON.parse(row.data);
    const stored = {
      id: row.id,
      cartRef: row.cart_ref,
      data,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    kept.set(row.id, { json: row.data, stored, version: db.isTransaction ? Number.NaN : version });
    return stored;
  };

  return {
    get(id: string): StoredCheckout | undefined {
      const version = currentVersion();
      const known = kept.get(id);
      return known && known.version === version ? known.stored : read(id, version);
    },
    /** After this connection wrote the row: read it back (a write does not change data_version). */
    written(id: string): StoredCheckout {
      const stored = read(id, currentVersion());
      if (!stored) throw new Error(`Checkout ${id} vanished from the store`);
      return stored;
    },
  };
}

export function createSqliteCheckoutStore(
  db: SqliteDatabase,
  now: () => Date = () => new Date(),
): CheckoutStore {
  const select = db.prepare<[string], CheckoutRow>('SELECT * FROM kasa_checkouts WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO kasa_checkouts (id, cart_ref, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const update = db.prepare('UPDATE kasa_checkouts SET data = ?, updated_at = ? WHERE id = ?');
  const updateCartRef = db.prepare('UPDATE kasa_checkouts SET cart_ref = ?, updated_at = ? WHERE id = ?');
  const rows = keptRows(db, select);

  return {
    insert({ id, cartRef, data }) {
      const at = now().toISOString();
      insert.run(id, cartRef, JSON.stringify(data), at, at);
      return rows.written(id);
    },
    get: rows.get,
    update(id, data) {
      update.run(JSON.stringify(data), now().toISOString(), id);
      return rows.written(id);
    },
    setCartRef(id, cartRef) {
      updateCartRef.run(cartRef, now().toISOString(), id);
      return rows.written(id);
    },
  };
}
