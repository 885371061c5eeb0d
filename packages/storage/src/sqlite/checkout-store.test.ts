import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteCheckoutStore } from './checkout-store.ts';
import { openSqlite, type SqliteDatabase } from './database.ts';

describe('SQLite checkout store', () => {
  const opened: SqliteDatabase[] = [];
  let folder: string | undefined;
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });
  /** Two connections to one file, as two processes (or the server and its writer thread) have. */
  const twoConnections = () => {
    folder = mkdtempSync(join(tmpdir(), 'kasa-checkout-store-'));
    const file = join(folder, 'kasa.db');
    opened.push(openSqlite(file), openSqlite(file));
    return opened as [SqliteDatabase, SqliteDatabase];
  };

  it('hands back the same parsed data while the stored JSON is unchanged, and new data once it changes', () => {
    const db = openSqlite(':memory:');
    opened.push(db);
    const checkouts = createSqliteCheckoutStore(db);
    checkouts.insert({ id: 'chk_1', cartRef: 'cart_1', data: { locale: 'pl' } });

    const first = checkouts.get('chk_1')?.data;
    expect(checkouts.get('chk_1')?.data).toBe(first);

    checkouts.update('chk_1', { locale: 'en' });
    const changed = checkouts.get('chk_1')?.data;
    expect(changed).toEqual({ locale: 'en' });
    expect(changed).not.toBe(first);
    expect(checkouts.setCartRef('chk_1', 'cart_2')).toMatchObject({ cartRef: 'cart_2', data: changed });
    expect(checkouts.get('chk_1')?.cartRef).toBe('cart_2');
    expect(checkouts.get('chk_nope')).toBeUndefined();
  });

  it('reads the row again once another connection has committed, keeping data whose JSON did not change', () => {
    const [mine, other] = twoConnections();
    const checkouts = createSqliteCheckoutStore(mine);
    checkouts.insert({ id: 'chk_1', cartRef: 'cart_1', data: { locale: 'pl' } });
    const first = checkouts.get('chk_1');

    other.prepare('UPDATE kasa_checkouts SET cart_ref = ? WHERE id = ?').run('cart_2', 'chk_1');
    const moved = checkouts.get('chk_1');
    expect(moved?.cartRef).toBe('cart_2');
    expect(moved?.data).toBe(first?.data);

    other.prepare('UPDATE kasa_checkouts SET data = ? WHERE id = ?').run('{"locale":"en"}', 'chk_1');
    expect(checkouts.get('chk_1')?.data).toEqual({ locale: 'en' });

    other.prepare('DELETE FROM kasa_checkouts WHERE id = ?').run('chk_1');
    expect(checkouts.get('chk_1')).toBeUndefined();
  });

  it('forgets what a rolled-back transaction wrote', () => {
    const db = openSqlite(':memory:');
    opened.push(db);
    const checkouts = createSqliteCheckoutStore(db);
    checkouts.insert({ id: 'chk_1', cartRef: 'cart_1', data: { locale: 'pl' } });
    checkouts.get('chk_1');

    const changeThenFail = db.transaction(() => {
      checkouts.update('chk_1', { locale: 'en' });
      expect(checkouts.get('chk_1')?.data).toEqual({ locale: 'en' });
      throw new Error('the order could not be placed');
    });
    expect(() => changeThenFail()).toThrow('the order could not be placed');
    expect(checkouts.get('chk_1')?.data).toEqual({ locale: 'pl' });
  });
});
