import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteCheckoutStore } from './checkout-store.ts';
import { openSqlite, type SqliteDatabase } from './database.ts';
import { createSqlitePaymentStore } from './payment-store.ts';

const intent = {
  paymentId: 'pay_1',
  checkoutId: 'chk_a',
  orderId: 'ord_1',
  provider: 'sandbox',
  requestedBy: 'merchant',
  reason: 'merchant_request',
} as const;

function paidAttempt(db: SqliteDatabase) {
  createSqliteCheckoutStore(db).insert({ id: 'chk_a', cartRef: 'cart_a', data: {} });
  const payments = createSqlitePaymentStore(db);
  payments.insert({
    id: 'pay_1',
    checkoutId: 'chk_a',
    orderId: 'ord_1',
    provider: 'sandbox',
    providerRef: 'SBX1',
    method: 'blik',
    status: 'paid',
  });
  return payments;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite refund store', () => {
  it('records one refund per attempt: a second begin finds the first and writes nothing', () => {
    const { refunds } = paidAttempt(openSqlite(':memory:'));
    const first = refunds.begin(intent);
    expect(first).toMatchObject({ created: true, refund: { status: 'refund_pending', tries: 1 } });
    const second = refunds.begin({ ...intent, requestedBy: 'shop_webhook', reason: 'order_cancelled' });
    expect(second.created).toBe(false);
    expect(second.refund).toMatchObject({ requestedBy: 'merchant', reason: 'merchant_request' });
  });

  it('keeps the outcome: the refund id when refunded, the cause when it failed', () => {
    const { refunds } = paidAttempt(openSqlite(':memory:'));
    refunds.begin(intent);
    expect(refunds.finish('pay_1', { status: 'refund_failed', cause: 'upstream_unavailable' })).toMatchObject(
      {
        status: 'refund_failed',
        cause: 'upstream_unavailable',
      },
    );
    expect(refunds.listByStatus('refund_failed').map((r) => r.paymentId)).toEqual(['pay_1']);
    const again = refunds.retake('pay_1', 1);
    expect(again).toMatchObject({ status: 'refund_pending', tries: 2 });
    const done = refunds.finish('pay_1', { status: 'refunded', refundRef: 'RFND1' });
    expect(done).toMatchObject({ status: 'refunded', refundRef: 'RFND1' });
    expect(done.cause).toBeUndefined();
    expect(refunds.listByStatus('refund_failed')).toEqual([]);
  });

  it('lets only one caller take a refund over for another try, and never a finished one', () => {
    const { refunds } = paidAttempt(openSqlite(':memory:'));
    refunds.begin(intent);
    expect(refunds.retake('pay_1', 1)).toBeDefined();
    // The second caller read tries = 1 too: someone took it meanwhile.
    expect(refunds.retake('pay_1', 1)).toBeUndefined();
    refunds.finish('pay_1', { status: 'refunded', refundRef: 'RFND1' });
    expect(refunds.retake('pay_1', 2)).toBeUndefined();
    expect(refunds.get('pay_1')?.status).toBe('refunded');
  });

  it('keeps a pending refund across a reopen of the file, and finds attempts by order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-refunds-'));
    dirs.push(dir);
    const file = join(dir, 'kasa.db');
    const db = openSqlite(file);
    paidAttempt(db).refunds.begin(intent);
    db.close();
    const reopened = createSqlitePaymentStore(openSqlite(file));
    expect(reopened.refunds.get('pay_1')?.status).toBe('refund_pending');
    expect(reopened.listByOrder('ord_1').map((p) => p.id)).toEqual(['pay_1']);
    expect(reopened.listByOrder('ord_2')).toEqual([]);
  });
});
