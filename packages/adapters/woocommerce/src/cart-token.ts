import { RecentMap } from '@kasa/core';

/**
 * The Store API's Cart-Token is a JWT whose payload names the session (`user_id`). Kasa's cart ref
 * is the token the shopper's storefront got; every answer brings a fresh token for the same session
 * (a later expiry), which replaces the one sent. Kasa only reads the payload, never checks the
 * signature: the shop does that.
 */

/** The session a Cart-Token belongs to, or `undefined` when the text is not a Cart-Token. */
export function sessionOf(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+={0,2}$/.test(p))) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const userId = (payload as { user_id?: unknown } | null)?.user_id;
    return typeof userId === 'string' || typeof userId === 'number' ? String(userId) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The WordPress user id of a registered customer's Cart-Token; `undefined` for a guest's (whose
 * session id is `t_…`). The shop signed the token, so the id is the shop's own word.
 */
export function customerOf(token: string): number | undefined {
  const session = sessionOf(token);
  return session !== undefined && /^[1-9]\d{0,18}$/.test(session) ? Number(session) : undefined;
}

/**
 * Latest Cart-Token per cart ref, bounded so a long-running server does not grow without end, and
 * the Store API nonce of the latest answer. WooCommerce 8.9 demands the nonce on every write even
 * with a Cart-Token (10.x does not); a token-only request is a logged-out one there, so the nonce
 * any answer carries is good for the next writes of every cart for its lifetime (12–24 h).
 */
export class CartTokens {
  private readonly latest: RecentMap<string, string>;
  private nonceValue: string | undefined;

  constructor(max = 10_000) {
    this.latest = new RecentMap(max);
  }

  /** The token to send for a ref: the freshest one seen, else the ref itself. */
  current(ref: string): string {
    return this.latest.get(ref) ?? ref;
  }

  /** The Store API nonce of the latest answer, if one came. */
  nonce(): string | undefined {
    return this.nonceValue;
  }

  /** Keeps a token (and nonce) from an answer; `false` when it belongs to another session (the cart is gone). */
  refresh(ref: string, token: string | undefined, nonce?: string): boolean {
    if (nonce !== undefined && /^[0-9a-f]{6,32}$/i.test(nonce)) this.nonceValue = nonce;
    if (token === undefined || token === '') return true;
    if (sessionOf(token) !== sessionOf(ref)) return false;
    this.latest.set(ref, token);
    return true;
  }
}
