import { RecentMap } from '@kasa/core';
import type { SqliteDatabase } from './database.ts';

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

/** Checkouts whose parsed data is kept, so reading an unchanged row parses no JSON; the oldest go first. */
const PARSED_KEPT = 10_000;

/** JSON.parse of each checkout's stored data, again only when the text changed. */
function dataParser(): (row: CheckoutRow) => unknown {
  const parsed = new RecentMap<string, { readonly json: string; readonly data: unknown }>(PARSED_KEPT);
  return (row) => {
    const kept = parsed.get(row.id);
    if (kept?.json === row.data) return kept.data;
    const data: unknown = JSON.parse(row.data);
    parsed.set(row.id, { json: row.data, data });
    return data;
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
  const dataOf = dataParser();
  const toStored = (row: CheckoutRow): StoredCheckout => ({
    id: row.id,
    cartRef: row.cart_ref,
    data: dataOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const update = db.prepare('UPDATE kasa_checkouts SET data = ?, updated_at = ? WHERE id = ?');
  const updateCartRef = db.prepare('UPDATE kasa_checkouts SET cart_ref = ?, updated_at = ? WHERE id = ?');

  const read = (id: string): StoredCheckout => {
    const row = select.get(id);
    if (!row) throw new Error(`Checkout ${id} vanished from the store`);
    return toStored(row);
  };

  return {
    insert({ id, cartRef, data }) {
      const at = now().toISOString();
      insert.run(id, cartRef, JSON.stringify(data), at, at);
      return read(id);
    },
    get(id) {
      const row = select.get(id);
      return row ? toStored(row) : undefined;
    },
    update(id, data) {
      update.run(JSON.stringify(data), now().toISOString(), id);
      return read(id);
    },
    setCartRef(id, cartRef) {
      updateCartRef.run(cartRef, now().toISOString(), id);
      return read(id);
    },
  };
}
