import { describe, expect, it } from 'vitest';
import { createSqliteCheckoutStore } from './checkout-store.ts';
import { openSqlite } from './database.ts';

describe('SQLite checkout store', () => {
  it('hands back the same parsed data while the stored JSON is unchanged, and new data once it changes', () => {
    const db = openSqlite(':memory:');
    const checkouts = createSqliteCheckoutStore(db);
    checkouts.insert({ id: 'chk_1', cartRef: 'cart_1', data: { locale: 'pl' } });

    const first = checkouts.get('chk_1')?.data;
    expect(checkouts.get('chk_1')?.data).toBe(first);

    checkouts.update('chk_1', { locale: 'en' });
    const changed = checkouts.get('chk_1')?.data;
    expect(changed).toEqual({ locale: 'en' });
    expect(changed).not.toBe(first);

    // Written behind the store's back (another process, a migration): read from the row, not remembered.
    db.prepare('UPDATE kasa_checkouts SET data = ? WHERE id = ?').run('{"locale":"pl","x":1}', 'chk_1');
    expect(checkouts.get('chk_1')?.data).toEqual({ locale: 'pl', x: 1 });
    db.close();
  });
});
