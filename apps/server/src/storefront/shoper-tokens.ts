import { createHash } from 'node:crypto';
import {
  type KeptGrant,
  type ShoperAdapter,
  type ShoperConfig,
  verifyAppstoreCallback,
} from '@kasa/adapter-shoper';
import { createSqlitePlatformTokens, type SqliteDatabase } from '@kasa/storage';

/** What the AppStore told Kasa, for the answer and the log (never the code itself). */
export interface AppstoreOutcome {
  readonly action: string;
}

/** The AppStore's callbacks to a listed application: `POST /api/shoper/appstore`. */
export interface ShoperAppstore {
  /** Verifies the raw form body; an install's code is kept and exchanged at once. */
  handle(rawBody: string): Promise<AppstoreOutcome>;
}

/**
 * The grant an AppStore application holds outside its configuration, kept in the database: the
 * authorization code an install brought, then the refresh token Shoper handed out last (Shoper may
 * hand a new one on each renewal; a restart starts from it, not from the one first configured). The
 * holder's key carries a digest of the configured code or token, so configuring a new one starts
 * afresh. A WebAPI user (login and password), or no database, keeps nothing.
 *
 * @example
 * const grants = keptShoperGrants(store, db);
 * createShoperAdapter(settings, { keptGrant: grants?.keptGrant, onTokens: grants?.onTokens });
 */
export function keptShoperGrants(settings: Pick<ShoperConfig, 'auth'>, db: SqliteDatabase | undefined) {
  const auth = settings.auth;
  if (!db || !('clientId' in auth)) return undefined;
  const configured = auth.refreshToken ?? auth.authorizationCode ?? '';
  const digest = createHash('sha256').update(configured).digest('hex').slice(0, 16);
  const holder = `shoper:${auth.clientId}:${digest}`;
  const tokens = createSqlitePlatformTokens(db);
  const keep = (grant: KeptGrant) => tokens.put(holder, JSON.stringify(grant));
  return {
    keptGrant(): KeptGrant | undefined {
      const kept = tokens.get(holder);
      return kept === undefined ? undefined : (JSON.parse(kept) as KeptGrant);
    },
    onTokens: (next: { readonly refreshToken: string }) => keep({ refreshToken: next.refreshToken }),
    /** An install's code: kept first (so a crash loses nothing), then exchanged by the caller. */
    keepCode: (authorizationCode: string) => keep({ authorizationCode }),
    /** The application was removed from the shop: its tokens are worth nothing now. */
    forget: () => tokens.drop(holder),
  };
}

/**
 * The AppStore callbacks of a Shoper shop whose Kasa is a listed application (`appstoreSecret` set):
 * each is verified over its raw body with the application secret; `install` keeps the code and
 * exchanges it at once (it is valid only briefly), so the shop works from that moment on;
 * `uninstall` forgets the kept tokens.
 */
export function shoperAppstoreOf(
  adapter: Pick<ShoperAdapter, 'connect'>,
  appstoreSecret: string,
  grants: NonNullable<ReturnType<typeof keptShoperGrants>>,
): ShoperAppstore {
  return {
    async handle(rawBody) {
      const callback = verifyAppstoreCallback(rawBody, appstoreSecret);
      if (callback.action === 'install' && callback.auth_code !== undefined) {
        grants.keepCode(callback.auth_code);
        await adapter.connect();
      }
      if (callback.action === 'uninstall') grants.forget();
      return { action: callback.action };
    },
  };
}
