import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './database.ts';
import { createSqliteExperimentStore, type ExperimentAction } from './experiment-store.ts';

interface Toy {
  readonly key: string;
  readonly status: string;
}
const parseToy = (json: unknown): Toy => {
  const value = json as Toy;
  if (typeof value.key !== 'string' || typeof value.status !== 'string') throw new Error('not a toy');
  return { key: value.key, status: value.status };
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-experiments-'));
  dirs.push(dir);
  return join(dir, 'kasa.db');
};

describe('SQLite experiment store', () => {
  it('seeds the configuration once, and never again once anything is stored', () => {
    const store = createSqliteExperimentStore(openSqlite(':memory:'), parseToy);
    expect(store.seedIfEmpty([{ key: 'a', status: 'running' }], 1000)).toBe(true);
    expect(store.seedIfEmpty([{ key: 'b', status: 'draft' }], 2000)).toBe(false);
    expect(store.list()).toEqual([{ key: 'a', status: 'running' }]);
    expect(store.audit(10)).toEqual([
      { at: 1000, experiment: 'a', action: 'seeded', actor: 'config', detail: {} },
    ]);
  });

  it('saves a change with its audit entry; the audit reads newest first and is limited', () => {
    const store = createSqliteExperimentStore(openSqlite(':memory:'), parseToy);
    store.save(
      { key: 'a', status: 'draft' },
      { at: 1, experiment: 'a', action: 'created', actor: 'dashboard', detail: {} },
    );
    store.save(
      { key: 'b', status: 'draft' },
      { at: 2, experiment: 'b', action: 'created', actor: 'cli', detail: {} },
    );
    store.save(
      { key: 'a', status: 'running' },
      { at: 3, experiment: 'a', action: 'started', actor: 'cli', detail: { phase: 1 } },
    );
    expect(store.get('a')).toEqual({ key: 'a', status: 'running' });
    expect(store.get('missing')).toBeUndefined();
    expect(store.list().map((e) => e.key)).toEqual(['a', 'b']);
    expect(store.audit(2)).toEqual([
      { at: 3, experiment: 'a', action: 'started', actor: 'cli', detail: { phase: 1 } },
      { at: 2, experiment: 'b', action: 'created', actor: 'cli', detail: {} },
    ]);
  });

  it('writes nothing when the audit entry is refused (one transaction)', () => {
    const store = createSqliteExperimentStore(openSqlite(':memory:'), parseToy);
    expect(() =>
      store.save(
        { key: 'a', status: 'draft' },
        // An action the table's CHECK refuses.
        {
          at: 1,
          experiment: 'a',
          action: 'deleted' as unknown as ExperimentAction,
          actor: 'cli',
          detail: {},
        },
      ),
    ).toThrow();
    expect(store.list()).toEqual([]);
  });

  it('sees a change committed by another connection to the same file, and keeps it after reopening', () => {
    const file = tempFile();
    const server = createSqliteExperimentStore(openSqlite(file), parseToy);
    server.seedIfEmpty([{ key: 'a', status: 'running' }], 1);
    expect(server.list()).toEqual([{ key: 'a', status: 'running' }]);
    const cliDb = openSqlite(file);
    createSqliteExperimentStore(cliDb, parseToy).save(
      { key: 'a', status: 'stopped' },
      { at: 2, experiment: 'a', action: 'stopped', actor: 'cli', detail: {} },
    );
    cliDb.close();
    expect(server.list()).toEqual([{ key: 'a', status: 'stopped' }]);
    const reopened = createSqliteExperimentStore(openSqlite(file), parseToy);
    expect(reopened.seedIfEmpty([{ key: 'a', status: 'running' }], 3)).toBe(false);
    expect(reopened.list()).toEqual([{ key: 'a', status: 'stopped' }]);
  });
});
