import type { SqliteDatabase } from './database.ts';

/**
 * Tokens a shop platform hands out and takes back on the next refresh (Shoper's AppStore refresh
 * token), kept beside the orders so a restart starts from the newest one, not the one first
 * configured. Keyed by who holds it, e.g. `shoper:<clientId>`. Server-side only: never logged.
 */
export interface PlatformTokens {
  get(holder: string): string | undefined;
  put(holder: string, token: string): void;
  /** Forgets the holder's token (the application was removed from the shop). */
  drop(holder: string): void;
}

/**
 * Platform tokens in the embedded SQLite file (the `kasa_settings` key-value table).
 *
 * @example
 * const tokens = createSqlitePlatformTokens(db);
 * tokens.put('shoper:app-1', 'refresh-2');
 * tokens.get('shoper:app-1'); // 'refresh-2'
 */
export function createSqlitePlatformTokens(db: SqliteDatabase): PlatformTokens {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM kasa_settings WHERE key = ?');
  const write = db.prepare(
    'INSERT INTO kasa_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare('DELETE FROM kasa_settings WHERE key = ?');
  const keyOf = (holder: string) => `platform-token:${holder}`;
  return {
    get: (holder) => read.get(keyOf(holder))?.value,
    put(holder, token) {
      write.run(keyOf(holder), token);
    },
    drop(holder) {
      remove.run(keyOf(holder));
    },
  };
}
