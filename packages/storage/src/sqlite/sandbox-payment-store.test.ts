import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './database.ts';
import { createSqliteSandboxPaymentStore, type StoredSandboxAttempt } from './sandbox-payment-store.ts';

const T0 = 1_700_000_000_000;

const blik = (n: number, extra: Partial<StoredSandboxAttempt> = {}): StoredSandboxAttempt => ({
  attemptId: `pay_${n}`,
  providerRef: `SBX${n}`,
  kind: 'blik',
  amount: { amount: 12_300, currency: 'PLN' },
  notifyUrl: 'http://127.0.0.1:3000/api/payments/notify/sandbox',
  returnUrl: 'http://127.0.0.1:3000/',
  startedAt: T0 + n,
  confirmBy: T0 + n + 60_000,
  answer: 'approve',
  answerAt: T0 + n + 2_000,
  notified: false,
  ...extra,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite sandbox payment store', () => {
  it('keeps an attempt, with its deadlines, through closing and reopening the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-sandbox-store-'));
    dirs.push(dir);
    const file = join(dir, 'kasa.db');
    const first = openSqlite(file);
    createSqliteSandboxPaymentStore(first).insert(blik(1));
    first.close();

    const again = openSqlite(file);
    const store = createSqliteSandboxPaymentStore(again);
    expect(store.get('SBX1')).toEqual(blik(1));
    expect(store.getByAttemptId('pay_1')).toEqual(blik(1));
    again.close();
  });

  it('stores an attempt without the BLIK fields (pay-by-link) as it was given', () => {
    const store = createSqliteSandboxPaymentStore(openSqlite(':memory:'));
    const { confirmBy: _c, answer: _a, answerAt: _t, ...pbl } = blik(2, { kind: 'pbl' });
    store.insert(pbl);
    expect(store.get('SBX2')).toEqual(pbl);
  });

  it('lets the first final outcome stand', () => {
    const store = createSqliteSandboxPaymentStore(openSqlite(':memory:'));
    store.insert(blik(1));
    expect(store.settle('SBX1', { status: 'paid' })).toEqual({ status: 'paid' });
    expect(store.settle('SBX1', { status: 'cancelled', reason: 'payment_cancelled' })).toEqual({
      status: 'paid',
    });
    expect(store.get('SBX1')?.settled).toEqual({ status: 'paid' });
  });

  it('marks an attempt notified once', () => {
    const store = createSqliteSandboxPaymentStore(openSqlite(':memory:'));
    store.insert(blik(1));
    expect(store.markNotified('SBX1')).toBe(true);
    expect(store.markNotified('SBX1')).toBe(false);
    expect(store.markNotified('SBX-unknown')).toBe(false);
    expect(store.get('SBX1')?.notified).toBe(true);
  });

  it('lists the attempts still open, oldest first, and every attempt', () => {
    const store = createSqliteSandboxPaymentStore(openSqlite(':memory:'));
    store.insert(blik(3));
    store.insert(blik(1));
    store.insert(blik(2, { settled: { status: 'failed', reason: 'blik_code_used' } }));
    expect(store.listOpen().map((a) => a.providerRef)).toEqual(['SBX1', 'SBX3']);
    expect(store.list().map((a) => a.providerRef)).toEqual(['SBX1', 'SBX2', 'SBX3']);
    expect(store.get('SBX2')?.settled).toEqual({ status: 'failed', reason: 'blik_code_used' });
  });

  it('answers undefined for a reference it does not have', () => {
    const store = createSqliteSandboxPaymentStore(openSqlite(':memory:'));
    expect(store.get('SBX404')).toBeUndefined();
    expect(store.getByAttemptId('pay_404')).toBeUndefined();
  });
});
