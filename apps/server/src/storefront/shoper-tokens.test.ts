import { createShoperFake, type ShoperFake } from '@kasa/adapter-shoper/fake';
import { openSqlite } from '@kasa/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../config.ts';
import { createStorefront } from './adapter.ts';

let fake: ShoperFake | undefined;
afterEach(() => fake?.close());

/** The Kasa configuration of a shop that installed Kasa's AppStore application with `code`. */
function appstoreConfig(shop: ShoperFake, code: string) {
  const {
    login: _login,
    password: _password,
    ...auth
  } = {
    ...shop.config.auth,
    clientId: shop.shop.auth.clientId,
    clientSecret: shop.shop.auth.clientSecret,
    authorizationCode: code,
  };
  return configSchema.parse({ store: { platform: 'shoper', ...shop.config, auth } });
}

describe("a Shoper AppStore application's tokens", () => {
  it('survive a restart: the refresh token Shoper handed out last is kept in the database and used', async () => {
    fake = await createShoperFake();
    const db = openSqlite(':memory:');
    const config = appstoreConfig(fake, fake.shop.auth.issueAuthorizationCode());
    const ref = await fake.createCart();

    // The first start exchanges the one-time code; Shoper answers with a refresh token.
    const first = createStorefront({ config, db }).adapter;
    expect((await first.getCart(ref)).lines.length).toBeGreaterThan(0);

    // A restart with the same configuration: the code is spent, the kept refresh token is not.
    fake.shop.expireTokens();
    const restarted = createStorefront({ config, db }).adapter;
    expect((await restarted.getCart(ref)).lines.length).toBeGreaterThan(0);

    // Without the database the restart has only the spent code, and Shoper refuses it.
    fake.shop.expireTokens();
    const forgetful = createStorefront({ config }).adapter;
    await expect(forgetful.getCart(ref)).rejects.toMatchObject({ code: 'platform_auth_failed' });
  });
});
