import { describe, expect, it } from 'vitest';
import type { CheckoutStatus } from './api.ts';
import {
  type CheckoutPart,
  canChange,
  completedSections,
  FORM_SECTIONS,
  firstIncomplete,
  missingParts,
  partOfSection,
} from './checkout-rules.ts';

const contact = { email: 'anna@example.pl', phone: '+48512345678', firstName: 'Anna', lastName: 'Kowalska' };
const delivery = { optionId: 'inpost-locker', pickupPointId: 'KRA01M' };

describe('which sections are complete', () => {
  it('counts a section complete once its data is there', () => {
    expect(completedSections({})).toEqual({ contact: false, delivery: false, payment: false });
    expect(completedSections({ contact, delivery, paymentMethodId: 'blik' })).toEqual({
      contact: true,
      delivery: true,
      payment: true,
    });
  });

  it('does not count an empty payment method id as a choice', () => {
    expect(completedSections({ paymentMethodId: '' }).payment).toBe(false);
  });

  it('names what is missing in the order the checkout asks for it, with the API names', () => {
    expect(missingParts(completedSections({}))).toEqual(['contact', 'delivery', 'paymentMethod']);
    expect(missingParts(completedSections({ delivery }))).toEqual(['contact', 'paymentMethod']);
    expect(missingParts(completedSections({ contact, delivery, paymentMethodId: 'blik' }))).toEqual([]);
  });

  it('points at the first incomplete section, and at none when the order can be placed', () => {
    expect(firstIncomplete(completedSections({ contact }))).toBe('delivery');
    expect(firstIncomplete(completedSections({ contact, paymentMethodId: 'blik' }))).toBe('delivery');
    expect(
      firstIncomplete(completedSections({ contact, delivery, paymentMethodId: 'blik' })),
    ).toBeUndefined();
  });

  it('saves the payment section as the payment method', () => {
    expect(FORM_SECTIONS.map(partOfSection)).toEqual(['contact', 'delivery', 'paymentMethod']);
  });
});

/** Every part against every status: true where the shopper may still change it. */
const CHANGEABLE: Record<CheckoutStatus, Record<CheckoutPart, boolean>> = {
  open: { cart: true, contact: true, delivery: true, invoice: true, consents: true, paymentMethod: true },
  awaiting_payment: {
    cart: false,
    contact: false,
    delivery: false,
    invoice: false,
    consents: false,
    paymentMethod: true,
  },
  paid: {
    cart: false,
    contact: false,
    delivery: false,
    invoice: false,
    consents: false,
    paymentMethod: false,
  },
  cash_on_delivery: {
    cart: false,
    contact: false,
    delivery: false,
    invoice: false,
    consents: false,
    paymentMethod: false,
  },
  cancelled: {
    cart: false,
    contact: false,
    delivery: false,
    invoice: false,
    consents: false,
    paymentMethod: false,
  },
};

describe('what may change once the order exists', () => {
  const cases = Object.entries(CHANGEABLE).flatMap(([status, parts]) =>
    Object.entries(parts).map(
      ([part, allowed]) => [status as CheckoutStatus, part as CheckoutPart, allowed] as const,
    ),
  );

  it.each(cases)('at %s, %s changeable: %s', (status, part, allowed) => {
    expect(canChange(part, status)).toBe(allowed);
  });

  it('keeps the payment method changeable only until the order is settled', () => {
    expect(canChange('paymentMethod', 'awaiting_payment')).toBe(true);
    for (const settled of ['paid', 'cash_on_delivery', 'cancelled'] as const) {
      expect(canChange('paymentMethod', settled)).toBe(false);
    }
  });
});
