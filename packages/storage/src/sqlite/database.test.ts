import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './database.ts';
import { migrations } from './migrations.ts';
import { createThreadedSqliteEventStore } from './threaded-event-store.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'kasa-sqlite-')), 'kasa.db');

describe('openSqlite', () => {
  it('opens a file in WAL mode with every migration applied, and reopens it without applying them again', () => {
    const file = tempFile();
    const first = openSqlite(file);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    first.close();

    const again = openSqlite(file);
    const versions = again
      .prepare<[], { version: number }>('SELECT version FROM kasa_migrations ORDER BY version')
      .all()
      .map((row) => row.version);
    expect(versions).toEqual(migrations.map((m) => m.version));
    again.close();
  });

  it('waits for another process that holds the file locked, instead of failing to switch it to WAL', async () => {
    const file = tempFile();
    // Another process creates the file in rollback-journal mode and holds an exclusive lock for
    // a moment, as a second Kasa process or a backup tool may.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('@photostructure/sqlite');
         const db = new DatabaseSync(process.argv[1]);
         db.exec('BEGIN EXCLUSIVE; CREATE TABLE held (n INTEGER)');
         console.log('locked');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
        file,
      ],
      { cwd: import.meta.dirname },
    );
    const [chunk] = await once(holder.stdout, 'data');
    expect(String(chunk)).toContain('locked');
    const db = openSqlite(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT COUNT(*) AS n FROM held').get()).toEqual({ n: 0 });
    db.close();
    await once(holder, 'close');
  });

  it('rolls back a transaction that throws, and only the inner part of a nested one', () => {
    const db = openSqlite(':memory:');
    db.exec('CREATE TABLE t (n INTEGER NOT NULL)');
    const insert = db.prepare<[number]>('INSERT INTO t (n) VALUES (?)');
    const failing = db.transaction((n: number) => {
      insert.run(n);
      throw new Error('refused');
    });
    const outer = db.transaction(() => {
      insert.run(1);
      expect(() => failing(2)).toThrow('refused');
      insert.run(3);
    });

    outer.immediate();
    expect(() => failing(4)).toThrow('refused');

    expect(
      db
        .prepare<[], { n: number }>('SELECT n FROM t ORDER BY n')
        .all()
        .map((row) => row.n),
    ).toEqual([1, 3]);
    expect(db.isTransaction).toBe(false);
    db.close();
  });

  it('takes a second close without an error, so shutdown paths need not agree on who closes', () => {
    const db = openSqlite(':memory:');
    db.close();
    expect(() => db.close()).not.toThrow();
    expect(db.isOpen).toBe(false);
  });

  it('refuses a threaded event store on :memory:, which a worker thread cannot share', () => {
    const db = openSqlite(':memory:');
    expect(() => createThreadedSqliteEventStore(db)).toThrow(/needs a database file/);
    db.close();
  });
});
