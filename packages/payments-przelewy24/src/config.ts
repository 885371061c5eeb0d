import type { PluginSetting } from '@kasa/core';
import { z } from 'zod';

/** Where each value is in the Przelewy24 panel (panel.przelewy24.pl, or panel.sandbox.przelewy24.pl). */
export const PANEL = {
  merchantId:
    'P24 panel › Moje dane (My data): "ID sprzedawcy" (merchant ID), also shown at the top of the panel',
  posId:
    'P24 panel › Moje dane › Dane API i konfiguracja (API and configuration data): "ID sklepu" (shop/POS ID; the merchant ID unless you have several shops)',
  apiKey:
    'P24 panel › Moje dane › Dane API i konfiguracja (API and configuration data): "Klucz do raportów" (the REST API key)',
  crc: 'P24 panel › Moje dane › Dane API i konfiguracja (API and configuration data): "Klucz do CRC" (CRC key)',
} as const;

/** Przelewy24's hosts: the REST API is under `/api/v1`, the payment page under `/trnRequest/{token}`. */
export const P24_HOSTS = {
  production: 'https://secure.przelewy24.pl',
  sandbox: 'https://sandbox.przelewy24.pl',
} as const;

export type P24Environment = keyof typeof P24_HOSTS;

const id = (field: 'merchantId' | 'posId') =>
  z.coerce
    .number({ message: `przelewy24.${field} must be a number: ${PANEL[field]}` })
    .int({ message: `przelewy24.${field} must be a whole number: ${PANEL[field]}` })
    .positive({ message: `przelewy24.${field} is required: ${PANEL[field]}` });

const secret = (field: 'apiKey' | 'crc') =>
  z
    .string({ message: `przelewy24.${field} is required: ${PANEL[field]}` })
    .trim()
    .min(8, { message: `przelewy24.${field} is too short: copy it again from ${PANEL[field]}` });

/**
 * One Przelewy24 shop. Credentials of the sandbox and of production differ: each environment has its
 * own panel and keys.
 */
export const przelewy24ConfigSchema = z
  .strictObject({
    merchantId: id('merchantId'),
    /** Defaults to the merchant ID, as P24 does. */
    posId: id('posId').optional(),
    apiKey: secret('apiKey'),
    crc: secret('crc'),
    environment: z
      .enum(['sandbox', 'production'], {
        message:
          'przelewy24.environment must be "sandbox" (sandbox.przelewy24.pl, test keys) or "production" (secure.przelewy24.pl)',
      })
      .default('sandbox'),
    /** Points the client at another host (the local fake); wins over `environment`. */
    baseUrl: z
      .string()
      .refine((u) => URL.canParse(u) && /^https?:\/\//.test(u), {
        message:
          'przelewy24.baseUrl must be an http(s) address, e.g. http://127.0.0.1:4010 for the local fake',
      })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    /** Per-call timeout. */
    timeoutMs: z.coerce.number().int().min(50).max(120_000).default(10_000),
    /**
     * For pay-by-link and card (the shopper goes to P24's page): `true` makes the widget ask P24's
     * consent as an unticked checkbox and sends `regulationAccept: true` once the shopper ticked it;
     * `false` (default) lets P24's page ask. BLIK Level 0 never reaches P24's page, so the widget
     * always asks the consent for it and sends `regulationAccept: true` with the ticked consent.
     */
    regulationAccept: z.boolean().default(false),
    /**
     * P24 requires the payer's e-mail at registration. The server sends the checkout's contact e-mail
     * (`StartPayment.payerEmail`); this address (the shop's) is used only when a start carries none.
     */
    payerEmailFallback: z
      .email({ message: 'przelewy24.payerEmailFallback must be an e-mail address (the shop’s own)' })
      .optional(),
  })
  .transform((c) => ({ ...c, posId: c.posId ?? c.merchantId }));

export type Przelewy24ConfigInput = z.input<typeof przelewy24ConfigSchema>;
export type Przelewy24Config = z.output<typeof przelewy24ConfigSchema>;

/** The host the client talks to. */
export const baseUrlOf = (config: Pick<Przelewy24Config, 'baseUrl' | 'environment'>): string =>
  config.baseUrl ?? P24_HOSTS[config.environment];

/** Dotted paths inside `payments` → environment variables and where to find each value. */
export const przelewy24Settings: Readonly<Record<string, PluginSetting>> = {
  merchantId: { env: 'KASA_P24_MERCHANT_ID', where: PANEL.merchantId },
  posId: { env: 'KASA_P24_POS_ID', where: PANEL.posId },
  apiKey: { env: 'KASA_P24_API_KEY', where: PANEL.apiKey, secret: true },
  crc: { env: 'KASA_P24_CRC', where: PANEL.crc, secret: true },
  environment: {
    env: 'KASA_P24_ENVIRONMENT',
    where: '"sandbox" while testing with the sandbox panel’s keys, "production" when live',
  },
};
