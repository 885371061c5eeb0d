import { createHash, createHmac } from 'node:crypto';

/**
 * Shoper's webhook deliveries. Headers: fixtures/webhook.request-headers.txt; events:
 * fixtures/webhook.events.txt; signature per the SDK's WebhookVerifier.php: `X-Webhook-SHA1` = hex
 * sha1 of `<X-Webhook-Id>:<secret>:<raw body>`; an AppStore app's secret is first derived as hex
 * HMAC-SHA512(key = the app's secret, `<X-Shop-License>:<webhook secret>`). Body format 0 = JSON.
 */

export interface ShopIdentity {
  readonly domain: string;
  readonly license: string;
  readonly version: string;
}

export interface RegisteredWebhook {
  readonly webhook_id: number;
  readonly url: string;
  readonly secret: string;
  readonly events: readonly string[];
  readonly active: boolean;
}

/** `appstore`: the secret is derived from the app's secret and the shop's license (AppStore apps). */
export type WebhookScheme =
  | { readonly kind: 'admin' }
  | { readonly kind: 'appstore'; readonly appstoreSecret: string };

/**
 * The value of `X-Webhook-SHA1`.
 *
 * @example webhookSha1('7', 's3cret', '{"order_id":"1"}'); // hex sha1 of '7:s3cret:{"order_id":"1"}'
 */
export const webhookSha1 = (webhookId: string, secret: string, body: string) =>
  createHash('sha1').update(`${webhookId}:${secret}:${body}`).digest('hex');

/**
 * The secret an AppStore shop signs with.
 *
 * @example appstoreShopSecret('app-secret', 'license-hash', 'hook-secret'); // 128 hex characters
 */
export const appstoreShopSecret = (appstoreSecret: string, license: string, webhookSecret: string) =>
  createHmac('sha512', appstoreSecret).update(`${license}:${webhookSecret}`).digest('hex');

/** The headers of one delivery of `body` for `event` by `webhook`. */
export function webhookHeaders(
  shop: ShopIdentity,
  scheme: WebhookScheme,
  webhook: Pick<RegisteredWebhook, 'webhook_id' | 'secret'>,
  event: string,
  body: string,
): Record<string, string> {
  const id = String(webhook.webhook_id);
  const secret =
    scheme.kind === 'appstore'
      ? appstoreShopSecret(scheme.appstoreSecret, shop.license, webhook.secret)
      : webhook.secret;
  return {
    'content-type': 'application/json',
    'x-shop-version': shop.version,
    'x-shop-domain': shop.domain,
    'x-shop-license': shop.license,
    'x-webhook-id': id,
    'x-webhook-name': event,
    'x-webhook-sha1': webhookSha1(id, secret, body),
  };
}

export interface Delivery {
  readonly webhookId: number;
  readonly event: string;
  readonly url: string;
  readonly body: string;
  /** The receiver's HTTP status, or 0 when no answer came (the error then says why). */
  readonly status: number;
  readonly error?: string;
}

/**
 * The webhook a merchant who followed the README has: order events, JSON, to a Kasa server. Listed
 * (so `kasa doctor` finds it) but never delivered: its host is not this machine.
 */
export const MERCHANT_KASA_WEBHOOK = { url: 'https://kasa.example.pl/api/webhooks/shoper' } as const;

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

/**
 * Posts one delivery; never throws (a webhook that fails is the receiver's problem, as in a shop).
 * Only to this machine: a delivery elsewhere is recorded as not sent.
 */
export async function deliver(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = 5000,
): Promise<{ status: number; error?: string }> {
  if (!LOOPBACK.test(url)) return { status: 0, error: 'not sent: the fake delivers only to 127.0.0.1' };
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await answer.arrayBuffer();
    return { status: answer.status };
  } catch (error) {
    return { status: 0, error: error instanceof Error ? error.message : String(error) };
  }
}
