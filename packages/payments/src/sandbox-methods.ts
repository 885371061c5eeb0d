import type { Money, PaymentKind, PaymentMethod } from '@kasa/core';
import { money } from '@kasa/core';

/** The sandbox provider's id, also each method's `provider`. */
export const SANDBOX_PROVIDER_ID = 'sandbox';
/** Cash on delivery costs extra, as with most Polish couriers. */
export const COD_FEE: Money = money(500);

interface MethodRule {
  readonly kind: PaymentKind;
  readonly label: string;
  readonly plnOnly: boolean;
  /** Inclusive limits in grosze. */
  readonly min?: number;
  readonly max?: number;
  readonly fee?: Money;
}

/** Polish-market order (BLIK first, as BLIK's checklist recommends). */
const RULES: readonly MethodRule[] = [
  { kind: 'blik', label: 'BLIK', plnOnly: true, min: 100 },
  { kind: 'pbl', label: 'Szybki przelew', plnOnly: true },
  { kind: 'card', label: 'Karta płatnicza', plnOnly: false },
  // Deferred payment is a loan: the shopper is told who lends (PayPo-like limits, as in the sandbox).
  { kind: 'bnpl', label: 'PayPo: kup teraz, zapłać za 30 dni', plnOnly: true, min: 5_000, max: 500_000 },
  { kind: 'cod', label: 'Płatność przy odbiorze', plnOnly: true, max: 200_000, fee: COD_FEE },
];

/**
 * The methods the sandbox offers for an amount. Only the currency and amount matter: the shop ships
 * within Poland, so `country` does not narrow the list.
 *
 * @example sandboxMethods({ amount: money(3000), country: 'PL' }).map((m) => m.kind); // ['blik', 'pbl', 'card', 'cod']
 */
export function sandboxMethods(input: { amount: Money; country: string }): PaymentMethod[] {
  const { amount, currency } = input.amount;
  if (amount <= 0) return [];
  return RULES.filter(
    (rule) =>
      (!rule.plnOnly || currency === 'PLN') &&
      (rule.min === undefined || amount >= rule.min) &&
      (rule.max === undefined || amount <= rule.max),
  ).map((rule) => ({
    id: rule.kind,
    kind: rule.kind,
    provider: SANDBOX_PROVIDER_ID,
    label: rule.label,
    ...(rule.fee === undefined ? {} : { fee: rule.fee }),
  }));
}
