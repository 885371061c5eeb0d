import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteCheckoutStore } from './checkout-store.ts';
import { openSqlite, type SqliteDatabase } from './database.ts';
import { migrations } from './migrations.ts';
import { createSqlitePaymentStore } from './payment-store.ts';

const attempt = {
  id: 'pay_1',
  checkoutId: 'chk_a',
  orderId: 'ord_1',
  provider: 'sandbox',
  method: 'blik',
  status: 'pending',
} as const;

function withCheckout(db: SqliteDatabase) {
  createSqliteCheckoutStore(db).insert({ id: 'chk_a', cartRef: 'cart_a', data: {} });
  return createSqlitePaymentStore(db);
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite payment store', () => {
  it('records an attempt before the provider answers, then takes the answer', () => {
    const store = withCheckout(openSqlite(':memory:'));
    const intent = store.insert(attempt);
    expect(intent.providerRef).toBeUndefined();
    const answered = store.attach('pay_1', { providerRef: 'SBX1', confirmBy: 1_700_000_060_000 });
    expect(answered).toMatchObject({ providerRef: 'SBX1', confirmBy: 1_700_000_060_000, status: 'pending' });
    expect(store.findByProviderRef('sandbox', 'SBX1')?.id).toBe('pay_1');
  });

  it('keeps many attempts still waiting for their provider answer side by side', () => {
    const store = withCheckout(openSqlite(':memory:'));
    store.insert(attempt);
    store.insert({ ...attempt, id: 'pay_2' });
    expect(store.listByCheckout('chk_a').map((p) => p.id)).toEqual(['pay_1', 'pay_2']);
  });

  it('lists the attempts with a status and reason, oldest change first', () => {
    let t = 0;
    const db = openSqlite(':memory:');
    createSqliteCheckoutStore(db).insert({ id: 'chk_a', cartRef: 'cart_a', data: {} });
    const store = createSqlitePaymentStore(db, () => new Date(1_700_000_000_000 + t++ * 1000));
    for (const id of ['pay_1', 'pay_2', 'pay_3']) store.insert({ ...attempt, id });
    store.updateStatus('pay_2', { status: 'paid', reason: 'order_unconfirmed' });
    store.updateStatus('pay_1', { status: 'paid', reason: 'order_unconfirmed' });
    store.updateStatus('pay_3', { status: 'failed', reason: 'order_unconfirmed' });
    expect(store.listByReason('paid', 'order_unconfirmed').map((p) => p.id)).toEqual(['pay_2', 'pay_1']);
    store.updateStatus('pay_2', { status: 'paid' });
    expect(store.listByReason('paid', 'order_unconfirmed').map((p) => p.id)).toEqual(['pay_1']);
  });

  it('keeps the attempts recorded before migration 5 rebuilt the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-payments-'));
    dirs.push(dir);
    const file = join(dir, 'kasa.db');
    // A file as version 4 left it: the table as migration 1 made it, with an attempt in it (and no
    // table of the later versions).
    const old = openSqlite(file);
    const v1 = migrations.find((m) => m.version === 1)?.sql ?? '';
    const table = v1.slice(
      v1.indexOf('CREATE TABLE kasa_payments'),
      v1.indexOf('CREATE INDEX kasa_payments'),
    );
    old.exec(
      `DROP TABLE kasa_refunds; DROP TABLE kasa_payments; ${table}; DELETE FROM kasa_migrations WHERE version >= 5;`,
    );
    createSqliteCheckoutStore(old).insert({ id: 'chk_a', cartRef: 'cart_a', data: {} });
    old
      .prepare(
        `INSERT INTO kasa_payments (id, checkout_id, order_id, provider, provider_ref, method, status,
           created_at, updated_at) VALUES ('pay_0', 'chk_a', 'ord_0', 'sandbox', 'SBX0', 'blik', 'paid', 't', 't')`,
      )
      .run();
    old.close();

    const store = createSqlitePaymentStore(openSqlite(file));
    expect(store.get('pay_0')).toMatchObject({ providerRef: 'SBX0', status: 'paid' });
    expect(store.insert({ ...attempt, id: 'pay_1' }).providerRef).toBeUndefined();
  });
});
