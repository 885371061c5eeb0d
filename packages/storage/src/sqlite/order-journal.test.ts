import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteCheckoutStore } from './checkout-store.ts';
import { openSqlite } from './database.ts';
import { migrations } from './migrations.ts';
import { createSqliteOrderJournal } from './order-journal.ts';

const order = {
  id: 'o1',
  number: 'KS-1',
  total: { amount: 1299, currency: 'PLN' },
  createdAt: '2026-01-01T00:00:00Z',
};

function setup() {
  const db = openSqlite(':memory:');
  const checkouts = createSqliteCheckoutStore(db);
  checkouts.insert({ id: 'chk_a', cartRef: 'cart_a', data: {} });
  checkouts.insert({ id: 'chk_b', cartRef: 'cart_b', data: {} });
  return { db, journal: createSqliteOrderJournal(db) };
}

describe('SQLite order journal', () => {
  it('records intent, then the placed order, under one key', async () => {
    const { journal } = setup();
    expect(await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' })).toEqual({
      idempotencyKey: 'k1',
      checkoutId: 'chk_a',
      state: 'pending',
      fresh: true,
    });
    await journal.complete({ idempotencyKey: 'k1', order });
    expect(await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' })).toMatchObject({
      state: 'placed',
      order,
    });
  });

  it('says `fresh` only on the call that recorded the intent', async () => {
    const { journal } = setup();
    expect((await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' })).fresh).toBe(true);
    // A repeat (a retry, or a restart after a crash) may follow an attempt that reached the platform.
    expect(await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' })).not.toHaveProperty('fresh');
    expect(await journal.begin({ idempotencyKey: 'k2', checkoutId: 'chk_a' })).not.toHaveProperty('fresh');
    expect(await journal.findByCheckout('chk_a')).not.toHaveProperty('fresh');
    await journal.complete({ idempotencyKey: 'k1', order });
    expect(await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' })).not.toHaveProperty('fresh');
  });

  it('returns the existing placement when a checkout is placed again with a new key', async () => {
    const { journal } = setup();
    await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' });
    const again = await journal.begin({ idempotencyKey: 'k2', checkoutId: 'chk_a' });
    expect(again.idempotencyKey).toBe('k1');
  });

  it('refuses a key that belongs to another checkout', async () => {
    const { journal } = setup();
    await journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' });
    await expect(journal.begin({ idempotencyKey: 'k1', checkoutId: 'chk_b' })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
  });

  it('keeps a pending placement across a reopen of the file (crash before completion)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kasa-journal-')), 'kasa.db');
    const first = openSqlite(file);
    createSqliteCheckoutStore(first).insert({ id: 'chk_a', cartRef: 'cart_a', data: {} });
    await createSqliteOrderJournal(first).begin({ idempotencyKey: 'k1', checkoutId: 'chk_a' });
    first.close();
    const reopened = createSqliteOrderJournal(openSqlite(file));
    expect(await reopened.findByCheckout('chk_a')).toMatchObject({ state: 'pending', idempotencyKey: 'k1' });
  });

  it('applies migrations once, so reopening an existing file is safe', () => {
    const { db } = setup();
    const versions = db.prepare('SELECT version FROM kasa_migrations').all();
    expect(versions).toEqual(migrations.map(({ version }) => ({ version })));
  });
});
