import type { CheckoutView } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { fillContact, fillCourier, fillLocker, SHOPPER, setup, type } from '../testing/setup.ts';
import { makeView } from '../testing/view.ts';

describe('validation on blur', () => {
  it('shows the core validator error code and keeps quiet about empty fields until submit', () => {
    const { controller } = setup();
    type(controller, 'email', 'zofia@');
    type(controller, 'phone', '');
    expect(controller.getState().errors).toEqual({ email: 'email_invalid' });
  });

  it('clears an error as soon as the field is fixed while typing', () => {
    const { controller } = setup();
    type(controller, 'address.postcode', '6226');
    expect(controller.getState().errors['address.postcode']).toBe('postcode_invalid');
    controller.setField('address.postcode', '62262');
    expect(controller.getState().errors['address.postcode']).toBeUndefined();
  });

  it('tidies good values on blur: postcode as NN-NNN, phone in groups', () => {
    const { controller } = setup();
    type(controller, 'address.postcode', '62262');
    type(controller, 'phone', '+48601234567');
    expect(controller.getState().form).toMatchObject({ 'address.postcode': '62-262', phone: '601 234 567' });
  });

  it('splits an autofilled street line into street, building and flat', () => {
    const { controller } = setup();
    type(controller, 'address.street', 'ul. Długa 5/3');
    expect(controller.getState().form).toMatchObject({
      'address.street': 'ul. Długa',
      'address.buildingNumber': '5',
      'address.flatNumber': '3',
    });
  });
});

describe('section saves', () => {
  it('saves the contact once all four fields are valid, normalised', async () => {
    const { controller, api } = setup();
    type(controller, 'email', SHOPPER.email);
    type(controller, 'phone', SHOPPER.phone);
    type(controller, 'firstName', SHOPPER.firstName);
    await controller.idle();
    expect(api.callsTo('PUT', '/contact')).toHaveLength(0);
    type(controller, 'lastName', SHOPPER.lastName);
    await controller.idle();
    expect(api.callsTo('PUT', '/contact').map((c) => c.body)).toEqual([
      { email: SHOPPER.email, phone: '+48601234567', firstName: 'Zofia', lastName: 'Nowakowska' },
    ]);
    expect(controller.getState().checkout.completed.contact).toBe(true);
  });

  it('does not send a part again when the server already holds it', async () => {
    const { controller, api } = setup();
    fillContact(controller);
    await controller.idle();
    controller.blurField('email');
    await controller.idle();
    expect(api.callsTo('PUT', '/contact')).toHaveLength(1);
  });

  it('saves a locker delivery with the option and the locker, and no address', async () => {
    const { controller, api } = setup();
    fillLocker(controller);
    await controller.idle();
    expect(api.callsTo('PUT', '/delivery').map((c) => c.body)).toEqual([
      { optionId: 'inpost-locker', pickupPointId: 'KRA010' },
    ]);
  });

  it('saves a courier address once complete; the street may be left out', async () => {
    const { controller, api } = setup();
    fillContact(controller);
    controller.chooseShipping('dpd');
    type(controller, 'address.buildingNumber', '52a');
    type(controller, 'address.postcode', '62262');
    await controller.idle();
    expect(api.callsTo('PUT', '/delivery')).toHaveLength(0);
    type(controller, 'address.city', 'Uniegoszcz');
    await controller.idle();
    expect(api.callsTo('PUT', '/delivery').at(-1)?.body).toEqual({
      optionId: 'dpd',
      address: { buildingNumber: '52a', postcode: '62-262', city: 'Uniegoszcz' },
    });
  });

  it('saves pickup in store with the option alone', async () => {
    const { controller, api } = setup();
    controller.chooseShipping('store');
    await controller.idle();
    expect(api.callsTo('PUT', '/delivery').map((c) => c.body)).toEqual([{ optionId: 'store' }]);
  });

  it('refreshes the totals from every answer: shipping price, then the cash-on-delivery fee', async () => {
    const { controller } = setup();
    fillCourier(controller);
    await controller.idle();
    expect(controller.getState().view.totals.shipping.amount).toBe(1599);
    controller.choosePaymentMethod('cod');
    await controller.idle();
    expect(controller.getState().view.totals).toMatchObject({
      paymentFee: { amount: 500 },
      total: { amount: 6999 + 1599 + 500 },
    });
  });

  it('saves the invoice once NIP, name and the company address are valid, and sends null when switched off', async () => {
    const { controller, api } = setup();
    fillLocker(controller);
    controller.setField('invoice.wanted', true);
    type(controller, 'invoice.nip', 'PL 123-456-32-18');
    type(controller, 'invoice.companyName', SHOPPER.companyName);
    await controller.idle();
    expect(api.callsTo('PUT', '/invoice')).toEqual([]);
    // On the locker path there is no address to start from: the company's is asked.
    expect(controller.getState().form['invoice.city']).toBe('');
    type(controller, 'invoice.street', 'Rynek Główny 1/2');
    type(controller, 'invoice.postcode', '31042');
    type(controller, 'invoice.city', 'Kraków');
    await controller.idle();
    controller.setField('invoice.wanted', false);
    await controller.idle();
    expect(api.callsTo('PUT', '/invoice').map((c) => c.body)).toEqual([
      {
        company: {
          nip: '1234563218',
          name: SHOPPER.companyName,
          address: {
            street: 'Rynek Główny',
            buildingNumber: '1',
            flatNumber: '2',
            postcode: '31-042',
            city: 'Kraków',
          },
        },
      },
      { company: null },
    ]);
  });

  it("starts the company's address as the courier address, and keeps one already typed", async () => {
    const { controller } = setup();
    fillCourier(controller);
    controller.setField('invoice.wanted', true);
    expect(controller.getState().form).toMatchObject({
      'invoice.street': SHOPPER.street,
      'invoice.buildingNumber': SHOPPER.buildingNumber,
      'invoice.postcode': SHOPPER.postcode,
      'invoice.city': SHOPPER.city,
    });
    controller.setField('invoice.wanted', false);
    type(controller, 'invoice.city', 'Poznań');
    controller.setField('invoice.wanted', true);
    expect(controller.getState().form['invoice.city']).toBe('Poznań');
  });

  it('saves consents on every tick', async () => {
    const { controller, api } = setup();
    controller.setField('consents.marketingSms', true);
    await controller.idle();
    expect(api.callsTo('PUT', '/consents').map((c) => c.body)).toEqual([
      { terms: false, marketingEmail: false, marketingSms: true },
    ]);
  });
});

