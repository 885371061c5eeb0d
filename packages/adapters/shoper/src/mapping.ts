import { KasaError } from '@kasa/core';
import type { z } from 'zod';
import type { ShoperConfig } from './config.ts';
import type { ShoperRest } from './rest/client.ts';
import { listAll } from './rest/list.ts';
import { currencySchema, type shippingSchema, statusSchema, taxSchema } from './rest/schemas.ts';

export type Status = z.output<typeof statusSchema>;
export type Tax = z.output<typeof taxSchema>;
export type Currency = z.output<typeof currencySchema>;
export type ShippingRow = z.output<typeof shippingSchema>;

/** The shop's ids Kasa's orders use, read once per adapter. */
export interface ShopIds {
  readonly statuses: { readonly unpaid: number; readonly paid: number; readonly cancelled: number };
  /** Tax rate (percent) by tax id. */
  readonly taxRates: ReadonlyMap<number, number>;
  /** The PLN currency's id. */
  readonly plnId: number;
}

/**
 * The statuses Kasa's orders move through: the configured ids, else by status type (1 new for
 * unpaid; 2 opened for paid, else the first type 1 that is not the default; for cancelled the
 * type 3 closed or 4 not completed whose name says cancelled, "anulowane", else the last of type 3).
 *
 * @example pickStatuses([{ status_id: 1, type: 1 }, { status_id: 2, type: 2 }, { status_id: 5, type: 3 }], {});
 * // { unpaid: 1, paid: 2, cancelled: 5 }
 */
export function pickStatuses(
  statuses: readonly Status[],
  configured: ShoperConfig['statusIds'],
): ShopIds['statuses'] {
  const active = statuses.filter((s) => s.active !== false);
  const ofType = (type: number) => active.filter((s) => s.type === type);
  const named = (list: readonly Status[], pattern: RegExp) =>
    list.find((s) => Object.values(s.translations ?? {}).some((t) => pattern.test(t.name ?? t.title ?? '')));
  const newOnes = ofType(1);
  const unpaid = configured.unpaid ?? (newOnes.find((s) => s.default) ?? newOnes[0])?.status_id;
  const opened = ofType(2);
  const paid = configured.paid ?? (named(opened, /opłac|paid/i) ?? opened[0])?.status_id;
  const closed = ofType(3);
  const cancelled =
    configured.cancelled ??
    (named([...closed, ...ofType(4)], /anul|cancel/i) ?? closed.at(-1) ?? ofType(4)[0])?.status_id;
  const missing = [
    unpaid === undefined ? 'unpaid (type 1 "nowe")' : undefined,
    paid === undefined ? 'paid (type 2 "otwarte")' : undefined,
    cancelled === undefined ? 'cancelled (type 3 "zamknięte")' : undefined,
  ].filter((m) => m !== undefined);
  if (unpaid === undefined || paid === undefined || cancelled === undefined) {
    throw new KasaError('platform_config_invalid', {
      details: {
        platform: 'shoper',
        issues: [
          {
            path: 'shoper.statusIds',
            message: `shoper.statusIds: the shop has no active order status for ${missing.join(', ')}; set shoper.statusIds (Ustawienia → Obsługa zamówienia → Statusy zamówień)`,
          },
        ],
      },
    });
  }
  return { unpaid, paid, cancelled };
}

/**
 * The PLN currency's id; a shop without PLN is refused (Kasa sells in PLN only).
 *
 * @example plnIdOf([{ currency_id: 1, name: 'PLN' }]); // 1
 */
export function plnIdOf(currencies: readonly Currency[]): number {
  const pln = currencies.find((c) => c.name.toUpperCase() === 'PLN');
  if (pln === undefined) {
    throw new KasaError('platform_config_invalid', {
      details: {
        platform: 'shoper',
        issues: [{ path: 'shoper', message: 'shoper: the shop has no PLN currency; Kasa sells in PLN only' }],
      },
    });
  }
  return pln.currency_id;
}

/**
 * Reads and keeps the shop's ids (statuses, taxes, currencies; 3 calls, once per adapter).
 * `refresh()` forgets them, for when the shop refused an id Kasa sent.
 *
 * @example const ids = new ShopIdCache(rest, config); const { statuses } = await ids.get();
 */
export class ShopIdCache {
  #ids: Promise<ShopIds> | undefined;
  #refreshed = false;

  readonly #rest: ShoperRest;
  readonly #config: ShoperConfig;

  constructor(rest: ShoperRest, config: ShoperConfig) {
    this.#rest = rest;
    this.#config = config;
  }

  get(): Promise<ShopIds> {
    if (this.#ids === undefined) {
      const loading = this.#load();
      this.#ids = loading;
      loading.catch(() => {
        if (this.#ids === loading) this.#ids = undefined;
      });
    }
    return this.#ids;
  }

  /** Forgets the ids once per adapter life; true when they will be read again. */
  refresh(): boolean {
    if (this.#refreshed) return false;
    this.#refreshed = true;
    this.#ids = undefined;
    return true;
  }

  async #load(): Promise<ShopIds> {
    const statuses = await listAll(this.#rest, 'ids: GET /statuses', '/statuses', statusSchema);
    const taxes = await listAll(this.#rest, 'ids: GET /taxes', '/taxes', taxSchema);
    const currencies = await listAll(this.#rest, 'ids: GET /currencies', '/currencies', currencySchema);
    return {
      statuses: pickStatuses(statuses, this.#config.statusIds),
      taxRates: new Map(taxes.map((t) => [t.tax_id, t.value])),
      plnId: plnIdOf(currencies),
    };
  }
}
