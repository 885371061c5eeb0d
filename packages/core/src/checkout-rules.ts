/**
 * The checkout's rules, written once for the widget's state machine and the server: which sections
 * hold what an order needs, and what may still change once the order exists. Pure and tiny (types
 * and a few comparisons, no zod), because the widget's bundle carries it.
 */
import type { CheckoutStatus } from './api.ts';

/** A section whose data the shopper fills in, in the order the checkout asks for them. */
export type FormSection = 'contact' | 'delivery' | 'payment';

/** What the shopper can change, as the API's `PUT /api/checkouts/{id}/…` resources name it. */
export type CheckoutPart = 'cart' | 'contact' | 'delivery' | 'invoice' | 'consents' | 'paymentMethod';

/** A section an order still lacks, as the API names it (`missing` in the checkout's answer). */
export type MissingPart = Extract<CheckoutPart, 'contact' | 'delivery' | 'paymentMethod'>;

/** What the checkout holds so far; the server's stored data and the API's answer both fit. */
export interface CheckoutAnswers {
  readonly contact?: object;
  readonly delivery?: object;
  readonly paymentMethodId?: string;
}

/** The form sections in the order the checkout asks for them. */
export const FORM_SECTIONS: readonly FormSection[] = ['contact', 'delivery', 'payment'];

/**
 * The part a section saves: the payment section saves the payment method.
 *
 * @example partOfSection('payment'); // 'paymentMethod'
 */
export const partOfSection = (section: FormSection): MissingPart =>
  section === 'payment' ? 'paymentMethod' : section;

/**
 * Which sections are complete: contact details given, a delivery chosen, a payment method chosen.
 *
 * @example completedSections({ contact }); // { contact: true, delivery: false, payment: false }
 */
export function completedSections(answers: CheckoutAnswers): Record<FormSection, boolean> {
  return {
    contact: Boolean(answers.contact),
    delivery: Boolean(answers.delivery),
    payment: Boolean(answers.paymentMethodId),
  };
}

/**
 * The sections still incomplete, in the order the checkout asks for them, as the API names them. An
 * order can be placed only when this is empty.
 *
 * @example missingParts({ contact: true, delivery: false, payment: false }); // ['delivery', 'paymentMethod']
 */
export function missingParts(completed: Readonly<Record<FormSection, boolean>>): MissingPart[] {
  return FORM_SECTIONS.filter((section) => !completed[section]).map(partOfSection);
}

/**
 * The first section still incomplete, or undefined when the order has all it needs.
 *
 * @example firstIncomplete({ contact: true, delivery: false, payment: false }); // 'delivery'
 */
export const firstIncomplete = (completed: Readonly<Record<FormSection, boolean>>): FormSection | undefined =>
  FORM_SECTIONS.find((section) => !completed[section]);

/**
 * Whether the shopper may still change a part. Before the order exists, everything. Once it exists
 * the platform holds the cart, contact, delivery, invoice and consents, so they are frozen; the
 * payment method may change while the order awaits payment (a refused BLIK code, then a card), and
 * not once it is paid, cash on delivery or cancelled.
 *
 * @example
 * canChange('contact', 'awaiting_payment'); // false
 * canChange('paymentMethod', 'awaiting_payment'); // true
 */
export function canChange(part: CheckoutPart, status: CheckoutStatus): boolean {
  return status === 'open' || (status === 'awaiting_payment' && part === 'paymentMethod');
}
