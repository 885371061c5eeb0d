import { KasaError } from '@kasa/core';
import type { HttpAnswer } from '@kasa/platform-http';
import type { z } from 'zod';
import type { ShoperAuthConfig } from '../config.ts';
import type { IssuedToken } from './auth.ts';
import { authAnswerSchema, errorBodySchema, oauthTokenAnswerSchema } from './schemas.ts';

/** The tokens an AppStore application got; the server persists `refreshToken` for the next start. */
export interface ShoperTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

/**
 * The newest grant an AppStore application holds outside its configuration: the authorization
 * code of an install the AppStore just announced, or the refresh token last handed out (the server
 * keeps it in its database). Read each time a token is issued; a code not used yet wins.
 */
export interface KeptGrant {
  readonly authorizationCode?: string;
  readonly refreshToken?: string;
}

/** One token request: path, Basic credentials and a form (OAuth) or nothing (API user). */
export type TokenPost = (input: {
  readonly operation: string;
  readonly path: '/auth' | '/oauth/token';
  readonly basic: string;
  readonly form?: Readonly<Record<string, string>>;
  readonly idempotent: boolean;
}) => Promise<HttpAnswer<unknown>>;

/**
 * `Authorization: Basic …` for a user and password (or client id and secret).
 *
 * @example basicAuth('kasa', 'secret'); // 'Basic a2FzYTpzZWNyZXQ='
 */
export const basicAuth = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

const refused = (answer: HttpAnswer<unknown>, hint: string): KasaError => {
  const error = errorBodySchema.safeParse(answer.body);
  return new KasaError('platform_auth_failed', {
    details: {
      platform: 'shoper',
      status: answer.status,
      ...(error.success ? { error: error.data.error } : {}),
      hint,
    },
  });
};

function tokenAnswer<S extends z.ZodType>(
  schema: S,
  answer: HttpAnswer<unknown>,
  operation: string,
): z.output<S> {
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  throw new KasaError('platform_response_invalid', {
    details: { platform: 'shoper', operation, field: parsed.error.issues[0]?.path.join('.') ?? '' },
  });
}

/**
 * What asks the shop for a token: `POST /auth` for a WebAPI user, `POST /oauth/token` for an
 * AppStore application (the authorization code once, then the refresh token; every new refresh
 * token is kept and handed to `onTokens`). A refusal is KasaError('platform_auth_failed') with a hint.
 *
 * @example const issue = tokenIssuer({ login: 'kasa', password: '…' }, post); const { accessToken } = await issue();
 */
export function tokenIssuer(
  auth: ShoperAuthConfig,
  post: TokenPost,
  onTokens?: (tokens: ShoperTokens) => unknown,
  keptGrant?: () => KeptGrant | undefined,
): () => Promise<IssuedToken> {
  if ('login' in auth) {
    const basic = basicAuth(auth.login, auth.password);
    return async () => {
      const operation = 'auth: POST /auth';
      const answer = await post({ operation, path: '/auth', basic, idempotent: true });
      if (answer.status < 200 || answer.status >= 300) {
        throw refused(
          answer,
          'Shoper refused the WebAPI login and password: check shoper.auth.login and shoper.auth.password, and that the user’s group has WebAPI access (Ustawienia → Administracja, system → Grupy administratorów).',
        );
      }
      const token = tokenAnswer(authAnswerSchema, answer, operation);
      return { accessToken: token.access_token, expiresIn: token.expires_in };
    };
  }
  const basic = basicAuth(auth.clientId, auth.clientSecret);
  let refreshToken = auth.refreshToken;
  let code = refreshToken === undefined ? auth.authorizationCode : undefined;
  const spent = new Set<string>();
  return async () => {
    const kept = keptGrant?.();
    if (kept?.authorizationCode !== undefined && !spent.has(kept.authorizationCode)) {
      code = kept.authorizationCode;
      refreshToken = undefined;
    } else if (kept?.refreshToken !== undefined) {
      refreshToken = kept.refreshToken;
    }
    if (refreshToken === undefined && code === undefined) {
      throw new KasaError('platform_auth_failed', {
        details: {
          platform: 'shoper',
          hint: 'Kasa’s application is not installed in this shop yet: install it from the Shoper AppStore (the AppStore then sends Kasa its authorization code), or set shoper.auth.refreshToken.',
        },
      });
    }
    if (code !== undefined) spent.add(code);
    const grant: Record<string, string> =
      refreshToken !== undefined
        ? { grant_type: 'refresh_token', refresh_token: refreshToken }
        : { grant_type: 'authorization_code', code: code ?? '' };
    const operation = `auth: POST /oauth/token (${grant.grant_type})`;
    const answer = await post({ operation, path: '/oauth/token', basic, form: grant, idempotent: false });
    if (answer.status < 200 || answer.status >= 300) {
      throw refused(
        answer,
        refreshToken !== undefined
          ? 'Shoper refused the refresh token: install the application again in the shop to get a new authorization code (shoper.auth.authorizationCode), or check shoper.auth.clientId and clientSecret.'
          : 'Shoper refused the authorization code (it is valid once and briefly): install the application again, or check shoper.auth.clientId and clientSecret.',
      );
    }
    const token = tokenAnswer(oauthTokenAnswerSchema, answer, operation);
    refreshToken = token.refresh_token;
    code = undefined;
    await onTokens?.({
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresIn: token.expires_in,
    });
    return { accessToken: token.access_token, expiresIn: token.expires_in };
  };
}
