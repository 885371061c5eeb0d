import type { Money } from '@kasa/core';
import { formatAmount, parseAmount } from './amounts.ts';

/**
 * Kasa's mark on the guest customer it creates: the customer's private note (a field the webservice
 * can filter on and the back office shows). It names the Kasa checkout and the total the shopper
 * agreed to, so a retry finds what an earlier attempt created and an order can be read back.
 *
 * @example kasaNote('chk_1', money(12345)); // 'kasa:checkout=chk_1;total=123.45;currency=PLN'
 */

export const NOTE_PREFIX = 'kasa:checkout=';

/** Checkout ids go into a `filter[note]` value, so they must not contain the filter syntax `[]|,%`. */
export const SAFE_CHECKOUT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export const notePrefix = (checkoutId: string): string => `${NOTE_PREFIX}${checkoutId};`;

export function kasaNote(checkoutId: string, total: Money, cancelled = false): string {
  return `${notePrefix(checkoutId)}total=${formatAmount(total)};currency=${total.currency}${cancelled ? ';cancelled=1' : ''}`;
}

export interface ParsedNote {
  readonly checkoutId: string;
  readonly total?: Money;
  readonly cancelled: boolean;
}

export function parseKasaNote(note: string): ParsedNote | undefined {
  if (!note.startsWith(NOTE_PREFIX)) return undefined;
  const fields = new Map(
    note
      .slice('kasa:'.length)
      .split(';')
      .map((pair) => pair.split('=', 2) as [string, string | undefined]),
  );
  const checkoutId = fields.get('checkout');
  if (!checkoutId || !SAFE_CHECKOUT_ID.test(checkoutId)) return undefined;
  const currency = fields.get('currency') ?? 'PLN';
  const total = /^[A-Z]{3}$/.test(currency) ? parseAmount(fields.get('total'), currency) : undefined;
  return { checkoutId, ...(total ? { total } : {}), cancelled: fields.get('cancelled') === '1' };
}
