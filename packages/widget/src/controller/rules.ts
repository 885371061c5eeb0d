/**
 * What the form asks and whether the answers are good: pure functions over the widget state, shared by
 * the controller (blur, saves, submit) and the UI (which fields to show).
 */
import {
  type ErrorCode,
  formatPhone,
  normaliseBlikCode,
  type PaymentMethod,
  type Result,
  type ShippingOption,
  validateEmail,
  validateNip,
  validatePhone,
  validatePostcode,
} from '@kasa/core';
import type { ErrorTarget, FieldPath, FormValues, Step, WidgetConfig, WidgetState } from './types.ts';

export const CONTACT_FIELDS = ['email', 'phone', 'firstName', 'lastName'] as const satisfies FieldPath[];
/** An address in the form: the delivery address (`address.*`) or the company's, for its invoice (`invoice.*`). */
export type AddressOf = 'address' | 'invoice';
export const ADDRESS_PARTS = ['street', 'buildingNumber', 'flatNumber', 'postcode', 'city'] as const;
export const addressFields = <P extends AddressOf>(of: P) =>
  ADDRESS_PARTS.map((part) => `${of}.${part}` as const);
export const ADDRESS_FIELDS = addressFields('address');
/** A Polish VAT invoice names the buyer's address: on the locker path nothing else gives it. */
export const INVOICE_FIELDS = [
  'invoice.nip',
  'invoice.companyName',
  ...addressFields('invoice'),
] as const satisfies FieldPath[];

export type TextPath = Exclude<FieldPath, 'invoice.wanted' | `consents.${string}`>;

const required =
  (max: number) =>
  (input: string): Result<string> => {
    const value = input.trim();
    if (value === '') return { ok: false, error: { code: 'required' } };
    return value.length > max ? { ok: false, error: { code: 'too_long' } } : { ok: true, value };
  };
const optional =
  (max: number) =>
  (input: string): Result<string> =>
    input.trim() === '' ? { ok: true, value: '' } : required(max)(input);

/** Each text field's validator: forgiving input, one normalised value out (what the API gets). */
export const validators: Record<TextPath, (input: string) => Result<string>> = {
  email: validateEmail,
  phone: validatePhone,
  firstName: required(100),
  lastName: required(100),
  'address.street': optional(150),
  'address.buildingNumber': required(20),
  'address.flatNumber': optional(20),
  'address.postcode': validatePostcode,
  'address.city': required(100),
  'invoice.street': optional(150),
  'invoice.buildingNumber': required(20),
  'invoice.flatNumber': optional(20),
  'invoice.postcode': validatePostcode,
  'invoice.city': required(100),
  'invoice.nip': validateNip,
  'invoice.companyName': required(200),
  pointQuery: optional(100),
  blikCode: (input) =>
    input.trim() === '' ? { ok: false, error: { code: 'required' } } : normaliseBlikCode(input),
};

export const isTextPath = (path: FieldPath): path is TextPath =>
  path !== 'invoice.wanted' && !path.startsWith('consents.');

export const chosenShipping = (state: WidgetState): ShippingOption | undefined =>
  state.view.shippingOptions.find((option) => option.id === state.shippingOptionId);

export const chosenMethod = (state: WidgetState): PaymentMethod | undefined =>
  state.view.paymentMethods.find((method) => method.id === state.paymentMethodId);

/** Fields and choices the shopper must answer, in the order they are shown (the first error gets focus). */
export function askedTargets(state: WidgetState, config: WidgetConfig): ErrorTarget[] {
  const kind = chosenShipping(state)?.kind;
  return [
    ...CONTACT_FIELDS,
    'shippingOption',
    ...(kind === 'locker' ? (['pickupPoint'] as const) : []),
    ...(kind === 'courier' ? ADDRESS_FIELDS : []),
    ...(state.form['invoice.wanted'] ? INVOICE_FIELDS : []),
    'paymentMethod',
    // Before the BLIK code: in multi-step the consent is on the payment step, the code on the last.
    ...(chosenMethod(state)?.processorNotice?.requiresConsent ? (['consents.processor'] as const) : []),
    ...(chosenMethod(state)?.kind === 'blik' ? (['blikCode'] as const) : []),
    ...(config.termsUrl ? (['consents.terms'] as const) : []),
  ];
}

/** The problem with one field or choice, if any. `strict` also reports empty required fields (on submit). */
export function problemWith(target: ErrorTarget, state: WidgetState, strict: boolean): ErrorCode | undefined {
  switch (target) {
    case 'shippingOption':
      return chosenShipping(state) ? undefined : 'required';
    case 'pickupPoint':
      return state.pickupPointId ? undefined : 'pickup_point_required';
    case 'paymentMethod':
      return chosenMethod(state) ? undefined : 'required';
    case 'consents.terms':
      return state.form['consents.terms'] ? undefined : 'required';
    case 'consents.processor':
      return state.form['consents.processor'] ? undefined : 'processor_consent_required';
    case 'invoice.wanted':
    case 'consents.marketingEmail':
    case 'consents.marketingSms':
    case 'consents.remember':
      return undefined;
  }
  const input = state.form[target];
  if (!strict && input.trim() === '') return undefined;
  const result = validators[target](input);
  return result.ok ? undefined : result.error.code;
}

/** The value shown after a good blur: postcode as NN-NNN, phone as "512 345 678", the rest trimmed. */
export function tidy(path: TextPath, input: string): string {
  if (path === 'blikCode') return input;
  if (path === 'phone') return formatPhone(input.trim());
  const result = validators[path](input);
  return result.ok ? result.value : input;
}

/**
 * Splits what browser autofill puts in address-line1 ("Długa 5/3") into street, building and flat,
 * when the building number is still empty.
 *
 * @example splitStreet('ul. Długa 5/3'); // { street: 'ul. Długa', buildingNumber: '5', flatNumber: '3' }
 */
export function splitStreet(
  input: string,
): { street: string; buildingNumber: string; flatNumber: string } | undefined {
  const match = /^(.*\S)\s+(\d+[a-zA-Z]?)(?:\s*(?:\/|m\.?|lok\.?)\s*(\d+[a-zA-Z]?))?$/.exec(input.trim());
  if (!match) return undefined;
  return { street: match[1] ?? '', buildingNumber: match[2] ?? '', flatNumber: match[3] ?? '' };
}

/** Multi-step: the step on which a field or choice is asked. */
export function stepOf(target: ErrorTarget): Step {
  // The processor's consent sits under the payment methods.
  if (target === 'paymentMethod' || target === 'consents.processor' || target.startsWith('invoice.'))
    return 2;
  if (target === 'blikCode' || target.startsWith('consents.')) return 3;
  return 1;
}

/** The normalised value of a text field (for API bodies), or '' when invalid. */
export function clean(form: FormValues, path: TextPath): string {
  const result = validators[path](form[path]);
  return result.ok ? result.value : '';
}
