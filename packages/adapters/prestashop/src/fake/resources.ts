import { readFileSync } from 'node:fs';
import { parseXml } from '../xml.ts';

/**
 * What the fake webservice knows about each resource: its fields (read from the `?schema=blank`
 * fixtures), the required ones (from the core ObjectModel definitions: `Customer`, `Address`,
 * `Cart`, `Order`, `OrderHistory`) and the `Validate::is*` rule of the fields Kasa writes.
 */

export type Rule = (value: string) => boolean;

const rules = {
  isUnsignedId: (v: string) => /^\d{1,10}$/.test(v),
  isNullOrUnsignedId: (v: string) => v === '' || /^\d{1,10}$/.test(v),
  isBool: (v: string) => /^(0|1|true|false)?$/.test(v),
  isEmail: (v: string) =>
    /^[a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]+[.a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]*@[a-z\p{L}0-9]+(?:[.]?[_a-z\p{L}0-9-])*\.[a-z\p{L}0-9]+$/iu.test(
      v,
    ),
  isName: (v: string) => /^(?!\s*$)(?:[^0-9!<>,;?=+()/\\@#"°*`{}_^$%:¤[\]|.。]|[.。](?:\s|$))*$/u.test(v),
  isGenericName: (v: string) => /^[^<>={}]*$/u.test(v),
  isAddress: (v: string) => v === '' || /^[^!<>?=+@{}_$%]*$/u.test(v),
  isCityName: (v: string) => /^[^!<>;?=+@#"°{}_$%]*$/u.test(v),
  isPostCode: (v: string) => v === '' || /^[a-zA-Z 0-9-]+$/.test(v),
  isPhoneNumber: (v: string) => /^[+0-9. ()/-]*$/.test(v),
  isMessage: (v: string) => !/[<>{}]/i.test(v),
  isCleanHtml: (v: string) => !/<\s*script/i.test(v),
  isPrice: (v: string) => /^[0-9]{1,10}(\.[0-9]{1,9})?$/.test(v),
  isFloat: (v: string) => /^-?[0-9]+(\.[0-9]+)?$/.test(v),
  isModuleName: (v: string) => /^[a-zA-Z0-9_-]+$/.test(v),
  isPlaintextPassword: (v: string) => v.length >= 5 && v.length <= 72,
  isMd5: (v: string) => v === '' || /^[a-f0-9A-F]{32}$/.test(v),
  isJson: (v: string) => {
    if (v === '') return true;
    try {
      JSON.parse(v);
      return true;
    } catch {
      return false;
    }
  },
} satisfies Record<string, Rule>;

export interface FieldSpec {
  readonly rule?: Rule;
  readonly required?: boolean;
  readonly maxSize?: number;
}

export interface ResourceSpec {
  /** `customers` → `customer`; the element a body and a single answer use. */
  readonly node: string;
  /** The core class, for error messages (`Property Customer->email is empty.`). */
  readonly className: string;
  readonly fields: readonly string[];
  readonly associations: readonly string[];
  readonly specs: Readonly<Record<string, FieldSpec>>;
}

const fixtures = new URL('../../fixtures/blank-schemas/', import.meta.url);

function blank(resource: string): { node: string; fields: string[]; associations: string[] } {
  const xml = parseXml(readFileSync(new URL(`${resource}.blank.xml`, fixtures), 'utf8'));
  const root = (xml?.prestashop ?? {}) as Record<string, unknown>;
  const node = Object.keys(root).find((k) => !k.startsWith('@_'));
  if (node === undefined) throw new Error(`blank schema for ${resource} has no resource node`);
  const body = root[node] as Record<string, unknown>;
  const associations = Object.keys((body.associations ?? {}) as Record<string, unknown>);
  const fields = Object.keys(body).filter((k) => k !== 'associations' && !k.startsWith('@_'));
  return { node, fields, associations };
}

const S = (rule: Rule, extra: Omit<FieldSpec, 'rule'> = {}): FieldSpec => ({ rule, ...extra });
const REQ = { required: true } as const;

const specs: Record<string, { className: string; specs: Record<string, FieldSpec> }> = {
  customers: {
    className: 'Customer',
    specs: {
      lastname: S(rules.isName, { ...REQ, maxSize: 255 }),
      firstname: S(rules.isName, { ...REQ, maxSize: 255 }),
      email: S(rules.isEmail, { ...REQ, maxSize: 255 }),
      passwd: S(rules.isPlaintextPassword, REQ),
      id_default_group: S(rules.isUnsignedId),
      id_lang: S(rules.isUnsignedId),
      is_guest: S(rules.isBool),
      active: S(rules.isBool),
      newsletter: S(rules.isBool),
      optin: S(rules.isBool),
      note: S(rules.isCleanHtml, { maxSize: 65000 }),
      secure_key: S(rules.isMd5),
    },
  },
  addresses: {
    className: 'Address',
    specs: {
      id_customer: S(rules.isNullOrUnsignedId),
      id_country: S(rules.isUnsignedId, REQ),
      alias: S(rules.isGenericName, { ...REQ, maxSize: 32 }),
      company: S(rules.isGenericName, { maxSize: 255 }),
      lastname: S(rules.isName, { ...REQ, maxSize: 255 }),
      firstname: S(rules.isName, { ...REQ, maxSize: 255 }),
      vat_number: S(rules.isGenericName),
      address1: S(rules.isAddress, { ...REQ, maxSize: 128 }),
      address2: S(rules.isAddress, { maxSize: 128 }),
      postcode: S(rules.isPostCode, { maxSize: 12 }),
      city: S(rules.isCityName, { ...REQ, maxSize: 64 }),
      other: S(rules.isMessage, { maxSize: 300 }),
      phone: S(rules.isPhoneNumber, { maxSize: 32 }),
      phone_mobile: S(rules.isPhoneNumber, { maxSize: 32 }),
    },
  },
  carts: {
    className: 'Cart',
    specs: {
      id_currency: S(rules.isUnsignedId, REQ),
      id_lang: S(rules.isUnsignedId, REQ),
      id_customer: S(rules.isNullOrUnsignedId),
      id_address_delivery: S(rules.isNullOrUnsignedId),
      id_address_invoice: S(rules.isNullOrUnsignedId),
      id_carrier: S(rules.isNullOrUnsignedId),
      delivery_option: S(rules.isJson),
      secure_key: S(rules.isMd5, { maxSize: 32 }),
    },
  },
  orders: {
    className: 'Order',
    specs: {
      id_address_delivery: S(rules.isUnsignedId, REQ),
      id_address_invoice: S(rules.isUnsignedId, REQ),
      id_cart: S(rules.isUnsignedId, REQ),
      id_currency: S(rules.isUnsignedId, REQ),
      id_lang: S(rules.isUnsignedId, REQ),
      id_customer: S(rules.isUnsignedId, REQ),
      id_carrier: S(rules.isUnsignedId, REQ),
      payment: S(rules.isGenericName, REQ),
      module: S(rules.isModuleName, REQ),
      total_paid: S(rules.isPrice, REQ),
      total_paid_real: S(rules.isPrice, REQ),
      total_products: S(rules.isPrice, REQ),
      total_products_wt: S(rules.isPrice, REQ),
      conversion_rate: S(rules.isFloat, REQ),
    },
  },
  order_histories: {
    className: 'OrderHistory',
    specs: { id_order: S(rules.isUnsignedId, REQ), id_order_state: S(rules.isUnsignedId, REQ) },
  },
  order_payments: { className: 'OrderPayment', specs: {} },
  order_states: { className: 'OrderState', specs: {} },
  carriers: { className: 'Carrier', specs: {} },
  products: { className: 'Product', specs: {} },
  guests: { className: 'Guest', specs: {} },
};

let loaded: Map<string, ResourceSpec> | undefined;

/** Every resource the fake serves, read once from the fixtures. */
export function resourceSpecs(): Map<string, ResourceSpec> {
  if (loaded) return loaded;
  loaded = new Map();
  for (const [resource, { className, specs: fieldSpecs }] of Object.entries(specs)) {
    const { node, fields, associations } = blank(resource);
    loaded.set(resource, { node, className, fields, associations, specs: fieldSpecs });
  }
  return loaded;
}

/** Methods a webservice key may use per resource, as the back office's permission grid sets them. */
export type Permissions = Readonly<
  Record<string, readonly ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD')[]>
>;
