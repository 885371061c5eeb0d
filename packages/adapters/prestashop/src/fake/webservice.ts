import { createHash } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '@kasa/adapter-testing';
import { parseXml } from '../xml.ts';
import { type Permissions, type ResourceSpec, resourceSpecs } from './resources.ts';
import { type FakeShop, type Row, SHOP_IDS, STATES } from './shop.ts';

/**
 * The fake `/api/…` webservice: Basic auth with the key as the user and an empty password, XML in
 * (a JSON body fails as in PrestaShop: "String could not be parsed as XML"), JSON or XML out per
 * `output_format`, list parameters (`display`, `filter[…]`, `sort`, `limit`) and PrestaShop's error
 * codes and messages.
 */

type Format = 'JSON' | 'XML';

const HEADERS = { 'x-powered-by': 'PrestaShop Webservice', 'psws-version': '8.2.1' };

function formatOf(req: FakeRequest): Format {
  const header = req.headers['io-format'] ?? req.headers['output-format'];
  const value =
    (typeof header === 'string' ? header : undefined) ?? req.url.searchParams.get('output_format') ?? '';
  return value.toUpperCase() === 'JSON' ? 'JSON' : 'XML';
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">';

function errors(format: Format, status: number, list: readonly [number, string][]): FakeResponse {
  const extra: Record<string, string> =
    status === 401
      ? {
          'www-authenticate':
            'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."',
        }
      : {};
  if (format === 'JSON') {
    return {
      status,
      headers: { ...HEADERS, ...extra, 'content-type': 'application/json' },
      body: JSON.stringify({ errors: list.map(([code, message]) => ({ code, message })) }),
    };
  }
  const items = list
    .map(
      ([code, message]) =>
        `<error><code>${cdata(String(code))}</code><message>${cdata(message)}</message></error>`,
    )
    .join('');
  return {
    status,
    headers: { ...HEADERS, ...extra, 'content-type': 'text/xml;charset=utf-8' },
    body: `${XML_HEAD}\n<errors>${items}</errors>\n</prestashop>\n`,
  };
}

type Rendered = Record<string, unknown>;

function render(
  shop: FakeShop,
  resource: string,
  spec: ResourceSpec,
  row: Row,
  only?: readonly string[],
): Rendered {
  const out: Rendered = {};
  for (const field of spec.fields) {
    if (only && !only.includes(field)) continue;
    out[field] = field === 'id' ? Number(row.id) : (row[field] ?? '');
  }
  if (!only) {
    const id = Number(row.id);
    if (resource === 'carts') out.associations = { cart_rows: shop.cartRows.get(id) ?? [] };
    if (resource === 'customers') {
      out.associations = { groups: (shop.customerGroups.get(id) ?? []).map((g) => ({ id: String(g) })) };
    }
  }
  return out;
}

function xmlEntity(node: string, entity: Rendered): string {
  const parts = Object.entries(entity).map(([name, value]) => {
    if (name === 'associations' && typeof value === 'object' && value !== null) {
      const assoc = Object.entries(value as Record<string, Rendered[]>)
        .map(([assocName, rows]) => {
          const row = assocName === 'cart_rows' ? 'cart_row' : assocName === 'groups' ? 'group' : 'item';
          return `<${assocName}>${rows.map((r) => xmlEntity(row, r)).join('')}</${assocName}>`;
        })
        .join('');
      return `<associations>${assoc}</associations>`;
    }
    return `<${name}>${cdata(String(value))}</${name}>`;
  });
  return `<${node}>${parts.join('')}</${node}>`;
}

function ok(format: Format, status: number, json: unknown, xml: string): FakeResponse {
  return format === 'JSON'
    ? { status, headers: { ...HEADERS, 'content-type': 'application/json' }, body: JSON.stringify(json) }
    : {
        status,
        headers: { ...HEADERS, 'content-type': 'text/xml;charset=utf-8' },
        body: `${XML_HEAD}\n${xml}\n</prestashop>\n`,
      };
}

/** `[5]`, `[1|5]`, `[1,10]`, `[Jo]%`, `%[hn]`, `%[oh]%`; matching is case-insensitive like MySQL. */
export function filterMatcher(spec: string): (value: string) => boolean {
  const match = /^(%?)\[(.*)\](%?)$/s.exec(spec);
  const lower = (s: string) => s.toLowerCase();
  if (!match) return (value) => lower(value) === lower(spec);
  const [, before = '', inner = '', after = ''] = match;
  const needle = lower(inner);
  if (before && after) return (value) => lower(value).includes(needle);
  if (before) return (value) => lower(value).endsWith(needle);
  if (after) return (value) => lower(value).startsWith(needle);
  if (inner.includes('|')) {
    const options = inner.split('|').map(lower);
    return (value) => options.includes(lower(value));
  }
  if (inner.includes(',')) {
    const [from = '', to = ''] = inner.split(',');
    const numeric = /^\d+(\.\d+)?$/.test(from) && /^\d+(\.\d+)?$/.test(to);
    return (value) =>
      numeric ? Number(value) >= Number(from) && Number(value) <= Number(to) : value >= from && value <= to;
  }
  return (value) => lower(value) === needle;
}

export interface WebserviceOptions {
  readonly key: string;
  readonly permissions?: Permissions;
  /** Advanced Parameters › Webservice › "Enable PrestaShop's webservice". Default true. */
  readonly enabled?: boolean;
}

const METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'] as const;

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  addresses: 'The Customer, Brand and Customer addresses',
  carriers: 'The Carriers',
  carts: "Customer's carts",
  customers: 'The e-shop’s customers',
  guests: 'The guests',
  order_histories: 'The Order histories',
  order_payments: 'The Order payments',
  order_states: 'The Order statuses',
  orders: 'The Customers orders',
  products: 'The products',
};

