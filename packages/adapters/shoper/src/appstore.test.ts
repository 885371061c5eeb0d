import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAppstoreCallback } from './appstore.ts';

/** A callback signed as the AppStore libraries sign one: sorted `k=v` pairs, HMAC-SHA512. */
function signed(fields: Record<string, string>, secret: string): string {
  const payload = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  const hash = createHmac('sha512', secret).update(payload).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

const INSTALL = {
  action: 'install',
  shop: 'a1b2c3',
  shop_url: 'https://sklep.shoparena.pl',
  auth_code: 'f00dcafe',
  application_code: 'kasa',
  application_version: '1',
  timestamp: '2026-12-05 10:00:00',
};

describe('AppStore callbacks', () => {
  it('reads an install signed with the application secret, with its authorization code', () => {
    const callback = verifyAppstoreCallback(signed(INSTALL, 'app-secret'), 'app-secret');
    expect(callback).toMatchObject({
      action: 'install',
      auth_code: 'f00dcafe',
      shop_url: 'https://sklep.shoparena.pl',
    });
  });

  it('refuses another secret, a changed field, a missing hash and an unknown action', () => {
    const body = signed(INSTALL, 'app-secret');
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'accepted';
    };
    expect(code(() => verifyAppstoreCallback(body, 'other-secret'))).toBe('notification_invalid');
    expect(code(() => verifyAppstoreCallback(body.replace('f00dcafe', 'f00dcaff'), 'app-secret'))).toBe(
      'notification_invalid',
    );
    expect(code(() => verifyAppstoreCallback(body.replace(/&hash=[0-9a-f]+/, ''), 'app-secret'))).toBe(
      'notification_invalid',
    );
    expect(
      code(() => verifyAppstoreCallback(signed({ ...INSTALL, action: 'steal' }, 'app-secret'), 'app-secret')),
    ).toBe('notification_invalid');
  });
});
