import type { PlatformOrder } from '@kasa/adapter-testing';
import type { FakeCatalogueProduct, FaultPlan } from '@kasa/adapter-testing/faults';
import type { CartRef, Money, RawRequest } from '@kasa/core';
import type { ShoperConfigInput } from '../config.ts';
import type { FakeAuth } from './auth.ts';
import type { BucketSettings } from './bucket.ts';
import type { Delivery, ShopIdentity } from './webhooks.ts';

export interface ShoperFakeOptions {
  /** The port on 127.0.0.1; default a free one. */
  readonly port?: number;
  /** The clock (ms) for the bucket, token expiry and dates; default Date.now. */
  readonly now?: () => number;
  /** The leaky bucket; default the documented limit 10, bandwidth 2 per second. */
  readonly bucket?: Partial<BucketSettings>;
  /** Lifetime of `/auth` tokens; default 2592000 s. */
  readonly tokenLifetimeSeconds?: number;
  /** Lifetime of `/oauth/token` tokens; default 3600 s. */
  readonly oauthLifetimeSeconds?: number;
  /** How webhooks are signed: `admin` (default, the webhook's own secret) or `appstore` (derived). */
  readonly webhookScheme?: 'admin' | 'appstore';
  /** The AppStore app's secret for `webhookScheme: 'appstore'`; default a random one. */
  readonly appstoreSecret?: string;
  /** Webhooks registered in the shop from the start; default the merchant’s one to Kasa (listed, never sent). */
  readonly webhooks?: readonly WebhookRegistration[];
}

export interface WebhookRegistration {
  readonly url: string;
  /** Default order.create, order.edit, order.paid, order.status. */
  readonly events?: readonly string[];
  /** Default the fake's `webhookSecret`. */
  readonly secret?: string;
  readonly active?: boolean;
}

export interface ShoperRequestLog {
  readonly method: string;
  readonly path: string;
  /** The query string with its `?`, or ''. */
  readonly query: string;
  readonly status: number;
}

/**
 * The adapter settings that point at the fake: `shopUrl` as a merchant would give it, `endpoint` where the
 * calls go (the fake), the API user, the webhook key, and the fake's payment and status ids.
 */
export type ShoperFakeConfig = ShoperConfigInput & {
  readonly endpoint: string;
  readonly auth: { readonly login: string; readonly password: string };
  readonly webhookSecret: string;
};

export interface ShoperFakeShop {
  /** API user and AppStore app credentials, and authorization codes for the app. */
  readonly auth: Pick<
    FakeAuth,
    'login' | 'password' | 'clientId' | 'clientSecret' | 'refreshToken' | 'issueAuthorizationCode'
  >;
  readonly faults: FaultPlan;
  /** Requests that reached the shop's handler (a bulk is one). */
  readonly requests: readonly ShoperRequestLog[];
  /** Webhook deliveries finished so far. */
  readonly deliveries: readonly Delivery[];
  readonly webhookSecret: string;
  /** X-Shop-Domain, X-Shop-License, X-Shop-Version of the deliveries. */
  readonly identity: ShopIdentity;
  /** Orders as the shop keeps them, in the shape the contract suite reads. */
  platformOrders(): PlatformOrder[];
  /** `GET /orders/<id>` as the shop answers it. */
  orderJson(id: number): Record<string, unknown> | undefined;
  /** A delivery's headers and body for `body`, signed as the shop signs (default topic order.create). */
  signWebhook(body: string, topic?: string): RawRequest;
  /** Registers a webhook; the shop then sends it the events it names. Returns its webhook_id. */
  registerWebhook(webhook: WebhookRegistration): number;
  /** Resolves when every delivery started so far has ended. */
  webhooksSettled(): Promise<void>;
  /** Every token issued so far expires now. */
  expireTokens(): void;
  /** Changes the bucket's limit or bandwidth, or fills it to `level`. */
  setBucket(settings: Partial<BucketSettings> & { readonly level?: number }): void;
  bucketLevel(): number;
  /** Sets the gross unit price (grosze) of a catalogue id (`11`, or `12-202` for a variant). */
  setPrice(productId: string, grosze: number): void;
  /** Sets the stock quantity or the activity of a catalogue id. */
  setStock(productId: string, change: { readonly quantity?: number; readonly active?: boolean }): void;
}

/** A running Shoper fake (the same surface as the other adapters' fakes). */
export interface ShoperFake {
  readonly platform: 'shoper';
  readonly url: string;
  readonly config: ShoperFakeConfig;
  /** Sellable stocks: `11` for a product's own stock, `12-202` for a variant; gross PLN prices. */
  readonly products: readonly FakeCatalogueProduct[];
  /** Active shipping methods: InPost locker, DPD courier, pickup in person. */
  readonly shipping: readonly {
    id: string;
    name: string;
    kind: 'locker' | 'courier' | 'pickup';
    price: Money;
  }[];
  /** A basket ref as the storefront script makes it, with the prices the shop shows now. Default: coffee and a mug. */
  createCart(lines?: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  readonly shop: ShoperFakeShop;
  readonly faults: FaultPlan;
  close(): Promise<void>;
}
