import type { PaymentMethod } from '@kasa/core';

/**
 * The consent Przelewy24 requires on the merchant's page when a transaction is registered with
 * `regulationAccept: true` (always for BLIK Level 0, where the shopper never sees P24's page): an
 * unticked checkbox with links on "regulamin" and "obowiązek informacyjny". Wording from P24's
 * OpenAPI (`regulationAccept`) and the Polish text from Kasa's research notes (poland.md §1.5).
 */
export interface P24Consent {
  /** The checkbox label, in Polish. */
  readonly text: string;
  /** Parts of `text` that must be links. */
  readonly links: readonly { readonly label: string; readonly url: string }[];
  /** The shopper must tick it before paying; it is never ticked in advance. */
  readonly required: true;
  readonly checkedByDefault: false;
}

export const P24_CONSENT: P24Consent = {
  text: 'Oświadczam, że zapoznałem się z regulaminem i obowiązkiem informacyjnym serwisu Przelewy24',
  links: [
    { label: 'regulaminem', url: 'https://www.przelewy24.pl/regulamin' },
    { label: 'obowiązkiem informacyjnym', url: 'https://www.przelewy24.pl/obowiazekinformacyjny' },
  ],
  required: true,
  checkedByDefault: false,
};

/**
 * The consent as core's `PaymentMethod.processorNotice`: the text, its two links on their words, and
 * `requiresConsent`, so the widget shows an unticked checkbox the shopper must tick and the server
 * starts no payment with the method until it was (then `StartPayment.processorConsent` is true and
 * `regulationAccept: true` goes to P24).
 */
export const P24_PROCESSOR_NOTICE: Readonly<NonNullable<PaymentMethod['processorNotice']>> = {
  text: P24_CONSENT.text,
  links: P24_CONSENT.links.map((link) => ({ ...link })),
  requiresConsent: true,
};
