import { fromDecimalString, type Money, minorUnitExponent, money } from '@kasa/core';

/**
 * Every conversion between WooCommerce amounts and Kasa's Money lives here. The Store API sends
 * minor-unit integer strings with the shop's `currency_minor_unit` ("1299" with 2 = 12,99 zł); REST
 * v3 sends decimal strings ("12.99").
 */

/**
 * A Store API amount as Money. The shop may show fewer decimals than ISO 4217 has (a PLN shop set
 * to 0 decimals sends "13" for 13 zł); more decimals than ISO would lose grosze, so they throw.
 *
 * @example storeMoney('1299', 'PLN', 2); // money(1299)
 * @example storeMoney('13', 'PLN', 0); // money(1300)
 */
export function storeMoney(value: string, currency: string, minorUnit: number): Money {
  if (!/^-?\d+$/.test(value)) throw new RangeError(`not a minor-unit amount: '${value}'`);
  const shift = minorUnitExponent(currency) - minorUnit;
  if (shift < 0) {
    throw new RangeError(
      `${currency} has ${minorUnitExponent(currency)} decimals, the shop sends ${minorUnit}`,
    );
  }
  const amount = BigInt(value) * 10n ** BigInt(shift);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount too large: '${value}'`);
  }
  return money(Number(amount), currency);
}

/** @example restMoney('29.35', 'PLN'); // money(2935) */
export const restMoney = (value: string, currency: string): Money => fromDecimalString(value, currency);
