/**
 * Shopify's money (`{ amount: 12.34, currencyCode: 'PLN' }`, in major units) as Kasa's integer
 * minor units.
 */
import type { MoneyV2 } from '@shopify/web-pixels-extension';

/** The largest amount a browser event may carry (MAX_BROWSER_AMOUNT in @kasa/core). */
export const MAX_SHOWN_AMOUNT = 1_000_000_000;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * How many minor digits a currency has (2 for PLN, 0 for JPY), as Intl knows it; 2 when unknown.
 *
 * @example minorDigits('JPY'); // 0
 */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * An amount in minor units, or undefined when it is missing, negative or past what a browser event
 * may carry.
 *
 * @example minorUnits({ amount: 129.99, currencyCode: 'PLN' }); // 12999
 */
export function minorUnits(money: MoneyV2 | null | undefined): number | undefined {
  if (!money || !Number.isFinite(money.amount)) return undefined;
  const value = Math.round(money.amount * 10 ** minorDigits(money.currencyCode));
  return value >= 0 && value <= MAX_SHOWN_AMOUNT ? value : undefined;
}

/**
 * A currency code Kasa's events accept, or undefined.
 *
 * @example currencyOf('pln'); // undefined
 */
export const currencyOf = (code: string | null | undefined): string | undefined =>
  code && CURRENCY.test(code) ? code : undefined;