describe('API errors', () => {
  it('maps company.nip onto the NIP field', async () => {
    const { controller } = setup();
    controller.setField('invoice.wanted', true);
    // Valid checksum locally, refused by the (fake) server.
    type(controller, 'invoice.nip', '5260250274');
    type(controller, 'invoice.companyName', SHOPPER.companyName);
    type(controller, 'invoice.buildingNumber', SHOPPER.buildingNumber);
    type(controller, 'invoice.postcode', SHOPPER.postcode);
    type(controller, 'invoice.city', SHOPPER.city);
    await controller.idle();
    expect(controller.getState().errors['invoice.nip']).toBe('nip_checksum');
  });

  it('maps delivery.pickupPointId onto the locker choice', async () => {
    const { controller } = setup();
    controller.chooseShipping('inpost-locker');
    controller.choosePoint('WAW999');
    await controller.idle();
    expect(controller.getState().errors.pickupPoint).toBe('pickup_point_not_found');
  });
});

describe('parcel lockers', () => {
  it('searches by postcode when the query looks like one, else by text', async () => {
    const { controller, api } = setup();
    await controller.searchPoints('31154');
    await controller.searchPoints('Kraków Pawia');
    expect(api.calls.filter((c) => c.path.startsWith('/api/pickup-points')).map((c) => c.path)).toEqual([
      '/api/pickup-points?postcode=31-154&limit=10',
      '/api/pickup-points?q=Krak%C3%B3w+Pawia&limit=10',
    ]);
    expect(controller.getState().points).toMatchObject({ status: 'ready', query: 'Kraków Pawia' });
  });

  it('asks for a query before searching', async () => {
    const { controller, api } = setup();
    await controller.searchPoints('  ');
    expect(controller.getState().errors.pointQuery).toBe('required');
    expect(api.calls).toHaveLength(0);
  });
});

describe('saves once the order exists', () => {
  const placed = {
    contact: { email: SHOPPER.email, phone: '+48601234567', firstName: 'Zofia', lastName: 'Nowakowska' },
    delivery: { optionId: 'store' },
    paymentMethodId: 'blik',
    order: { id: 'ord_1', number: '1001', total: { amount: 100, currency: 'PLN' } },
    missing: [],
  } satisfies Partial<CheckoutView>;

  it('sends a new payment method while the order awaits payment, and no contact change', async () => {
    const { controller, api } = setup({ view: makeView({ ...placed, status: 'awaiting_payment' }) });
    type(controller, 'firstName', 'Ala');
    controller.choosePaymentMethod('card');
    await controller.idle();
    expect(api.callsTo('PUT', '/contact')).toHaveLength(0);
    expect(api.callsTo('PUT', '/payment-method').map((c) => c.body)).toEqual([{ methodId: 'card' }]);
  });

  it('sends no new payment method once the order is paid (the server would refuse it)', async () => {
    const { controller, api } = setup({ view: makeView({ ...placed, status: 'paid' }) });
    controller.choosePaymentMethod('card');
    await controller.idle();
    expect(api.callsTo('PUT', '/payment-method')).toHaveLength(0);
  });
});
