import type { KasaError } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createShoperAdapter } from '../adapter.ts';
import { createShoperFake, type ShoperFake } from '../fake/index.ts';
import { basicAuth, type ShoperTokens } from './oauth.ts';

let fake: ShoperFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The fake's settings with AppStore application credentials instead of the WebAPI user. */
const appConfig = (shop: ShoperFake, grant: { authorizationCode?: string; refreshToken?: string }) => ({
  ...shop.config,
  auth: { clientId: shop.shop.auth.clientId, clientSecret: shop.shop.auth.clientSecret, ...grant },
});

describe('AppStore OAuth', () => {
  it('exchanges the authorization code, then refreshes with the newest refresh token, handing each to onTokens', async () => {
    fake = await createShoperFake();
    const tokens: ShoperTokens[] = [];
    const adapter = createShoperAdapter(
      appConfig(fake, { authorizationCode: fake.shop.auth.issueAuthorizationCode() }),
      {
        onTokens: (t) => tokens.push(t),
      },
    );
    expect(await adapter.findOrderByCheckout('chk_none')).toBeUndefined();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.refreshToken).toBe(fake.shop.auth.refreshToken());
    expect(tokens[0]?.expiresIn).toBe(3600);

    fake.shop.expireTokens();
    expect(await adapter.findOrderByCheckout('chk_none')).toBeUndefined();
    expect(tokens).toHaveLength(2);
    expect(tokens[1]?.refreshToken).not.toBe(tokens[0]?.refreshToken);
    expect(tokens[1]?.refreshToken).toBe(fake.shop.auth.refreshToken());
  });

  it('starts from a stored refresh token', async () => {
    fake = await createShoperFake();
    const tokens: ShoperTokens[] = [];
    const adapter = createShoperAdapter(appConfig(fake, { refreshToken: fake.shop.auth.refreshToken() }), {
      onTokens: (t) => tokens.push(t),
    });
    expect(await adapter.findOrderByCheckout('chk_none')).toBeUndefined();
    expect(tokens[0]?.refreshToken).toBe(fake.shop.auth.refreshToken());
  });

  it('refuses a used authorization code with platform_auth_failed and a hint to reinstall', async () => {
    fake = await createShoperFake();
    const config = appConfig(fake, { authorizationCode: fake.shop.auth.issueAuthorizationCode() });
    await createShoperAdapter(config).findOrderByCheckout('chk_none');
    const error = (await createShoperAdapter(config)
      .findOrderByCheckout('chk_none')
      .catch((e: unknown) => e)) as KasaError;
    expect(error.code).toBe('platform_auth_failed');
    expect(String(error.details?.hint)).toContain('install the application again');
  });

  it('builds the Basic header from the client id and secret', () => {
    expect(basicAuth('kasa', 'secret')).toBe(`Basic ${Buffer.from('kasa:secret').toString('base64')}`);
  });
});

describe('AppStore OAuth with the grant the server keeps', () => {
  it('waits for the install, then exchanges the code the install callback brought, and refreshes with the kept token', async () => {
    fake = await createShoperFake();
    let kept: { authorizationCode?: string; refreshToken?: string } | undefined;
    const adapter = createShoperAdapter(
      { ...appConfig(fake, {}), appstoreSecret: 'app-secret' },
      {
        keptGrant: () => kept,
        onTokens: (t) => {
          kept = { refreshToken: t.refreshToken };
        },
      },
    );
    // Not installed yet: no grant at all, and a message that says so.
    const early = (await adapter.connect().catch((e: unknown) => e)) as KasaError;
    expect(early.code).toBe('platform_auth_failed');
    expect(String(early.details?.hint)).toContain('not installed');

    // The AppStore's install callback brings a code; the next token is issued with it.
    kept = { authorizationCode: fake.shop.auth.issueAuthorizationCode() };
    await adapter.connect();
    expect(kept).toEqual({ refreshToken: fake.shop.auth.refreshToken() });
    expect(await adapter.findOrderByCheckout('chk_none')).toBeUndefined();

    // A new install (the merchant reinstalled) supersedes the refresh token held so far.
    kept = { authorizationCode: fake.shop.auth.issueAuthorizationCode() };
    await adapter.connect();
    expect(kept).toEqual({ refreshToken: fake.shop.auth.refreshToken() });
  });
});
