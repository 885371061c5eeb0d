import { appstoreCallbackHash } from '@kasa/adapter-shoper';
import { createShoperFake, type ShoperFake } from '@kasa/adapter-shoper/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, startKasa } from './harness.ts';

const APPSTORE_SECRET = 'kasa-appstore-secret';

/** The AppStore's callback as a form body, signed with the application secret. */
function callback(fields: Record<string, string>, secret = APPSTORE_SECRET): string {
  return new URLSearchParams({ ...fields, hash: appstoreCallbackHash(fields, secret) }).toString();
}

/**
 * Kasa as a listed Shoper AppStore application: configured with the application's client id,
 * secret and AppStore secret only, it sells once the AppStore's install callback brings the code.
 */
describe('Kasa installed from the Shoper AppStore', () => {
  let fake: ShoperFake;
  let kasa: Kasa;
  beforeAll(async () => {
    fake = await createShoperFake();
    const { login: _login, password: _password, ...rest } = fake.config.auth;
    kasa = await startKasa({
      config: {
        store: {
          platform: 'shoper',
          ...fake.config,
          auth: { ...rest, clientId: fake.shop.auth.clientId, clientSecret: fake.shop.auth.clientSecret },
          appstoreSecret: APPSTORE_SECRET,
        },
      },
    });
  });
  afterAll(async () => {
    await kasa?.close();
    await fake?.close();
  });

  const post = (body: string) =>
    fetch(`${kasa.url}/api/shoper/appstore`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it('cannot sell before the install, refuses a forged install, and sells once the real one brought its code', async () => {
    const cartRef = await fake.createCart();
    const before = await kasa.api('POST', '/api/checkouts', { cartRef });
    expect(before.body.error.code).toBe('platform_auth_failed');

    const install = {
      action: 'install',
      shop: 'a1b2c3',
      shop_url: 'https://sklep-demo.shoparena.pl',
      auth_code: fake.shop.auth.issueAuthorizationCode(),
      application_code: 'kasa',
      application_version: '1',
      timestamp: '2026-12-05 10:00:00',
    };
    const forged = await post(callback(install, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('notification_invalid');

    const installed = await post(callback(install));
    expect(installed.status).toBe(200);
    expect(await installed.json()).toEqual({ received: true, action: 'install' });
    // The code was exchanged at once, and the refresh token kept where a restart finds it.
    const kept = kasa.runtime.db
      .prepare("SELECT value FROM kasa_settings WHERE key LIKE 'platform-token:shoper:%'")
      .get() as { value: string };
    expect(JSON.parse(kept.value)).toEqual({ refreshToken: fake.shop.auth.refreshToken() });
    expect(kasa.logs.join('\n')).not.toContain(install.auth_code);

    const after = await kasa.api('POST', '/api/checkouts', { cartRef });
    expect(after.status).toBe(201);
    expect(after.body.cart.lines.length).toBeGreaterThan(0);

    // Removed from the shop: the kept tokens are forgotten.
    const uninstall = {
      action: 'uninstall',
      shop: 'a1b2c3',
      shop_url: install.shop_url,
      timestamp: '2026-12-06 10:00:00',
    };
    expect((await post(callback(uninstall))).status).toBe(200);
    const left = kasa.runtime.db
      .prepare("SELECT COUNT(*) AS n FROM kasa_settings WHERE key LIKE 'platform-token:shoper:%'")
      .get() as { n: number };
    expect(left.n).toBe(0);
  });
});
