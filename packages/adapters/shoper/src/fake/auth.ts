import { randomBytes } from 'node:crypto';
import type { FakeResponse } from '@kasa/adapter-testing/faults';

/**
 * Shoper's two ways in, as the fake plays them. An API user (`POST /auth`, Basic login:password)
 * gets a bearer token; an AppStore app (`POST /oauth/token`, Basic client_id:client_secret, form
 * `grant_type=authorization_code&code=…` or `grant_type=refresh_token&refresh_token=…`, per the SDK's
 * OAuthManager.php) gets a token and a refresh token. A bearer token that expired or was never issued is
 * refused with the header of fixtures/auth.expired-token.401.headers.txt. That refreshing rotates the
 * refresh token (the old one stops working) and that `/oauth/token` answers `expires_in` as a string
 * (the docs' example) are GUESSES.
 */

export const EXPIRED_TOKEN_HEADER =
  'bearer realm="Service", error="unauthorized_client", error_description="Provided access token has expired"';

export const shoperError = (
  status: number,
  error: string,
  description: string,
  headers?: Record<string, string>,
): FakeResponse => ({
  status,
  ...(headers ? { headers } : {}),
  body: { error, error_description: description },
});

export interface AuthOptions {
  /** Lifetime of tokens from `/auth`; default 2592000 s (30 days, fixtures/auth.POST.response.redacted.json). */
  readonly tokenLifetimeSeconds?: number;
  /** Lifetime of tokens from `/oauth/token`; default 3600 s (the docs' example). */
  readonly oauthLifetimeSeconds?: number;
}

export interface FakeAuth {
  readonly login: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app's current refresh token (changes on every refresh). */
  refreshToken(): string;
  /** A one-time authorization code, as the shop gives an app on install. */
  issueAuthorizationCode(): string;
  /** Every bearer token issued so far stops working, as after its `expires_in`. */
  expireTokens(): void;
  /** `POST /auth`. */
  passwordGrant(authorization: string | undefined, nowMs: number): FakeResponse;
  /** `POST /oauth/token`. */
  tokenGrant(authorization: string | undefined, form: URLSearchParams, nowMs: number): FakeResponse;
  /** undefined when the bearer token is good, else the 401 to answer. */
  refusal(authorization: string | undefined, nowMs: number): FakeResponse | undefined;
}

const secret = (bytes: number) => randomBytes(bytes).toString('hex');

function basic(authorization: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/**
 * Credentials and tokens of one fake shop.
 *
 * @example
 * const auth = createFakeAuth();
 * auth.passwordGrant(`Basic ${btoa(`${auth.login}:${auth.password}`)}`, Date.now()); // 200 {access_token, …}
 */
export function createFakeAuth(options: AuthOptions = {}): FakeAuth {
  const login = 'kasa-webapi';
  const password = secret(12);
  const clientId = secret(16);
  const clientSecret = secret(20);
  let refresh = secret(20);
  const codes = new Set<string>();
  const tokens = new Map<string, number>(); // token → expiry (ms)

  const issue = (nowMs: number, seconds: number) => {
    const token = secret(20);
    tokens.set(token, nowMs + seconds * 1000);
    return token;
  };
  const userLifetime = options.tokenLifetimeSeconds ?? 2_592_000;
  const appLifetime = options.oauthLifetimeSeconds ?? 3600;

  return {
    login,
    password,
    clientId,
    clientSecret,
    refreshToken: () => refresh,
    issueAuthorizationCode() {
      const code = secret(16);
      codes.add(code);
      return code;
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, Number.NEGATIVE_INFINITY);
    },
    passwordGrant(authorization, nowMs) {
      const given = basic(authorization);
      if (given === undefined || given[0] !== login || given[1] !== password) {
        return shoperError(401, 'unauthorized_client', 'Invalid user credentials');
      }
      return {
        status: 200,
        body: { access_token: issue(nowMs, userLifetime), expires_in: userLifetime, token_type: 'bearer' },
      };
    },
    tokenGrant(authorization, form, nowMs) {
      const given = basic(authorization);
      if (given === undefined || given[0] !== clientId || given[1] !== clientSecret) {
        return shoperError(401, 'unauthorized_client', 'Invalid client credentials');
      }
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const code = form.get('code') ?? '';
        if (!codes.delete(code))
          return shoperError(400, 'invalid_grant', 'Invalid or used authorization code');
      } else if (grant === 'refresh_token') {
        if (form.get('refresh_token') !== refresh)
          return shoperError(400, 'invalid_grant', 'Invalid refresh token');
      } else {
        return shoperError(400, 'invalid_request', 'grant_type must be authorization_code or refresh_token');
      }
      refresh = secret(20);
      return {
        status: 200,
        body: {
          access_token: issue(nowMs, appLifetime),
          refresh_token: refresh,
          expires_in: String(appLifetime),
          token_type: 'bearer',
          scope:
            'orders_read,orders_write,products_read,shippings_read,payments_read,statuses_read,webhooks_read',
        },
      };
    },
    refusal(authorization, nowMs) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      const expiry = token === undefined ? undefined : tokens.get(token);
      if (expiry !== undefined && expiry > nowMs) return undefined;
      const description =
        expiry === undefined ? 'Provided access token is invalid' : 'Provided access token has expired';
      return shoperError(401, 'unauthorized_client', description, {
        'www-authenticate':
          expiry === undefined
            ? EXPIRED_TOKEN_HEADER.replace('has expired', 'is invalid')
            : EXPIRED_TOKEN_HEADER,
      });
    },
  };
}
