import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from './database.ts';
import { createSqliteGa4Outbox } from './ga4-outbox.ts';

const dir = mkdtempSync(join(tmpdir(), 'kasa-ga4-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the GA4 outbox', () => {
  it('queues a purchase once and hands it out when due, leased so a second sender skips it', () => {
    const outbox = createSqliteGa4Outbox(openSqlite(':memory:'));
    expect(outbox.add({ id: 'purchase-ord_1', body: '{"a":1}', now: 1_000 })).toBe(true);
    expect(outbox.add({ id: 'purchase-ord_1', body: '{"a":2}', now: 1_500 })).toBe(false);
    const [entry, ...rest] = outbox.claim({ now: 1_000, leaseUntil: 61_000, limit: 10 });
    expect(rest).toEqual([]);
    expect(entry).toEqual({ id: 'purchase-ord_1', body: '{"a":1}', queuedAt: 1_000, attempts: 0 });
    expect(outbox.claim({ now: 2_000, leaseUntil: 62_000, limit: 10 })).toEqual([]);
    // A sender that died holding it: the lease runs out and the row is due again.
    expect(outbox.claim({ now: 61_000, leaseUntil: 121_000, limit: 10 })).toHaveLength(1);
  });

  it('keeps a failed request with its attempts until its retry time, and forgets a sent one', () => {
    const outbox = createSqliteGa4Outbox(openSqlite(':memory:'));
    outbox.add({ id: 'p1', body: '{}', now: 0 });
    outbox.add({ id: 'p2', body: '{}', now: 0 });
    outbox.claim({ now: 0, leaseUntil: 100, limit: 10 });
    outbox.retryAt({ id: 'p1', at: 5_000, error: 'status 503' });
    outbox.remove('p2');
    expect(outbox.pending()).toEqual({ count: 1, nextAt: 5_000 });
    expect(outbox.claim({ now: 4_999, leaseUntil: 9_999, limit: 10 })).toEqual([]);
    expect(outbox.claim({ now: 5_000, leaseUntil: 9_999, limit: 10 })).toEqual([
      { id: 'p1', body: '{}', queuedAt: 0, attempts: 1 },
    ]);
    outbox.remove('p1');
    expect(outbox.pending()).toEqual({ count: 0, nextAt: undefined });
  });

  it('survives closing and reopening the file', () => {
    const file = join(dir, 'kasa.db');
    const first = openSqlite(file);
    createSqliteGa4Outbox(first).add({ id: 'p1', body: '{"x":1}', now: 10 });
    first.close();
    const again = createSqliteGa4Outbox(openSqlite(file));
    expect(again.claim({ now: 10, leaseUntil: 20, limit: 1 })).toEqual([
      { id: 'p1', body: '{"x":1}', queuedAt: 10, attempts: 0 },
    ]);
  });
});
