import { createHmac, timingSafeEqual } from 'node:crypto';
import { KasaError } from '@kasa/core';
import { z } from 'zod';

/**
 * What Shoper's AppStore tells a listed application when a shop installs it, pays for it or
 * removes it: a form POST to the application's billing address. Fields as the AppStore libraries
 * read them (dreamcommerce/shop-appstore-lib Handler and appstore-bundle Dispatcher); not seen live.
 */
const callbackSchema = z.looseObject({
  action: z.enum(['install', 'uninstall', 'billing_install', 'billing_subscription', 'upgrade']),
  shop: z.string().min(1).max(200),
  shop_url: z.string().min(1).max(500),
  /** Only on `install`: the one-time authorization code for `POST /webapi/rest/oauth/token`. */
  auth_code: z.string().min(1).max(200).optional(),
  application_code: z.string().max(200).optional(),
  application_version: z.string().max(50).optional(),
  timestamp: z.string().max(50).optional(),
  hash: z.string().regex(/^[0-9a-f]{128}$/i),
});

export type AppstoreCallback = z.infer<typeof callbackSchema>;

/**
 * The callback's hash: hex HMAC-SHA512, keyed with the application's AppStore secret, of every
 * field but `hash` sorted by name and joined as `name=value&name=value` (values decoded).
 *
 * @example appstoreCallbackHash({ action: 'install', shop: 'abc' }, 'app-secret'); // 128 hex characters
 */
export function appstoreCallbackHash(
  fields: Readonly<Record<string, string>>,
  appstoreSecret: string,
): string {
  const signed = Object.keys(fields)
    .filter((name) => name !== 'hash')
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
  return createHmac('sha512', appstoreSecret).update(signed, 'utf8').digest('hex');
}

/**
 * A verified AppStore callback from its raw form body. Throws KasaError('notification_invalid') for
 * a missing or wrong hash, or a body that is not such a callback.
 *
 * @example verifyAppstoreCallback('action=install&auth_code=…&shop=…&shop_url=…&hash=…', 'app-secret').auth_code;
 */
export function verifyAppstoreCallback(rawBody: string, appstoreSecret: string): AppstoreCallback {
  const invalid = () => new KasaError('notification_invalid', { details: { platform: 'shoper-appstore' } });
  const fields = Object.fromEntries(new URLSearchParams(rawBody));
  const parsed = callbackSchema.safeParse(fields);
  if (!parsed.success) throw invalid();
  const expected = Buffer.from(appstoreCallbackHash(fields, appstoreSecret), 'hex');
  const given = Buffer.from(parsed.data.hash.toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  return parsed.data;
}
