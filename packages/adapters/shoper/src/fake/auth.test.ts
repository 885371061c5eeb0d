import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { authAnswerSchema, errorBodySchema, oauthTokenAnswerSchema } from '../rest/schemas.ts';
import { basic, call, tokenOf } from './client.ts';
import { createShoperFake } from './index.ts';
import type { ShoperFake } from './types.ts';

const fixture = readFileSync(
  new URL('../../fixtures/auth.expired-token.401.headers.txt', import.meta.url),
  'utf8',
);
/** The WWW-Authenticate value of the recorded 401, read from the fixture, not retyped. */
const expiredHeader = /^Www-Authenticate:\s*(.+)$/im.exec(fixture)?.[1]?.trim();

let fake: ShoperFake;
afterEach(() => fake.close());

describe('the Shoper fake: API user tokens', () => {
  it('gives a bearer token for the right Basic credentials, 401 unauthorized_client for wrong ones', async () => {
    fake = await createShoperFake();
    const good = await call(fake, 'POST', 'auth', {
      authorization: basic(fake.config.auth.login, fake.config.auth.password),
    });
    expect(good.status).toBe(200);
    expect(authAnswerSchema.parse(good.body)).toMatchObject({ token_type: 'bearer', expires_in: 2592000 });
    const bad = await call(fake, 'POST', 'auth', { authorization: basic(fake.config.auth.login, 'nope') });
    expect(bad.status).toBe(401);
    expect(errorBodySchema.parse(bad.body).error).toBe('unauthorized_client');
  });

  it('refuses calls without a token, and serves them with one', async () => {
    fake = await createShoperFake();
    expect((await call(fake, 'GET', 'taxes')).status).toBe(401);
    expect((await call(fake, 'GET', 'taxes', { token: 'made-up' })).status).toBe(401);
    expect((await call(fake, 'GET', 'taxes', { token: await tokenOf(fake) })).status).toBe(200);
  });

  it('answers an expired token with the recorded WWW-Authenticate header and the error body', async () => {
    expect(expiredHeader).toContain('Provided access token has expired');
    fake = await createShoperFake();
    const token = await tokenOf(fake);
    fake.shop.expireTokens();
    const answer = await call(fake, 'GET', 'orders', { token });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(expiredHeader);
    expect(answer.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Provided access token has expired',
    });
    // A new token works again.
    expect((await call(fake, 'GET', 'orders', { token: await tokenOf(fake) })).status).toBe(200);
  });

  it('lets a token expire by the clock after expires_in', async () => {
    let clock = Date.UTC(2026, 11, 5, 6);
    fake = await createShoperFake({ now: () => clock, tokenLifetimeSeconds: 60 });
    const token = await tokenOf(fake);
    clock += 59_000;
    expect((await call(fake, 'GET', 'taxes', { token })).status).toBe(200);
    clock += 2_000;
    expect((await call(fake, 'GET', 'taxes', { token })).status).toBe(401);
  });
});

describe('the Shoper fake: AppStore OAuth', () => {
  const oauth = (f: ShoperFake, form: Record<string, string>, secret = f.shop.auth.clientSecret) =>
    call(f, 'POST', 'oauth/token', { authorization: basic(f.shop.auth.clientId, secret), form });

  it('exchanges an authorization code once, and refreshes with the newest refresh token', async () => {
    fake = await createShoperFake();
    const code = fake.shop.auth.issueAuthorizationCode();
    const first = await oauth(fake, { grant_type: 'authorization_code', code });
    expect(first.status).toBe(200);
    const tokens = oauthTokenAnswerSchema.parse(first.body);
    expect(tokens.expires_in).toBe(3600);
    expect((await call(fake, 'GET', 'statuses', { token: tokens.access_token })).status).toBe(200);
    expect((await oauth(fake, { grant_type: 'authorization_code', code })).status).toBe(400);

    const refreshed = await oauth(fake, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const again = await oauth(fake, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(again.status).toBe(400);
    expect(errorBodySchema.parse(again.body).error).toBe('invalid_grant');
  });

  it('refuses wrong client credentials and an unknown grant type', async () => {
    fake = await createShoperFake();
    expect((await oauth(fake, { grant_type: 'refresh_token', refresh_token: 'x' }, 'wrong')).status).toBe(
      401,
    );
    const unknown = await oauth(fake, { grant_type: 'password' });
    expect(unknown.status).toBe(400);
    expect(errorBodySchema.parse(unknown.body).error).toBe('invalid_request');
  });
});
