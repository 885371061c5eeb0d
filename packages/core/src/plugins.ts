import type { z } from 'zod';
import type { DiagnosticCheck, PaymentProvider, PickupPointProvider } from './ports.ts';

/**
 * What plugs into Kasa, described once: a payment provider, a pickup-point provider (a storefront
 * adapter is described the same way by the server). The server's registry lists these descriptors;
 * configuration, `kasa start`, `kasa doctor` and the runtime loop over it. Adding a provider is its
 * package (exporting one descriptor) plus one line in the registry.
 */

/** Where a setting comes from and where the merchant finds its value. */
export interface PluginSetting {
  /** The environment variable that fills it, e.g. `KASA_PAYU_CLIENT_SECRET`. */
  readonly env: string;
  /** Where to find the value, in the merchant's words, e.g. "PayU panel › Online payment › My shops › POS › Keys". */
  readonly where: string;
  /** A secret: never printed, never sent to a browser. */
  readonly secret?: boolean;
}

/** What a payment provider can do; the widget and the server read these, never the provider's name. */
export type PaymentCapability =
  /** BLIK with the 6-digit code typed in Kasa's form (no redirect). */
  | 'blik_level0'
  /** Bank transfer by redirect (pay-by-link). */
  | 'pay_by_link'
  /** Card by redirect or hosted fields. */
  | 'card'
  /** Gives a paid attempt's money back through the provider's API. */
  | 'refunds'
  /** Adds a payment fee to the total. */
  | 'payment_fees';

export type PickupCapability =
  /** Points can be searched by coordinates (the map). */
  | 'search_near'
  /** A map widget of the carrier's own (InPost Geowidget). */
  | 'map_widget';

/** What the server gives a provider it creates. */
export interface PluginContext {
  /** Where browsers and the provider reach Kasa, e.g. `https://kasa.sklep.pl`. */
  readonly publicUrl: string;
  /** Where this provider's notifications go: `<publicUrl>/api/payments/notify/<name>`. */
  readonly notifyUrl: string;
  readonly fetch?: typeof fetch;
  /** Ids and codes only: never personal data, never a secret. */
  readonly log: (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string) => void;
}

/** A local fake of the provider, for `kasa start` without credentials and for the tests. */
export interface PluginFake<C> {
  /** The configuration that points the provider at the fake. */
  readonly config: C;
  readonly url: string;
  close(): Promise<void>;
}

interface PluginBase<C, Capability extends string> {
  /** The value of `provider` in the configuration, e.g. `payu`. */
  readonly name: string;
  /** For people: `PayU`. */
  readonly label: string;
  /** The provider's settings without `provider`; its messages say where to find each value. */
  readonly configSchema: z.ZodType<C>;
  /** Dotted paths inside the provider's block → where each comes from. */
  readonly settings: Readonly<Record<string, PluginSetting>>;
  readonly capabilities: readonly Capability[];
  /** How to get credentials, in the merchant's words (printed by `kasa doctor` and the README). */
  readonly howToCreate: string;
  /** Starts a local fake speaking the provider's documented HTTP API. */
  startFake?(): Promise<PluginFake<C>>;
  /** `kasa doctor`: credentials and setup, each check with its fix. Never throws. */
  diagnose?(config: C, context: PluginContext): Promise<readonly DiagnosticCheck[]>;
}

/**
 * A payment provider. `X` is what a server-side provider needs beyond the context (the sandbox: the
 * server's database); providers in their own packages need nothing more.
 */
export interface PaymentPlugin<C = unknown, X = unknown> extends PluginBase<C, PaymentCapability> {
  readonly kind: 'payments';
  create(config: C, context: PluginContext & X): PaymentProvider;
}

/** What the checkout widget needs for the carrier's own map (InPost Geowidget v5): all public. */
export interface PickupMapWidget {
  /** The merchant's Geowidget token: a public JWT bound to the shop's domains. */
  readonly token: string;
  /** InPost's sandbox map (its own script host) instead of production. */
  readonly sandbox?: boolean;
  /** `parcelCollect` (default), `parcelCollectPayment`, `parcelCollect247`. */
  readonly config?: string;
}

export interface PickupPlugin<C = unknown, X = unknown> extends PluginBase<C, PickupCapability> {
  readonly kind: 'pickup';
  /** The carrier's points, e.g. `inpost`. */
  readonly carrier: string;
  create(config: C, context: PluginContext & X): PickupPointProvider;
  /**
   * The map the widget offers beside the list (capability `map_widget`), from the configuration;
   * undefined when it is not configured (the list works without it). The server passes it into the
   * widget's configuration (the fragment's `geowidget`).
   */
  mapWidget?(config: C): PickupMapWidget | undefined;
}
