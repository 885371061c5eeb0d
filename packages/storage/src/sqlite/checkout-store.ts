import type { SqliteDatabase } from './database.ts';

export interface StoredCheckout {
  readonly id: string;
  readonly cartRef: string;
  /** The server's checkout data as JSON; the server parses it with its own schema. */
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

const toStored = (row: CheckoutRow): StoredCheckout => ({
  id: row.id,
  cartRef: row.cart_ref,
  data: JSON.parse(row.data),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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