/**
 * `GET /api/` in XML, as the devdocs example (fixtures/api-root.GET.response.xml): every resource
 * the key may use, with one attribute per method saying whether it may.
 */
function apiRoot(req: FakeRequest, specs: Map<string, ResourceSpec>, permissions?: Permissions): string {
  const base = `http://${String(req.headers.host ?? '127.0.0.1')}/api`;
  const entries = [...specs.keys()].sort().flatMap((resource) => {
    const allowed: readonly string[] = permissions ? (permissions[resource] ?? []) : METHODS;
    if (allowed.length === 0) return [];
    const attributes = METHODS.map(
      (m) => `${m.toLowerCase()}="${allowed.includes(m) ? 'true' : 'false'}"`,
    ).join(' ');
    const href = `xlink:href="${base}/${resource}"`;
    return [
      `<${resource} ${href} ${attributes}><description ${href} ${attributes}>${DESCRIPTIONS[resource] ?? resource}</description>` +
        `<schema xlink:href="${base}/${resource}?schema=blank" type="blank"/>` +
        `<schema xlink:href="${base}/${resource}?schema=synopsis" type="synopsis"/></${resource}>`,
    ];
  });
  return `<api shopName="Kasa test shop">${entries.join('')}</api>`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Handles `/api/…`; `path` is what follows `/api/`. */
export function handleWebservice(
  shop: FakeShop,
  options: WebserviceOptions,
  req: FakeRequest,
  path: string,
): FakeResponse {
  const format = formatOf(req);
  if (options.enabled === false) {
    return errors(format, 503, [
      [22, 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office'],
    ]);
  }
  const auth = authenticate(req, options.key);
  if (auth) return errors(format, 401, [auth]);

  const [resource = '', idText] = path.split('/').filter(Boolean);
  const specs = resourceSpecs();
  if (resource === '') {
    // Real 8.2.1 fails in PHP 8 on the JSON root listing; only the XML one works.
    if (format === 'JSON') {
      return {
        status: 500,
        headers: { 'content-type': 'text/html' },
        body: '<b>Fatal error</b>: Uncaught TypeError',
      };
    }
    return ok(format, 200, { api: [...specs.keys()] }, apiRoot(req, specs, options.permissions));
  }
  const spec = specs.get(resource);
  if (!spec) {
    return errors(format, 400, [
      [27, `Resource of type "${resource}" does not exists. Did you mean: "${[...specs.keys()][0]}"?`],
    ]);
  }
  const method = req.method.toUpperCase() as Method;
  const allowed = options.permissions?.[resource];
  if (options.permissions && !allowed?.includes(method)) {
    return errors(format, 405, [
      [25, `Method ${method} is not allowed for the resource ${resource} with this authentication key`],
    ]);
  }
  const table = shop.tables.get(resource) ?? new Map<number, Row>();

  if (method === 'GET') {
    if (idText !== undefined) {
      const row = table.get(Number(idText));
      if (!row)
        return errors(format, 404, [
          [131, `This ${spec.className} (${Number(idText)}) does not exists on this shop`],
        ]);
      const entity = render(shop, resource, spec, row);
      return ok(format, 200, { [spec.node]: entity }, xmlEntity(spec.node, entity));
    }
    return list(shop, format, resource, spec, table, req.url.searchParams);
  }
  if (method === 'POST' && idText === undefined) return create(shop, format, resource, spec, req.body);
  if (method === 'PATCH' && idText !== undefined)
    return patch(shop, format, resource, spec, table, Number(idText), req.body);
  return errors(format, 405, [[23, `Method ${method} is not valid`]]);
}

function authenticate(req: FakeRequest, expected: string): [number, string] | undefined {
  const header = req.headers.authorization;
  let key: string | undefined;
  let password = '';
  if (typeof header === 'string' && header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    key = colon >= 0 ? decoded.slice(0, colon) : decoded;
    password = colon >= 0 ? decoded.slice(colon + 1) : '';
  } else {
    key = req.url.searchParams.get('ws_key') ?? undefined;
  }
  if (key === undefined)
    return [16, 'Please enter the authentication key as the login. No password required'];
  if (key === '') return [17, 'Authentication key is empty'];
  if (key.length !== 32) return [18, 'Invalid authentication key format'];
  if (key !== expected) return [20, 'Authentification key is not active'];
  // The key is the whole credential; a password means the client misunderstood the scheme.
  if (password !== '') return [16, 'Please enter the authentication key as the login. No password required'];
  return undefined;
}

function list(
  shop: FakeShop,
  format: Format,
  resource: string,
  spec: ResourceSpec,
  table: Map<number, Row>,
  params: URLSearchParams,
): FakeResponse {
  let rows = [...table.values()];
  for (const [name, value] of params) {
    const field = /^filter\[([a-z_]+)\]$/.exec(name)?.[1];
    if (!field) continue;
    if (!spec.fields.includes(field)) {
      return errors(format, 400, [[32, `This filter does not exist. Did you mean: "${spec.fields[0]}"?`]]);
    }
    const matches = filterMatcher(value);
    rows = rows.filter((row) => matches(row[field] ?? ''));
  }
  const sort = /^\[([a-z_]+)_(ASC|DESC)\]$/.exec(params.get('sort') ?? '');
  if (sort) {
    const [, field = 'id', direction] = sort;
    rows.sort((a, b) => {
      const x = a[field] ?? '';
      const y = b[field] ?? '';
      const order = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
      return direction === 'DESC' ? -order : order;
    });
  }
  const limit = /^(?:(\d+),)?(\d+)$/.exec(params.get('limit') ?? '');
  if (limit) rows = rows.slice(Number(limit[1] ?? 0), Number(limit[1] ?? 0) + Number(limit[2]));

  const display = params.get('display');
  let only: string[] | undefined;
  if (display === null) only = ['id'];
  else if (display !== 'full') {
    only = (/^\[(.*)\]$/.exec(display)?.[1] ?? '').split(',').filter(Boolean);
    const unknown = only.find((f) => !spec.fields.includes(f));
    if (unknown)
      return errors(format, 400, [[35, `Unable to display this field "${unknown}". Did you mean: "id"?`]]);
  }
  const entities = rows.map((row) => render(shop, resource, spec, row, only));
  // PrestaShop's JSON output of an empty list is `[]`, not an empty array under the resource name.
  if (format === 'JSON' && entities.length === 0) return ok(format, 200, [], '');
  const xml = `<${resource}>${entities.map((e) => xmlEntity(spec.node, e)).join('')}</${resource}>`;
  return ok(format, 200, { [resource]: entities }, xml);
}

/** The resource element of a POST/PATCH body, or the PrestaShop error for a body that is not XML. */
function readBody(
  format: Format,
  spec: ResourceSpec,
  body: string,
): { entity: Record<string, unknown> } | { error: FakeResponse } {
  const xml = parseXml(body);
  if (!xml) {
    return {
      error: errors(format, 500, [
        [
          127,
          `XML error : String could not be parsed as XML\nXML length : ${body.length}\nOriginal XML : ${body}`,
        ],
      ]),
    };
  }
  const root = xml.prestashop as Record<string, unknown> | undefined;
  const entity = root?.[spec.node];
  if (typeof entity !== 'object' || entity === null) {
    return { error: errors(format, 400, [[40, `The ${spec.node} node is missing in the XML`]]) };
  }
  return { entity: entity as Record<string, unknown> };
}

function validate(format: Format, spec: ResourceSpec, fields: Record<string, string>, partial: boolean) {
  for (const field of spec.fields) {
    const rule = spec.specs[field];
    if (!rule) continue;
    const value = fields[field];
    if (value === undefined) {
      if (rule.required && !partial) return errors(format, 400, [[41, `parameter "${field}" required`]]);
      continue;
    }
    const property = `${spec.className}->${field}`;
    if (rule.required && value === '')
      return errors(format, 400, [[85, `Validation error: "Property ${property} is empty."`]]);
    if (rule.maxSize !== undefined && value.length > rule.maxSize) {
      return errors(format, 400, [
        [85, `Validation error: "Property ${property} is too long (${rule.maxSize} chars max)."`],
      ]);
    }
    if (value !== '' && rule.rule && !rule.rule(value)) {
      return errors(format, 400, [[85, `Validation error: "Property ${property} is not valid"`]]);
    }
  }
  return undefined;
}

const scalarFields = (spec: ResourceSpec, entity: Record<string, unknown>): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = entity[field];
    if (value === undefined) continue;
    fields[field] = typeof value === 'object' && value !== null ? '' : String(value);
  }
  return fields;
};

