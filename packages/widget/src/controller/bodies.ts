/**
 * The API bodies for each part of the checkout, built from the form once that part is complete and
 * valid, and only when the server does not already hold the same data (so nothing is sent twice).
 */
import type { Address, CheckoutPart, CheckoutView } from '@kasa/core';
import {
  type AddressOf,
  addressFields,
  CONTACT_FIELDS,
  chosenMethod,
  chosenShipping,
  clean,
  INVOICE_FIELDS,
  type TextPath,
  validators,
} from './rules.ts';
import type { ErrorTarget, WidgetState } from './types.ts';

/** The API sub-resources the widget saves, as in `PUT /api/checkouts/{id}/{part}`. */
export type SavePart = 'contact' | 'delivery' | 'invoice' | 'consents' | 'payment-method';
export const SAVE_ORDER: readonly SavePart[] = [
  'contact',
  'delivery',
  'invoice',
  'consents',
  'payment-method',
];

/** The part of the checkout a save changes, as the checkout rules (canChange) name it. */
export const changedBy = (part: SavePart): CheckoutPart =>
  part === 'payment-method' ? 'paymentMethod' : part;

type Body = Record<string, unknown>;

const valid = (state: WidgetState, paths: readonly TextPath[]) =>
  paths.every((path) => validators[path](state.form[path]).ok);

function contactBody(state: WidgetState): Body | undefined {
  if (!valid(state, CONTACT_FIELDS)) return undefined;
  return Object.fromEntries(CONTACT_FIELDS.map((path) => [path, clean(state.form, path)]));
}

function addressOf(state: WidgetState, of: AddressOf = 'address'): Omit<Address, 'country'> | undefined {
  if (!valid(state, addressFields(of))) return undefined;
  const street = clean(state.form, `${of}.street`);
  const flatNumber = clean(state.form, `${of}.flatNumber`);
  return {
    ...(street ? { street } : {}),
    buildingNumber: clean(state.form, `${of}.buildingNumber`),
    ...(flatNumber ? { flatNumber } : {}),
    postcode: clean(state.form, `${of}.postcode`),
    city: clean(state.form, `${of}.city`),
  };
}

/** An address as the view holds it, in the shape of a body (without the country). */
const held = (address: Address | undefined) => {
  if (!address) return undefined;
  const { country: _country, ...rest } = address;
  return rest;
};

function deliveryBody(state: WidgetState): Body | undefined {
  const option = chosenShipping(state);
  if (!option) return undefined;
  if (option.kind === 'locker') {
    return state.pickupPointId ? { optionId: option.id, pickupPointId: state.pickupPointId } : undefined;
  }
  if (option.kind === 'courier') {
    const address = addressOf(state);
    return address ? { optionId: option.id, address } : undefined;
  }
  return { optionId: option.id };
}

function invoiceBody(state: WidgetState): Body | undefined {
  if (!state.form['invoice.wanted']) return { company: null };
  if (!valid(state, INVOICE_FIELDS)) return undefined;
  return {
    company: {
      nip: clean(state.form, 'invoice.nip'),
      name: clean(state.form, 'invoice.companyName'),
      address: addressOf(state, 'invoice'),
    },
  };
}

function consentsBody(state: WidgetState): Body {
  return {
    terms: state.form['consents.terms'],
    marketingEmail: state.form['consents.marketingEmail'],
    marketingSms: state.form['consents.marketingSms'],
  };
}

/** What the server holds for a part, in the same shape as the body, to compare. */
function heldBy(part: SavePart, view: CheckoutView): Body | undefined {
  switch (part) {
    case 'contact':
      return view.contact ? { ...view.contact } : undefined;
    case 'delivery': {
      const d = view.delivery;
      if (!d) return undefined;
      return {
        optionId: d.optionId,
        ...(d.pickupPoint ? { pickupPointId: d.pickupPoint.id } : {}),
        ...(d.address ? { address: held(d.address) } : {}),
      };
    }
    case 'invoice':
      return {
        company: view.company
          ? { nip: view.company.nip, name: view.company.name, address: held(view.company.address) }
          : null,
      };
    case 'consents':
      return { ...view.consents };
    case 'payment-method':
      return view.paymentMethodId ? { methodId: view.paymentMethodId } : undefined;
  }
}

/** Keys in code-unit order: the same on every device, and no collation data for the phone to load. */
const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stable JSON: key order does not matter. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Body).sort(byKey))
      : v,
  );

/** The body to PUT for a part: undefined while it is incomplete or invalid, or when the server already has it. */
export function pendingBody(part: SavePart, state: WidgetState): Body | undefined {
  const body =
    part === 'contact'
      ? contactBody(state)
      : part === 'delivery'
        ? deliveryBody(state)
        : part === 'invoice'
          ? invoiceBody(state)
          : part === 'consents'
            ? consentsBody(state)
            : chosenMethod(state) && { methodId: state.paymentMethodId };
  if (!body) return undefined;
  return canonical(body) === canonical(heldBy(part, state.view)) ? undefined : body;
}

/** Which part a field or choice belongs to. */
export function partOf(target: ErrorTarget): SavePart | undefined {
  if ((CONTACT_FIELDS as readonly string[]).includes(target)) return 'contact';
  if (target.startsWith('address.') || target === 'shippingOption' || target === 'pickupPoint')
    return 'delivery';
  if (target.startsWith('invoice.')) return 'invoice';
  if (target.startsWith('consents.')) return 'consents';
  if (target === 'paymentMethod') return 'payment-method';
  return undefined;
}
