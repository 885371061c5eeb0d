/**
 * What a synthetic shopper types: made-up but valid contact, address and company details, and for a
 * field the simulation says goes wrong, the request that carries a bad value for it. Pure.
 */

import { between, type Random } from '@kasa/analytics';
import type { Address, Company, Contact, FieldName } from '@kasa/core';

const FIRST_NAMES = ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Michał', 'Agnieszka', 'Paweł'];
const LAST_NAMES = ['Nowak', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zielińska', 'Szymański'];
/** Towns with InPost lockers in the bundled sample, so a locker search near them finds some. */
const TOWNS = [
  { city: 'Kraków', postcode: '30-001', street: 'Długa' },
  { city: 'Warszawa', postcode: '00-514', street: 'Marszałkowska' },
  { city: 'Gdańsk', postcode: '80-001', street: 'Grunwaldzka' },
  { city: 'Poznań', postcode: '60-001', street: 'Głogowska' },
];
const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

const pick = <T>(random: Random, list: readonly T[]): T => list[between(random, 0, list.length - 1)] as T;
const digits = (random: Random, n: number) => Array.from({ length: n }, () => between(random, 0, 9)).join('');

/** A NIP whose check digit is right (the first nine digits drawn until the checksum is not 10). */
export function validNip(random: Random): string {
  for (;;) {
    const body = `${between(random, 1, 9)}${digits(random, 8)}`;
    const check = NIP_WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(body[i]), 0) % 11;
    if (check !== 10) return `${body}${check}`;
  }
}

export interface ShopperDetails {
  readonly contact: Contact;
  readonly address: Address;
  readonly company: Company;
}

/**
 * Details for shopper number `index` (the e-mail is on the reserved example.pl domain).
 *
 * @example shopperDetails(seededRandom(1), 7).contact.email; // 'sim-7@example.pl'
 */
export function shopperDetails(random: Random, index: number): ShopperDetails {
  const town = pick(random, TOWNS);
  const lastName = pick(random, LAST_NAMES);
  return {
    contact: {
      email: `sim-${index}@example.pl`,
      phone: `+48 5${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
      firstName: pick(random, FIRST_NAMES),
      lastName,
    },
    address: {
      street: town.street,
      buildingNumber: String(between(random, 1, 120)),
      postcode: town.postcode,
      city: town.city,
      country: 'PL',
    },
    company: { nip: validNip(random), name: `${lastName} i Wspólnicy sp. z o.o.` },
  };
}

/** A request the checkout API must refuse: which part of the checkout it writes and the body. */
export interface BadRequest {
  readonly part: 'contact' | 'delivery' | 'invoice' | 'payment-method';
  readonly body: unknown;
}

/**
 * The request that sends a bad value for `field`, or undefined for fields only the widget checks
 * (BLIK code format, the terms box) before anything reaches the API.
 *
 * @example badRequest('postcode', details, 'dpd_courier')?.body; // { optionId: 'dpd_courier', address: { …, postcode: '3000' } }
 */
export function badRequest(
  field: FieldName,
  details: ShopperDetails,
  courierOptionId: string,
): BadRequest | undefined {
  const { contact, address, company } = details;
  const contactWith = (change: Partial<Contact>): BadRequest => ({
    part: 'contact',
    body: { ...contact, ...change },
  });
  const addressWith = (change: Partial<Address>): BadRequest => ({
    part: 'delivery',
    body: { optionId: courierOptionId, address: { ...address, ...change } },
  });
  switch (field) {
    case 'email':
      return contactWith({ email: `${contact.email.split('@')[0]}@` });
    case 'phone':
      return contactWith({ phone: '12 34' });
    case 'firstName':
      return contactWith({ firstName: '' });
    case 'lastName':
      return contactWith({ lastName: '' });
    case 'postcode':
      return addressWith({ postcode: address.postcode.replace('-', '').slice(0, 4) });
    case 'buildingNumber':
      return addressWith({ buildingNumber: '' });
    case 'city':
      return addressWith({ city: '' });
    case 'street':
    case 'flatNumber':
      return addressWith({ [field]: 'x'.repeat(300) });
    case 'pickupPoint':
      return { part: 'delivery', body: { optionId: 'inpost_locker' } };
    case 'shippingOption':
      return { part: 'delivery', body: { optionId: 'teleport' } };
    case 'nip':
      return {
        part: 'invoice',
        body: {
          company: { ...company, nip: `${company.nip.slice(0, 9)}${(Number(company.nip[9]) + 1) % 10}` },
        },
      };
    case 'companyName':
      return { part: 'invoice', body: { company: { ...company, name: '' } } };
    case 'paymentMethod':
      return { part: 'payment-method', body: { methodId: 'teleport' } };
    case 'blikCode':
    case 'terms':
      return undefined;
  }
}