const asArray = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? (value as Record<string, unknown>[])
    : value
      ? [value as Record<string, unknown>]
      : [];

function create(
  shop: FakeShop,
  format: Format,
  resource: string,
  spec: ResourceSpec,
  body: string,
): FakeResponse {
  if (!shop.tables.has(resource))
    return errors(format, 405, [[101, `Method POST is not allowed for the resource ${resource}`]]);
  const read = readBody(format, spec, body);
  if ('error' in read) return read.error;
  const fields = scalarFields(spec, read.entity);
  if (fields.id) return errors(format, 400, [[91, 'id is forbidden when adding a new resource']]);
  const invalid = validate(format, spec, fields, false);
  if (invalid) return invalid;
  const associations = (read.entity.associations ?? {}) as Record<string, unknown>;

  let row: Row;
  switch (resource) {
    case 'customers': {
      const { passwd = '', ...rest } = fields;
      row = shop.insert('customers', {
        ...rest,
        // Customer::add() generates the key; a posted one is not kept.
        secure_key: shop.newSecureKey(),
        passwd: `$2y$10$${createHash('sha256').update(passwd).digest('hex').slice(0, 53)}`,
        id_default_group: fields.id_default_group || String(SHOP_IDS.customerGroup),
        deleted: '0',
      });
      const groups = asArray((associations.groups as Record<string, unknown> | undefined)?.group).map((g) =>
        Number(g.id),
      );
      shop.customerGroups.set(Number(row.id), groups.length ? groups : [Number(row.id_default_group)]);
      break;
    }
    case 'addresses':
      row = shop.insert('addresses', { ...fields, deleted: '0' });
      break;
    case 'carts': {
      row = shop.insert('carts', { secure_key: '', ...fields });
      const rows = asArray((associations.cart_rows as Record<string, unknown> | undefined)?.cart_row);
      shop.cartRows.set(
        Number(row.id),
        rows.map((r) => ({
          id_product: String(r.id_product ?? '0'),
          id_product_attribute: String(r.id_product_attribute ?? '0'),
          id_address_delivery: String(r.id_address_delivery ?? fields.id_address_delivery ?? '0'),
          id_customization: String(r.id_customization ?? '0'),
          quantity: String(r.quantity ?? '1'),
        })),
      );
      break;
    }
    case 'orders': {
      // Order::addWs(): validateOrder() in PS_OS_WS_PAYMENT with the customer's secure key; the
      // posted state is ignored, and the answer is the posted object with the new id.
      const customer = shop.table('customers').get(Number(fields.id_customer));
      const result = shop.validateOrder({
        cartId: Number(fields.id_cart),
        stateId: STATES.ws_payment,
        amountPaid: fields.total_paid ?? '0',
        label: fields.payment ?? '',
        module: fields.module ?? '',
        secureKey: customer?.secure_key ?? '',
      });
      if (!result.ok)
        return {
          status: result.status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: result.body,
        };
      row = { ...fields, id: String(result.orderId) };
      break;
    }
    case 'order_histories': {
      if (!shop.changeState(Number(fields.id_order), Number(fields.id_order_state))) {
        return errors(format, 400, [
          [85, 'Validation error: "Property OrderHistory->id_order is not valid"'],
        ]);
      }
      row = shop.insert('order_histories', { ...fields, id_employee: '0' });
      break;
    }
    default:
      return errors(format, 405, [[101, `Method POST is not allowed for the resource ${resource}`]]);
  }
  const entity = render(shop, resource, spec, row);
  return ok(format, 201, { [spec.node]: entity }, xmlEntity(spec.node, entity));
}

function patch(
  shop: FakeShop,
  format: Format,
  resource: string,
  spec: ResourceSpec,
  table: Map<number, Row>,
  id: number,
  body: string,
): FakeResponse {
  const read = readBody(format, spec, body);
  if ('error' in read) return read.error;
  const fields = scalarFields(spec, read.entity);
  if (!fields.id) return errors(format, 400, [[90, 'id is required when modifying a resource']]);
  const row = table.get(id);
  if (!row || Number(fields.id) !== id) return errors(format, 404, [[92, 'Invalid ID']]);
  const invalid = validate(format, spec, fields, true);
  if (invalid) return invalid;
  const { id: _id, secure_key: _key, ...changes } = fields;
  Object.assign(row, changes);
  const entity = render(shop, resource, spec, row);
  return ok(format, 200, { [spec.node]: entity }, xmlEntity(spec.node, entity));
}
