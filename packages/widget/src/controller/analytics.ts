/**
 * Builds the widget's analytics events from state. Events name fields but never carry what was typed:
 * only ids, amounts from the server's totals, codes and booleans go in.
 */
import { checkoutAmount, checkoutItems, eventToken, type FieldName, type Section } from '@kasa/core';
import { chosenMethod, chosenShipping } from './rules.ts';
import type { ErrorTarget, WidgetConfig, WidgetEvent, WidgetState } from './types.ts';

const FIELD_NAMES: Partial<Record<ErrorTarget, FieldName>> = {
  email: 'email',
  phone: 'phone',
  firstName: 'firstName',
  lastName: 'lastName',
  'address.street': 'street',
  'address.buildingNumber': 'buildingNumber',
  'address.flatNumber': 'flatNumber',
  'address.postcode': 'postcode',
  'address.city': 'city',
  'invoice.nip': 'nip',
  'invoice.companyName': 'companyName',
  'invoice.street': 'street',
  'invoice.buildingNumber': 'buildingNumber',
  'invoice.flatNumber': 'flatNumber',
  'invoice.postcode': 'postcode',
  'invoice.city': 'city',
  'consents.terms': 'terms',
  blikCode: 'blikCode',
  shippingOption: 'shippingOption',
  pickupPoint: 'pickupPoint',
  paymentMethod: 'paymentMethod',
};

/** The event schema's name for a field, or undefined for fields events do not track (marketing ticks, search). */
export const fieldName = (target: ErrorTarget): FieldName | undefined => FIELD_NAMES[target];

/** The checkout section a field belongs to, for field events. */
export function sectionOfField(target: ErrorTarget): Section {
  if (target.startsWith('address.') || target === 'shippingOption' || target === 'pickupPoint')
    return 'delivery';
  if (target.startsWith('invoice.') || target === 'paymentMethod' || target === 'blikCode') return 'payment';
  if (target.startsWith('consents.')) return 'review';
  return 'contact';
}

/** The section the shopper is looking at: the machine's in one-page, the step's in multi-step. */
export function shownSection(state: WidgetState, config: WidgetConfig): Section {
  const section = state.checkout.section;
  if (config.layout === 'one-page' || ['paying', 'paid', 'failed'].includes(section)) return section;
  return state.step === 1
    ? section === 'delivery'
      ? 'delivery'
      : 'contact'
    : state.step === 2
      ? 'payment'
      : 'review';
}

const id = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';

export function beginCheckout(state: WidgetState, config: WidgetConfig): WidgetEvent {
  return {
    name: 'begin_checkout',
    params: { ...checkoutAmount(state.view), items: checkoutItems(state.view), layout: config.layout },
  };
}

export function shippingInfo(state: WidgetState): WidgetEvent | undefined {
  const option = chosenShipping(state);
  if (!option) return undefined;
  return {
    name: 'add_shipping_info',
    params: {
      ...checkoutAmount(state.view),
      shipping_tier: eventToken(option.id),
      shipping_kind: option.kind,
    },
  };
}

export function paymentInfo(state: WidgetState): WidgetEvent | undefined {
  const method = chosenMethod(state);
  return (
    method && {
      name: 'add_payment_info',
      params: { ...checkoutAmount(state.view), payment_type: method.kind },
    }
  );
}

export function purchase(state: WidgetState): WidgetEvent | undefined {
  const { view } = state;
  if (!view.order) return undefined;
  const method = chosenMethod(state) ?? view.paymentMethods.find((m) => m.id === view.paymentMethodId);
  return {
    name: 'purchase',
    params: {
      ...checkoutAmount(view),
      transaction_id: id(view.order.id),
      shipping: view.totals.shipping.amount,
      tax: view.totals.vat.reduce((sum, line) => sum + line.vat.amount, 0),
      items: checkoutItems(view),
      ...(method ? { payment_type: method.kind } : {}),
    },
  };
}
