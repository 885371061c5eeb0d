/**
 * The storefront Kasa sells for, built from `store` in the configuration: the sandbox (default), a
 * WooCommerce shop or a PrestaShop shop.
 */
import { createPrestaShopAdapter } from '@kasa/adapter-prestashop';
import { createSandboxAdapter, type SandboxAdapter, type SandboxAdapterOptions } from '@kasa/adapter-sandbox';
import { createWooCommerceAdapter } from '@kasa/adapter-woocommerce';
import { money, type StorefrontAdapter } from '@kasa/core';
import type { SqliteDatabase } from '@kasa/storage';
import type { KasaConfig } from '../config.ts';

/**
 * An adapter that may check its own connection end to end (reachability, credentials, versions,
 * module). `diagnose` is optional in the port; `kasa doctor` checks for it at run time.
 */
export type DiagnosableAdapter = StorefrontAdapter;

export interface Storefront {
  readonly adapter: DiagnosableAdapter;
  /** Only when the store is the sandbox: its catalogue, carts and orders for the demo shop and tests. */
  readonly sandbox?: SandboxAdapter;
}

export interface StorefrontOptions {
  readonly config: Pick<KasaConfig, 'store' | 'sandbox'>;
  /** The server's database; the sandbox keeps its tables there. */
  readonly db?: SqliteDatabase;
  /** Sandbox only: the crash-safety test seam. */
  readonly onAfterPlaceOrder?: SandboxAdapterOptions['onAfterPlaceOrder'];
  /** Called once per call to the shop platform (not for the in-process sandbox). */
  readonly onPlatformCall?: (call: { readonly operation: string }) => void;
}

/** Who the shop is, for messages: `sandbox`, `WooCommerce https://sklep.pl`. Never a credential. */
export function describeStore(store: KasaConfig['store']): string {
  switch (store.platform) {
    case 'sandbox':
      return 'sandbox (demo store, no credentials)';
    case 'woocommerce':
      return `WooCommerce ${store.url}`;
    case 'prestashop':
      return `PrestaShop ${store.shopUrl}`;
  }
}

/** Creates the configured store's adapter. Settings were validated with the configuration. */
export function createStorefront(options: StorefrontOptions): Storefront {
  const { store, sandbox } = options.config;
  const onCall = options.onPlatformCall;
  switch (store.platform) {
    case 'sandbox': {
      const adapter = createSandboxAdapter({
        ...(options.db ? { db: options.db } : {}),
        freeShippingThreshold: money(sandbox.freeShippingThresholdGrosze),
        ...(options.onAfterPlaceOrder ? { onAfterPlaceOrder: options.onAfterPlaceOrder } : {}),
      });
      return { adapter, sandbox: adapter };
    }
    case 'woocommerce': {
      const { platform: _platform, ...settings } = store;
      return { adapter: createWooCommerceAdapter(settings, onCall ? { onCall } : {}) };
    }
    case 'prestashop': {
      const { platform: _platform, ...settings } = store;
      return { adapter: createPrestaShopAdapter(settings, onCall ? { onCall } : {}) };
    }
  }
}
