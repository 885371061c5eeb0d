import { type Money, money, toDecimalString } from '@kasa/core';

const DECIMAL = /^(\d{1,13})(?:\.(\d{1,9}))?$/;

/**
 * Reads an amount as PrestaShop prints it (`"12.990000"`, `"12.99"`, or a JSON number) into integer
 * minor units. PrestaShop keeps six decimals; anything past the grosz is rounded half up, which is
 * what `Tools::ps_round` does with the default rounding mode. Undefined for anything else.
 *
 * @example parseAmount('12.990000', 'PLN'); // money(1299)
 */
export function parseAmount(value: unknown, currency: string): Money | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value.toFixed(6) : value;
  if (typeof text !== 'string') return undefined;
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  const grosze = BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
  const rest = fraction.slice(2);
  const roundUp = rest.length > 0 && Number(rest[0]) >= 5;
  const minor = grosze + (roundUp ? 1n : 0n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return money(Number(minor), currency);
}

/** An amount the way the webservice takes it: a plain decimal with the currency's decimals. */
export const formatAmount = (amount: Money): string => toDecimalString(amount);
