import { createHash } from 'node:crypto';
import type { ShoperConfig } from '@kasa/adapter-shoper';
import { createSqlitePlatformTokens, type SqliteDatabase } from '@kasa/storage';

/**
 * An AppStore application's settings with the newest refresh token Kasa holds for them, and where
 * to keep the next one. Shoper may hand a new refresh token on each renewal; keeping it in the
 * database means a restart starts from it, not from the one first configured. The holder's key
 * carries a digest of the configured code or token, so configuring a new one starts afresh.
 * A WebAPI user (login and password) needs nothing kept.
 *
 * @example
 * const { settings, onTokens } = withKeptShoperTokens(settingsOf(store), db);
 * createShoperAdapter(settings, { onTokens });
 */
export function withKeptShoperTokens<S extends { readonly auth: ShoperConfig['auth'] }>(
  settings: S,
  db: SqliteDatabase | undefined,
): { settings: S; onTokens?: (tokens: { readonly refreshToken: string }) => void } {
  const auth = settings.auth;
  if (!db || !('clientId' in auth)) return { settings };
  const configured = auth.refreshToken ?? auth.authorizationCode ?? '';
  const digest = createHash('sha256').update(configured).digest('hex').slice(0, 16);
  const holder = `shoper:${auth.clientId}:${digest}`;
  const tokens = createSqlitePlatformTokens(db);
  const kept = tokens.get(holder);
  return {
    settings: kept ? { ...settings, auth: { ...auth, refreshToken: kept } } : settings,
    onTokens: (next) => tokens.put(holder, next.refreshToken),
  };
}
