import type { Money, PaymentMethod } from '@kasa/core';

export const PAYU_PROVIDER_ID = 'payu';

/**
 * PayU's mandatory payer information, shown with each method when the shopper pays in Kasa's form
 * rather than on PayU's page (white-label). Its substance is from PayU's compliance page (reference:
 * poland.md §1.4): who processes the payment, PayU's payment terms, and PayU as the controller of
 * the payment data. PayU approves the merchant's screenshot before go-live, so keep the wording PayU
 * gives the shop if it differs.
 */
export const PAYU_PROCESSOR_NOTICE = {
  text:
    'Płatność obsługuje PayU S.A. Płacąc, akceptujesz „Zasady płatności PayU”. ' +
    'Administratorem Twoich danych osobowych w zakresie płatności jest PayU S.A. z siedzibą w Poznaniu ' +
    '(60-166), ul. Grunwaldzka 186.',
  termsUrl: 'https://static.payu.com/sites/terms/files/payu_terms_of_service_single_transaction_pl_pl.pdf',
} as const;

interface Rule {
  readonly kind: PaymentMethod['kind'];
  readonly label: string;
  readonly plnOnly: boolean;
  /** Inclusive minimum in grosze. */
  readonly min?: number;
}

/** BLIK first (BLIK's checklist), then bank transfer and card on PayU's page. */
const RULES: readonly Rule[] = [
  { kind: 'blik', label: 'BLIK', plnOnly: true, min: 100 },
  { kind: 'pbl', label: 'Szybki przelew (PayU)', plnOnly: true },
  { kind: 'card', label: 'Karta płatnicza (PayU)', plnOnly: false },
];

/**
 * The methods PayU offers for an amount, each with PayU's payer information.
 *
 * @example payuMethods({ amount: money(3000), country: 'PL' }).map((m) => m.kind); // ['blik', 'pbl', 'card']
 */
export function payuMethods(input: { amount: Money; country: string }): PaymentMethod[] {
  const { amount, currency } = input.amount;
  if (amount <= 0) return [];
  return RULES.filter(
    (r) => (!r.plnOnly || currency === 'PLN') && (r.min === undefined || amount >= r.min),
  ).map((r) => ({
    id: r.kind,
    kind: r.kind,
    provider: PAYU_PROVIDER_ID,
    label: r.label,
    processorNotice: { ...PAYU_PROCESSOR_NOTICE },
  }));
}
