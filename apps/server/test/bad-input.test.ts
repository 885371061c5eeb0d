import { request as httpRequest } from 'node:http';
import { describeError } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, readyCheckout, SHOPPER, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { bodyLimitBytes: 16_384 } });
});
afterAll(() => kasa.close());

async function freshCheckout() {
  const cartRef = await kasa.sandbox.createCart([
    { productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 1 },
  ]);
  return (await kasa.api('POST', '/api/checkouts', { cartRef })).body.id as string;
}

describe('bad request bodies', () => {
  it.each([
    ['a wrong type', { ...SHOPPER.contact, phone: 512345678 }, 'phone', 'wrong_type'],
    [
      'a missing field',
      { email: SHOPPER.contact.email, phone: SHOPPER.contact.phone, firstName: 'Anna' },
      'lastName',
      'required',
    ],
    ['an unknown field', { ...SHOPPER.contact, isAdmin: true }, 'isAdmin', 'unknown_field'],
    ['a huge string', { ...SHOPPER.contact, firstName: 'A'.repeat(5_000) }, 'firstName', 'too_long'],
    ['an invalid e-mail', { ...SHOPPER.contact, email: 'anna@' }, 'email', 'email_invalid'],
    ['an invalid phone', { ...SHOPPER.contact, phone: '+48 12 34' }, 'phone', 'phone_invalid'],
  ])(
    'answers %s with 400 body_invalid naming the field, and stores nothing',
    async (_, body, field, code) => {
      const id = await freshCheckout();
      const response = await kasa.api('PUT', `/api/checkouts/${id}/contact`, body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('body_invalid');
      expect(response.body.error.details.issues).toContainEqual(expect.objectContaining({ field, code }));
      expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.contact).toBeUndefined();
    },
  );

  it('answers malformed JSON with 400', async () => {
    const id = await freshCheckout();
    const response = await kasa.api('PUT', `/api/checkouts/${id}/contact`, '{"email": ');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('body_invalid');
  });

  it('answers a body over the size limit with 413 before reading it', async () => {
    const id = await freshCheckout();
    const response = await kasa.api('PUT', `/api/checkouts/${id}/contact`, {
      ...SHOPPER.contact,
      firstName: 'A'.repeat(20_000),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('body_too_large');
  });

  it('answers a chunked body (no Content-Length) over the size limit with 413 too', async () => {
    const id = await freshCheckout();
    const body = JSON.stringify({ ...SHOPPER.contact, firstName: 'A'.repeat(20_000) });
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${kasa.url}/api/checkouts/${id}/contact`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0)).on('error', reject);
      // Two chunks, so the size is only known while reading.
      request.write(body.slice(0, 10_000));
      request.end(body.slice(10_000));
    });
    expect(status).toBe(413);
  });

  it('refuses a NIP with a wrong check digit', async () => {
    const id = await freshCheckout();
    const response = await kasa.api('PUT', `/api/checkouts/${id}/invoice`, {
      company: { nip: '123-456-32-19', name: 'Firma' },
    });
    expect(response.body.error.details.issues).toContainEqual(
      expect.objectContaining({ field: 'company.nip', code: 'nip_checksum' }),
    );
    const ok = await kasa.api('PUT', `/api/checkouts/${id}/invoice`, {
      company: { nip: 'PL 123-456-32-18', name: 'Firma' },
    });
    expect(ok.body.company.nip).toBe('1234563218');
  });

  it('refuses a locker that does not exist and a shipping option that was not quoted', async () => {
    const { id, view } = await readyCheckout(kasa);
    const locker = view.shippingOptions.find((option: { kind: string }) => option.kind === 'locker');
    const unknownPoint = await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: locker.id,
      pickupPointId: 'XXX99X',
    });
    expect(unknownPoint.body.error.code).toBe('pickup_point_not_found');
    const unknownOption = await kasa.api('PUT', `/api/checkouts/${id}/delivery`, { optionId: 'teleport' });
    expect(unknownOption.body.error.code).toBe('shipping_option_unavailable');
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.delivery.optionId).toBe(locker.id);
  });

  it('never trusts a price sent by the browser', async () => {
    const cartRef = await kasa.sandbox.createCart([
      { productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 1 },
    ]);
    const response = await kasa.api('POST', '/api/checkouts', {
      cartRef,
      total: { amount: 1, currency: 'PLN' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues).toContainEqual(
      expect.objectContaining({ field: 'total', code: 'unknown_field' }),
    );
  });

  it('takes a cart ref as long as a WooCommerce Cart-Token (a 212-character JWT), and refuses one past 4096', async () => {
    // Not a sandbox cart: a ref past the old 200-character bound reaches the store, which does not know it.
    const jwtLike = await kasa.api('POST', '/api/checkouts', { cartRef: `eyJ${'a'.repeat(209)}` });
    expect(jwtLike.body.error.code).toBe('cart_not_found');
    const huge = await kasa.api('POST', '/api/checkouts', { cartRef: 'a'.repeat(4097) });
    expect(huge.status).toBe(400);
    expect(huge.body.error.details.issues).toContainEqual(expect.objectContaining({ field: 'cartRef' }));
  });

  it('answers an unknown cart with 404 cart_not_found', async () => {
    const response = await kasa.api('POST', '/api/checkouts', { cartRef: 'cart_nope' });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('cart_not_found');
  });
});

describe('the language parameter', () => {
  it('is taken by the routes with a query, which word their errors in it', async () => {
    const { id } = await readyCheckout(kasa);
    const quote = (query: string) => kasa.api('GET', `/api/checkouts/${id}/shipping-options?${query}`);
    const quoted = await quote('postcode=30-001&lang=en');
    expect(quoted.status).toBe(200);
    expect(quoted.body.shippingOptions.length).toBeGreaterThan(0);
    expect((await kasa.api('GET', '/api/pickup-points?postcode=30-001&lang=en')).status).toBe(200);

    const english = await quote('postcode=abc&lang=en');
    const polish = await quote('postcode=abc&lang=pl');
    expect([english.status, polish.status]).toEqual([400, 400]);
    expect(english.body.error.message).toBe(describeError({ code: 'body_invalid' }, 'en').message);
    expect(polish.body.error.message).toBe(describeError({ code: 'body_invalid' }, 'pl').message);

    const unknown = await quote('lang=de');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues).toContainEqual(expect.objectContaining({ field: 'lang' }));
  });
});
