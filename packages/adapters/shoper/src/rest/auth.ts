/**
 * The bearer token of one shop: fetched when first needed, kept until it expires (minus a margin),
 * renewed once for everybody when the shop refuses it. Fetching is injected (API user or AppStore
 * OAuth, see oauth.ts), so the cache is tested without a shop.
 */

export interface IssuedToken {
  readonly accessToken: string;
  /** Seconds the token lives, as the shop said. */
  readonly expiresIn: number;
}

export interface TokenCacheOptions {
  /** Asks the shop for a new token (POST /auth or /oauth/token). */
  readonly issue: () => Promise<IssuedToken>;
  readonly now: () => number;
  /** Renew this long before the token expires. */
  readonly marginMs: number;
}

/**
 * Caches the token; concurrent callers share one request for a new one.
 *
 * @example
 * const tokens = new TokenCache({ issue: () => postAuth(), now: Date.now, marginMs: 60_000 });
 * const token = await tokens.current();
 * // after a 401 with `token`:
 * const fresh = await tokens.renew(token);
 */
export class TokenCache {
  readonly #options: TokenCacheOptions;
  #token: string | undefined;
  #expiresAt = 0;
  #pending: Promise<string> | undefined;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
  }

  /** A token that has not expired (minus the margin), fetched when there is none. */
  current(): Promise<string> {
    if (this.#token !== undefined && this.#options.now() < this.#expiresAt) {
      return Promise.resolve(this.#token);
    }
    return this.#fetch();
  }

  /**
   * A new token after the shop refused `refused`. When another caller already replaced it, that
   * replacement is returned without asking the shop again.
   */
  renew(refused: string): Promise<string> {
    if (this.#pending !== undefined) return this.#pending;
    if (this.#token !== undefined && this.#token !== refused && this.#options.now() < this.#expiresAt) {
      return Promise.resolve(this.#token);
    }
    this.#token = undefined;
    return this.#fetch();
  }

  /** Forgets the token (e.g. after the shop refused a renewed one). */
  forget(): void {
    this.#token = undefined;
    this.#expiresAt = 0;
  }

  #fetch(): Promise<string> {
    if (this.#pending !== undefined) return this.#pending;
    const pending = this.#options
      .issue()
      .then((issued) => {
        this.#token = issued.accessToken;
        const lifeMs = issued.expiresIn * 1000;
        // A token that lives shorter than the margin is used for half its life.
        const margin = Math.min(this.#options.marginMs, lifeMs / 2);
        this.#expiresAt = this.#options.now() + lifeMs - margin;
        return issued.accessToken;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    this.#pending = pending;
    return pending;
  }
}
