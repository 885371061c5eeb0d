/**
 * The widget's first state, built from the server's view (and whatever the shopper typed before the
 * script arrived, or had typed on an earlier visit). Pure and DOM-free: the server renders from it too.
 */
import {
  type BlikState,
  type CheckoutSection,
  type CheckoutState,
  type CheckoutView,
  completedSections,
  formatBlikCode,
  formatPhone,
  initialBlikState,
  nextSection,
} from '@kasa/core';
import { outcomeOf } from './machines.ts';
import type { FormValues, Notice, RestoredValues, Step, WidgetConfig, WidgetState } from './types.ts';

export const emptyForm: FormValues = {
  email: '',
  phone: '',
  firstName: '',
  lastName: '',
  'address.street': '',
  'address.buildingNumber': '',
  'address.flatNumber': '',
  'address.postcode': '',
  'address.city': '',
  'invoice.wanted': false,
  'invoice.nip': '',
  'invoice.companyName': '',
  'invoice.street': '',
  'invoice.buildingNumber': '',
  'invoice.flatNumber': '',
  'invoice.postcode': '',
  'invoice.city': '',
  'consents.terms': false,
  'consents.marketingEmail': false,
  'consents.marketingSms': false,
  'consents.remember': false,
  'consents.processor': false,
  pointQuery: '',
  blikCode: '',
};

/** The form as the server's view fills it in. */
export function formFromView(view: CheckoutView): FormValues {
  const address = view.delivery?.address;
  const billing = view.company?.address;
  return {
    ...emptyForm,
    email: view.contact?.email ?? '',
    phone: view.contact ? formatPhone(view.contact.phone) : '',
    firstName: view.contact?.firstName ?? '',
    lastName: view.contact?.lastName ?? '',
    'address.street': address?.street ?? '',
    'address.buildingNumber': address?.buildingNumber ?? '',
    'address.flatNumber': address?.flatNumber ?? '',
    'address.postcode': address?.postcode ?? '',
    'address.city': address?.city ?? '',
    'invoice.wanted': Boolean(view.company),
    'invoice.nip': view.company?.nip ?? '',
    'invoice.companyName': view.company?.name ?? '',
    'invoice.street': billing?.street ?? '',
    'invoice.buildingNumber': billing?.buildingNumber ?? '',
    'invoice.flatNumber': billing?.flatNumber ?? '',
    'invoice.postcode': billing?.postcode ?? '',
    'invoice.city': billing?.city ?? '',
    'consents.terms': view.consents.terms,
    'consents.marketingEmail': view.consents.marketingEmail,
    'consents.marketingSms': view.consents.marketingSms,
  };
}

/** The checkout machine's state as the server's view implies it (the server is the truth after a reload). */
export function checkoutFromView(view: CheckoutView): CheckoutState {
  const completed = completedSections(view);
  const base = { completed, orderPlaced: Boolean(view.order), paymentAttempts: 0 };
  const status = view.payment?.status;
  let section: CheckoutSection = nextSection({ ...base, section: 'contact' });
  // Cancelled first: a payment taken for an order the shop never confirmed is refunded, not a purchase.
  if (view.status === 'cancelled') section = 'failed';
  else if (view.status === 'paid' || view.status === 'cash_on_delivery' || status === 'paid')
    section = 'paid';
  else if (status === 'awaiting_confirmation' || status === 'pending' || status === 'redirect')
    section = 'paying';
  else if (view.order) section = 'payment';
  return { ...base, section };
}

/** BLIK sub-state after a reload: waiting for the bank app if the server says so, else a fresh field. */
export function blikFromView(view: CheckoutView, digits: string): BlikState {
  const payment = view.payment;
  if (payment?.method === 'blik' && payment.status === 'awaiting_confirmation') {
    return { status: 'awaiting_app_confirmation', digits: '', deadline: payment.confirmBy };
  }
  const clean = digits.replace(/\D/g, '').slice(0, 6);
  return clean ? { status: clean.length === 6 ? 'code_entered' : 'idle', digits: clean } : initialBlikState;
}

/**
 * Back from a bank page (a new page load): what became of the order's payment, so a decline or a
 * payment left unfinished is said at once, in the first view, and never silently.
 */
export function noticeOnReturn(view: CheckoutView): Notice | undefined {
  const { payment } = view;
  // The shop never confirmed the order: the payment was returned (or the shop will return it).
  const reason = payment?.reason;
  if (view.status === 'cancelled' && (reason === 'payment_refunded' || reason === 'refund_due'))
    return reason;
  if (!payment || payment.method === 'blik' || view.status !== 'awaiting_payment') return undefined;
  if (payment.status === 'redirect') return 'payment_unfinished';
  return outcomeOf(payment) === 'failed' ? 'payment_declined' : undefined;
}

const defined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * @example
 * const state = initialState(view, { api: '', layout: 'one-page', locale: 'pl' });
 * state.paymentMethodId; // the BLIK method's id when the shop offers BLIK and nothing was chosen
 * // (unless `config.paymentOrder` is 'blik-among-others')
 */
export function initialState(
  view: CheckoutView,
  config: WidgetConfig,
  restored: RestoredValues = {},
): WidgetState {
  const { shippingOptionId, pickupPointId, paymentMethodId, step, locale: _locale, ...typed } = restored;
  const form: FormValues = { ...formFromView(view), ...defined(typed) };
  form.blikCode = formatBlikCode(form.blikCode);
  const offersShipping = (id?: string) => view.shippingOptions.some((option) => option.id === id);
  const offersMethod = (id?: string) => view.paymentMethods.some((method) => method.id === id);
  // BLIK first is BLIK chosen too; among the others it waits for the shopper's choice like them.
  const blik =
    config.paymentOrder === 'blik-among-others'
      ? undefined
      : view.paymentMethods.find((method) => method.kind === 'blik');
  // A choice of one is no choice: preselect it.
  const onlyOption = view.shippingOptions.length === 1 ? view.shippingOptions[0]?.id : undefined;
  const checkout = checkoutFromView(view);
  const savedPoint = view.delivery?.pickupPoint;
  const chosenPoint = pickupPointId ?? savedPoint?.id;
  const firstStep: Step = view.order && config.layout === 'multi-step' ? 3 : 1;
  return {
    view,
    locale: config.locale,
    form,
    shippingOptionId: offersShipping(shippingOptionId)
      ? shippingOptionId
      : (view.delivery?.optionId ?? onlyOption),
    pickupPointId: chosenPoint,
    paymentMethodId: offersMethod(paymentMethodId) ? paymentMethodId : (view.paymentMethodId ?? blik?.id),
    errors: {},
    notice: noticeOnReturn(view),
    step: step ?? firstStep,
    points: { query: form.pointQuery, status: 'idle', items: savedPoint ? [savedPoint] : [] },
    blik: blikFromView(view, form.blikCode),
    payment: view.payment,
    busy: false,
    checkout,
    now: 0,
  };
}
