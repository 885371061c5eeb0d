/**
 * What plugs into Kasa besides the storefront (storefront/adapter.ts): the payment providers and the
 * pickup-point providers, each described once by its package (or here, for the sandbox). The
 * configuration (`payments: { provider, … }`, `pickup: { provider, … }`), `kasa start`, `kasa doctor`
 * and the runtime loop over these lists. Adding a provider: its package, and one line below.
 */
import type { PaymentPlugin, PaymentProvider, PickupPlugin, PluginContext } from '@kasa/core';
import { payuPlugin } from '@kasa/payments-payu';
import { przelewy24Plugin } from '@kasa/payments-przelewy24';
import { stripePlugin } from '@kasa/payments-stripe';
import { inpostPickupPlugin, orlenPickupPlugin, sandboxPickupPlugin } from '@kasa/pickup';
import type { SqliteDatabase } from '@kasa/storage';
import type { Hono } from 'hono';
import type { KasaConfig } from '../config.ts';
import { sandboxPayments } from './sandbox-payments.ts';

/** What the server gives a provider besides the context every provider gets. */
export interface ServerExtras {
  readonly db: SqliteDatabase;
  readonly sandbox: KasaConfig['sandbox'];
}

// biome-ignore lint/suspicious/noExplicitAny: each provider's settings are its own; the config validated them with its schema.
export type ServerPaymentPlugin = PaymentPlugin<any, ServerExtras> & {
  /** Routes the provider serves on Kasa's own server (the sandbox's bank page). */
  mount?(root: Hono, provider: PaymentProvider): void;
};
// biome-ignore lint/suspicious/noExplicitAny: as above.
export type ServerPickupPlugin = PickupPlugin<any, ServerExtras>;

export const PAYMENT_PROVIDERS: readonly ServerPaymentPlugin[] = [
  sandboxPayments,
  payuPlugin,
  przelewy24Plugin,
  stripePlugin,
];

export const PICKUP_PROVIDERS: readonly ServerPickupPlugin[] = [
  sandboxPickupPlugin,
  inpostPickupPlugin,
  orlenPickupPlugin,
];

/** What every provider gets from the server: its addresses, and a log (silent unless given). */
export function pluginContext(
  publicUrl: string,
  name: string,
  log: PluginContext['log'] = () => {},
): PluginContext {
  return { publicUrl, notifyUrl: `${publicUrl}/api/payments/notify/${name}`, log };
}

/** The plugin called `name` in a list (the configuration already checked it is there). */
export function pluginNamed<P extends { readonly name: string }>(plugins: readonly P[], name: string): P {
  const found = plugins.find((plugin) => plugin.name === name);
  if (!found)
    throw new Error(`no provider called ${name}: use one of ${plugins.map((p) => p.name).join(', ')}`);
  return found;
}

/** `payu-fake`, …: the providers of a list that have a local fake. */
export const fakeChoices = (plugins: readonly { readonly name: string; startFake?: unknown }[]): string[] =>
  plugins.flatMap((plugin) => (plugin.startFake ? [`${plugin.name}-fake`] : []));

/** A provider's local fake, started; its block for the configuration and how to name and stop it. */
export async function startProviderFake(
  plugins: readonly (ServerPaymentPlugin | ServerPickupPlugin)[],
  choice: string,
): Promise<{ block: { provider: string; settings: unknown }; label: string; close(): Promise<void> }> {
  const plugin = plugins.find((candidate) => `${candidate.name}-fake` === choice);
  if (!plugin?.startFake)
    throw new Error(`no local fake called ${choice}: use one of ${fakeChoices(plugins).join(', ')}`);
  const fake = await plugin.startFake();
  return {
    block: { provider: plugin.name, settings: fake.config },
    label: `${plugin.label} (local fake) ${fake.url}`,
    close: () => fake.close(),
  };
}
