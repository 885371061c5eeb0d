import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildResourceXml } from '../xml.ts';
import { FAKE_WEBSERVICE_KEY, type FakePrestaShop, STATES, startFakePrestaShop } from './index.ts';
import { filterMatcher } from './webservice.ts';

/** The fake must behave like PrestaShop where Kasa depends on it; these tests speak raw HTTP to it. */

let fake: FakePrestaShop;
beforeEach(async () => {
  fake = await startFakePrestaShop();
});
afterEach(async () => {
  await fake.close();
});

const basic = (key: string, password = '') => `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;
const auth = { authorization: basic(FAKE_WEBSERVICE_KEY) };

async function api(method: string, path: string, body?: string, headers: Record<string, string> = auth) {
  const response = await fetch(`${fake.url}/api/${path}`, { method, headers, ...(body ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/guest-order-sequence/${name}`, import.meta.url), 'utf8');

/** Fills the practitioner code's `${...}` placeholders. */
const fill = (xml: string, values: Record<string, string | number>) =>
  xml.replace(/\$\{([^}]+)\}/g, (_, expression: string) => {
    const key = Object.keys(values).find((k) => expression.includes(k));
    if (key === undefined) throw new Error(`no value for \${${expression}}`);
    return String(values[key]);
  });

describe('fake webservice: authentication', () => {
  it('takes the key as the Basic-auth user with an empty password', async () => {
    expect((await api('GET', 'customers?output_format=JSON')).status).toBe(200);
  });

  it('answers 401 with PrestaShop codes for a missing, malformed, wrong or password-carrying key', async () => {
    const none = await api('GET', 'customers?output_format=JSON', undefined, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="Welcome to PrestaShop Webservice/);
    expect(none.json().errors[0]).toEqual({
      code: 16,
      message: 'Please enter the authentication key as the login. No password required',
    });
    const short = await api('GET', 'customers?output_format=JSON', undefined, {
      authorization: basic('SHORT'),
    });
    expect(short.json().errors[0].code).toBe(18);
    const wrong = await api('GET', 'customers?output_format=JSON', undefined, {
      authorization: basic('X'.repeat(32)),
    });
    expect(wrong.json().errors[0]).toEqual({ code: 20, message: 'Authentification key is not active' });
    const withPassword = await api('GET', 'customers?output_format=JSON', undefined, {
      authorization: basic(FAKE_WEBSERVICE_KEY, 'secret'),
    });
    expect(withPassword.status).toBe(401);
  });
});

describe('fake webservice: formats', () => {
  it('answers XML unless output_format=JSON, and an empty JSON list is []', async () => {
    const xml = await api('GET', 'customers');
    expect(xml.headers.get('content-type')).toContain('text/xml');
    expect(xml.text).toContain('<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">');
    expect((await api('GET', 'customers?output_format=JSON')).text).toBe('[]');
  });

  it('lists the resources at the root in XML only: JSON there is a PHP error, as on real 8.2.1', async () => {
    expect((await api('GET', '')).text).toContain('<api ');
    expect((await api('GET', '?output_format=JSON')).status).toBe(500);
  });

  it('refuses a JSON body as PrestaShop does: only XML is read', async () => {
    const reply = await api(
      'POST',
      'customers?output_format=JSON',
      JSON.stringify({ customer: { email: 'a@b.pl' } }),
    );
    expect(reply.status).toBe(500);
    expect(reply.json().errors[0].code).toBe(127);
    expect(reply.json().errors[0].message).toMatch(/^XML error : String could not be parsed as XML/);
  });

  it('names a missing required field and an invalid one', async () => {
    const missing = await api(
      'POST',
      'customers?output_format=JSON',
      buildResourceXml('customer', {
        fields: { email: 'anna@example.pl', firstname: 'Anna', lastname: 'Nowak' },
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.json().errors[0]).toEqual({ code: 41, message: 'parameter "passwd" required' });
    const invalid = await api(
      'POST',
      'customers?output_format=JSON',
      buildResourceXml('customer', {
        fields: { email: 'anna@example.pl', firstname: 'Anna2', lastname: 'Nowak', passwd: 'secret123' },
      }),
    );
    expect(invalid.json().errors[0]).toEqual({
      code: 85,
      message: 'Validation error: "Property Customer->firstname is not valid"',
    });
  });

  it('filters lists with the webservice syntax', () => {
    expect(filterMatcher('[5]')('5')).toBe(true);
    expect(filterMatcher('[1|5]')('5')).toBe(true);
    expect(filterMatcher('[1,10]')('7')).toBe(true);
    expect(filterMatcher('[1,10]')('11')).toBe(false);
    expect(filterMatcher('[Jo]%')('john')).toBe(true);
    expect(filterMatcher('%[hn]')('John')).toBe(true);
    expect(filterMatcher('%[oh]%')('John')).toBe(true);
    expect(filterMatcher('[kasa:checkout=chk_1;]%')('kasa:checkout=chk_1;total=1.00')).toBe(true);
    expect(filterMatcher('[kasa:checkout=chk_1;]%')('kasa:checkout=chk_10;total=1.00')).toBe(false);
  });
});

describe('fake webservice: the guest order sequence from the fixtures', () => {
  async function guestCart() {
    const customer = await api(
      'POST',
      'customers?output_format=JSON',
      fill(fixture('01-customers.POST.request.xml'), {
        email: 'jan@example.pl',
        firstname: 'Jan',
        lastname: 'Kowalski',
        passwd: 'haslo-gościa-123',
      }),
    );
    expect(customer.status).toBe(201);
    const { id: customerId, secure_key: secureKey } = customer.json().customer;
    expect(secureKey).toMatch(/^[0-9a-f]{32}$/);
    const address = await api(
      'POST',
      'addresses?output_format=JSON',
      fill(fixture('02-addresses.POST.request.xml'), {
        customerId,
        ID_COUNTRY_FRANCE: 14,
        alias: 'Dom',
        lastname: 'Kowalski',
        firstname: 'Jan',
        address1: 'ul. Długa 1',
        address2: '',
        postcode: '00-950',
        city: 'Warszawa',
        phone_mobile: '',
        phone: '',
      }),
    );
    expect(address.status).toBe(201);
    const addressId = address.json().address.id;
    const cartXml = fill(fixture('03-carts.POST.request.xml'), {
      addressId,
      ID_CURRENCY: 1,
      ID_LANG: 1,
      customerId,
      ID_CARRIER: 2,
      secureKey,
    }).replace(
      '</cart>',
      '<associations><cart_rows><cart_row><id_product>1</id_product><id_product_attribute>0</id_product_attribute><quantity>2</quantity></cart_row></cart_rows></associations></cart>',
    );
    const cart = await api('POST', 'carts?output_format=JSON', cartXml);
    expect(cart.status).toBe(201);
    return { customerId, secureKey, addressId, cartId: cart.json().cart.id as number };
  }

  const orderXml = (
    ids: { customerId: number; addressId: number; cartId: number },
    total: string,
    module = 'kasa',
  ) =>
    fill(fixture('04-orders.POST.request.xml'), {
      addressId: ids.addressId,
      cartId: ids.cartId,
      ID_CURRENCY: 1,
      ID_LANG: 1,
      effectiveCustomerId: ids.customerId,
      ID_CARRIER: 2,
      DEFAULT_ORDER_STATE: 3,
      PAYMENT_MODULE: module,
      PAYMENT_LABEL: 'BLIK',
      'totalTTC.toFixed': total,
      'totalProduits.toFixed': total,
      'SHIPPING_COST.toFixed': '16.99',
    });

  it('creates the order paid (PS_OS_WS_PAYMENT) whatever state was posted, answering the posted object', async () => {
    const ids = await guestCart();
    const reply = await api('POST', 'orders?output_format=JSON', orderXml(ids, '94.99'));
    expect(reply.status).toBe(201);
    expect(reply.json().order).toMatchObject({
      id_cart: String(ids.cartId),
      current_state: '3',
      reference: '',
    });
    const stored = fake.shop.orderForCart(ids.cartId);
    expect(stored).toMatchObject({ current_state: String(STATES.ws_payment), total_paid: '94.990000' });
    expect(fake.shop.paymentsOf(stored ?? {})[0]?.amount).toBe('94.990000');
  });

  it('files a total that differs from the cart by a grosz as a payment error, with no payment', async () => {
    const ids = await guestCart();
    expect((await api('POST', 'orders?output_format=JSON', orderXml(ids, '94.98'))).status).toBe(201);
    const stored = fake.shop.orderForCart(ids.cartId);
    expect(stored?.current_state).toBe(String(STATES.error));
    expect(fake.shop.paymentsOf(stored ?? {})).toHaveLength(0);
  });

  it('dies on a cart whose secure_key is not the customer’s', async () => {
    const ids = await guestCart();
    const cart = fake.shop.table('carts').get(ids.cartId);
    if (cart) cart.secure_key = '0'.repeat(32);
    const reply = await api('POST', 'orders?output_format=JSON', orderXml(ids, '94.99'));
    expect(reply.status).toBe(500);
    expect(reply.text).toContain('Secure key does not match');
    expect(fake.shop.table('orders').size).toBe(0);
  });

  it('fails with a PHP fatal when the module is not an installed PaymentModule', async () => {
    const ids = await guestCart();
    const reply = await api('POST', 'orders?output_format=JSON', orderXml(ids, '94.99', 'inpostshipping'));
    expect(reply.status).toBe(500);
    expect(reply.text).toContain('Call to a member function validateOrder() on bool');
  });

  it('refuses a second order for the same cart', async () => {
    const ids = await guestCart();
    await api('POST', 'orders?output_format=JSON', orderXml(ids, '94.99'));
    const again = await api('POST', 'orders?output_format=JSON', orderXml(ids, '94.99'));
    expect(again.status).toBe(500);
    expect(again.text).toBe('Cart cannot be loaded or an order has already been placed using this cart');
    expect(fake.shop.table('orders').size).toBe(1);
  });
});

describe('fake Kasa module endpoint', () => {
  it('wants the shared key and a cart reference it signed', async () => {
    const cartId = fake.shop.createStorefrontCart([{ product: 1, quantity: 1 }]);
    const url = (ref: string) =>
      `${fake.url}/index.php?fc=module&module=kasa&controller=api&action=cart&cart=${ref}`;
    expect((await fetch(url(fake.shop.cartRef(cartId)))).status).toBe(401);
    const key = { 'x-kasa-key': String(fake.config.module.key) };
    const ok = await fetch(url(fake.shop.cartRef(cartId)), { headers: key });
    expect(ok.status).toBe(200);
    expect((await ok.json()).cart.totals).toEqual({ products: '39.00', shipping: '0.00', total: '39.00' });
    expect((await fetch(url(`${cartId}-0123456789abcdef`), { headers: key })).status).toBe(404);
  });
});
