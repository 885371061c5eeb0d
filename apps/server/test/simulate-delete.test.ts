import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '@kasa/storage';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const dir = mkdtempSync(join(tmpdir(), 'kasa-simulate-delete-'));
const database = join(dir, 'kasa.db');

const run = (args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [tsx, cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', KASA_DB: database },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });

const count = (sql: string): number => {
  const db = openSqlite(database);
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('kasa simulate --delete and kasa report by default', () => {
  it('leaves simulated checkouts out of the report, then deletes them from the store', async () => {
    const written = await run(['simulate', '--checkouts', '40', '--days', '3', '--seed', '5']);
    expect(written.code, written.err).toBe(0);
    const carts = count('SELECT COUNT(*) AS n FROM kasa_checkout_summaries WHERE simulated = 1');
    expect(carts).toBe(40);
    const events = count('SELECT COUNT(*) AS n FROM kasa_events');

    const report = await run(['report', '--json']);
    expect(report.code, report.err).toBe(0);
    const body = JSON.parse(report.out);
    expect(body.filters.simulated).toBe(false);
    expect(body.headline.cartAbandonment.total + body.headline.cartAbandonment.pending).toBe(0);
    expect(body.simulatedHidden).toBeGreaterThan(0);
    const both = JSON.parse((await run(['report', '--json', '--simulated', 'both'])).out);
    expect(both.headline.cartAbandonment.total + both.headline.cartAbandonment.pending).toBe(40);
    expect(both.simulatedHidden).toBe(0);

    expect((await run(['simulate', '--delete', '--checkouts', '5'])).code).not.toBe(0);
    const deleted = await run(['simulate', '--delete']);
    expect(deleted.code, deleted.err).toBe(0);
    expect(deleted.err).toContain(`Deleted 40 simulated checkouts and their ${events} events`);
    expect(count('SELECT COUNT(*) AS n FROM kasa_events')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM kasa_checkout_summaries')).toBe(0);
    const after = JSON.parse((await run(['report', '--json', '--simulated', 'both'])).out);
    expect(after.simulatedHidden).toBe(0);
    expect(after.headline.cartAbandonment.total).toBe(0);
  }, 60_000);
});
