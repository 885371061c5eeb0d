import { KasaError, type OrderJournal, type PlacedOrder, type PlacementRecord } from '@kasa/core';
import type { SqliteDatabase } from './database.ts';

interface PlacementRow {
  idempotency_key: string;
  checkout_id: string;
  state: 'pending' | 'placed';
  order_json: string | null;
}

const toRecord = (row: PlacementRow): PlacementRecord => ({
  idempotencyKey: row.idempotency_key,
  checkoutId: row.checkout_id,
  state: row.state,
  ...(row.order_json === null ? {} : { order: JSON.parse(row.order_json) as PlacedOrder }),
});

/** The order journal on SQLite. One placement per checkout and per idempotency key. */
export function createSqliteOrderJournal(
  db: SqliteDatabase,
  now: () => Date = () => new Date(),
): OrderJournal {
  const byKey = db.prepare<[string], PlacementRow>('SELECT * FROM kasa_placements WHERE idempotency_key = ?');
  const byCheckout = db.prepare<[string], PlacementRow>(
    'SELECT * FROM kasa_placements WHERE checkout_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO kasa_placements (idempotency_key, checkout_id, state, created_at, updated_at)
     VALUES (?, ?, 'pending', ?, ?)`,
  );
  const markPlaced = db.prepare(
    `UPDATE kasa_placements SET state = 'placed', order_json = ?, updated_at = ? WHERE idempotency_key = ?`,
  );

  const begin = db.transaction((idempotencyKey: string, checkoutId: string): PlacementRecord => {
    const existing = byKey.get(idempotencyKey) ?? byCheckout.get(checkoutId);
    if (existing) {
      if (existing.checkout_id !== checkoutId) {
        throw new KasaError('idempotency_conflict', { details: { checkoutId } });
      }
      return toRecord(existing);
    }
    const at = now().toISOString();
    insert.run(idempotencyKey, checkoutId, at, at);
    // Only this call says `fresh`: no earlier attempt with this key can have reached the platform.
    return { idempotencyKey, checkoutId, state: 'pending', fresh: true };
  });

  return {
    async begin({ idempotencyKey, checkoutId }) {
      return begin.immediate(idempotencyKey, checkoutId);
    },
    async complete({ idempotencyKey, order }) {
      markPlaced.run(JSON.stringify(order), now().toISOString(), idempotencyKey);
      const row = byKey.get(idempotencyKey);
      if (!row) throw new Error(`No placement was begun for key ${idempotencyKey}`);
      return toRecord(row);
    },
    async findByCheckout(checkoutId) {
      const row = byCheckout.get(checkoutId);
      return row ? toRecord(row) : undefined;
    },
  };
}
