import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The state of the fake WooCommerce shop: a PLN catalogue with prices including VAT, Store API
 * sessions keyed by Cart-Token, and orders. Answers are built on the documented examples in
 * `fixtures/`, so they have every field a real shop sends, not only the ones Kasa reads.
 */

const fixture = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const templates = {
  cart: fixture('store-api/store-cart.response.json'),
  checkout: fixture('store-api/store-checkout-POST.response.json'),
  order: fixture('rest-v3/orders-retrieve-an-order.response.json'),
  webhook: fixture('rest-v3/webhooks-create-a-webhook.response.json'),
};
const firstOf = (value: unknown): Record<string, unknown> => (value as Record<string, unknown>[])[0] ?? {};
const cartItemTemplate = firstOf(templates.cart.items);
const packageTemplate = firstOf(templates.cart.shipping_rates);
const rateTemplate = firstOf(packageTemplate.shipping_rates);

export interface FakeProduct {
  readonly id: number;
  readonly name: string;
  readonly sku: string;
  /** Gross price of one unit in grosze. */
  readonly price: number;
  readonly vatRate: number;
}

export const FAKE_PRODUCTS: readonly FakeProduct[] = [
  {
    id: 101,
    name: 'Kawa ziarnista Etiopia Yirgacheffe 250 g',
    sku: 'KAWA-ETI-250',
    price: 4990,
    vatRate: 23,
  },
  { id: 102, name: 'Czekolada gorzka 70% 100 g', sku: 'CZEK-70-100', price: 1290, vatRate: 8 },
  {
    id: 103,
    name: 'Książka &bdquo;Kawa. Od ziarna do filiżanki&rdquo;',
    sku: 'KSIAZKA-KAWA',
    price: 5990,
    vatRate: 5,
  },
  { id: 104, name: 'Kubek ceramiczny 350 ml', sku: 'KUBEK-350', price: 3900, vatRate: 23 },
];

interface Rate {
  readonly rateId: string;
  readonly methodId: string;
  readonly instanceId: number;
  readonly name: string;
  readonly deliveryTime: string;
  /** Net price in grosze; WooCommerce adds shipping tax on top. */
  readonly net: number;
}

/** The shop's shipping zone "Polska": the official InPost plugin's locker, a courier, pickup in person. */
export const FAKE_RATES: readonly Rate[] = [
  {
    rateId: 'easypack_parcel_machines:3',
    methodId: 'easypack_parcel_machines',
    instanceId: 3,
    name: 'InPost Paczkomat 24/7',
    deliveryTime: '1–2 dni robocze',
    net: 1056,
  },
  {
    rateId: 'flat_rate:1',
    methodId: 'flat_rate',
    instanceId: 1,
    name: 'Kurier DPD',
    deliveryTime: '1–3 dni robocze',
    net: 1381,
  },
  {
    rateId: 'local_pickup:2',
    methodId: 'local_pickup',
    instanceId: 2,
    name: 'Odbiór osobisty w kawiarni',
    deliveryTime: '',
    net: 0,
  },
];
export const SHIPPING_VAT = 23;

const PLN = {
  currency_code: 'PLN',
  currency_symbol: 'zł',
  currency_minor_unit: 2,
  currency_decimal_separator: ',',
  currency_thousand_separator: ' ',
  currency_prefix: '',
  currency_suffix: ' zł',
};

/** VAT in a gross amount, half away from zero, as a Polish invoice computes it per line. */
export const taxOfGross = (gross: number, rate: number) => Math.round((gross * rate) / (100 + rate));
export const taxOfNet = (net: number, rate: number) => Math.round((net * rate) / 100);

export interface Address {
  [field: string]: string;
}

export interface Session {
  readonly id: string;
  /** Cart lines by item key. */
  readonly items: Map<string, { productId: number; quantity: number }>;
  shipping: Address;
  billing: Address;
  chosenRate?: string;
}

export interface Meta {
  readonly id: number;
  readonly key: string;
  value: unknown;
}

export interface FakeOrder {
  readonly id: number;
  readonly orderKey: string;
  status: string;
  /** The WordPress user the order belongs to; 0 for a guest. */
  customerId: number;
  readonly createdAt: Date;
  datePaid: Date | null;
  readonly paymentMethod: string;
  transactionId: string;
  readonly billing: Address;
  readonly shipping: Address;
  readonly lines: readonly { productId: number; quantity: number }[];
  readonly rate: Rate | undefined;
  readonly meta: Meta[];
}

const minor = (n: number) => String(n);
/** REST v3 money: a decimal string. */
const decimal = (grosze: number) => (grosze / 100).toFixed(2);
/** WooCommerce's local-time-less GMT format: 2026-03-02T10:00:00. */
const gmt = (date: Date | null) => (date === null ? null : date.toISOString().slice(0, 19));

export class FakeShopState {
  readonly sessions = new Map<string, Session>();
  readonly orders: FakeOrder[] = [];
  private nextOrderId = 1001;
  private nextMetaId = 5001;
  private readonly tokenSecret = randomBytes(32);

  constructor(private readonly tokenLifetimeSeconds: number) {}

  // Cart-Token: a JWT (HS256) naming the session, with the claims real WooCommerce 10 puts in it
  // (a guest's token is 212 characters, as on a real shop).
  issueToken(session: Session, nowSeconds: number): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
      user_id: session.id,
      exp: nowSeconds + this.tokenLifetimeSeconds,
      iss: 'store-api',
      iat: nowSeconds,
    })}`;
    return `${body}.${createHmac('sha256', this.tokenSecret).update(body).digest('base64url')}`;
  }

  sessionOfToken(token: string | undefined, nowSeconds: number): Session | undefined {
    if (token === undefined) return undefined;
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) return undefined;
    const expected = createHmac('sha256', this.tokenSecret)
      .update(`${header}.${payload}`)
      .digest('base64url');
    if (expected !== signature) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        user_id?: string;
        exp?: number;
      };
      if (typeof claims.exp !== 'number' || claims.exp < nowSeconds) return undefined;
      return this.sessions.get(String(claims.user_id));
    } catch {
      return undefined;
    }
  }

  /** A guest's session, or a registered customer's (keyed by their user id, as WooCommerce keys it). */
  newSession(customerId?: number): Session {
    // A guest customer id as current WooCommerce makes one: 't_' and 30 hex characters.
    const session: Session = {
      id: customerId === undefined ? `t_${randomBytes(15).toString('hex')}` : String(customerId),
      items: new Map(),
      shipping: { country: 'PL' },
      billing: { country: 'PL' },
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Rates for the session's destination: the zone "Polska" only. */
  ratesFor(session: Session): readonly Rate[] {
    return session.items.size === 0 || (session.shipping.country ?? 'PL') !== 'PL' ? [] : FAKE_RATES;
  }

  chosenRate(session: Session): Rate | undefined {
    const rates = this.ratesFor(session);
    return rates.find((r) => r.rateId === session.chosenRate) ?? rates[0];
  }

  private linesOf(items: Iterable<{ productId: number; quantity: number }>) {
    return [...items].map((line) => {
      const product = FAKE_PRODUCTS.find((p) => p.id === line.productId);
      if (product === undefined) throw new Error(`fake: no product ${line.productId}`);
      const gross = product.price * line.quantity;
      const tax = taxOfGross(gross, product.vatRate);
      return { product, quantity: line.quantity, gross, tax, net: gross - tax };
    });
  }

  private totalsOf(lines: ReturnType<FakeShopState['linesOf']>, rate: Rate | undefined) {
    const shippingNet = rate?.net ?? 0;
    const shippingTax = taxOfNet(shippingNet, SHIPPING_VAT);
    const itemsNet = lines.reduce((s, l) => s + l.net, 0);
    const itemsTax = lines.reduce((s, l) => s + l.tax, 0);
    return {
      itemsNet,
      itemsTax,
      shippingNet,
      shippingTax,
      total: itemsNet + itemsTax + shippingNet + shippingTax,
      totalTax: itemsTax + shippingTax,
    };
  }

  /** The Store API cart response (cart.md's example, re-priced). */
  cartResponse(session: Session): Record<string, unknown> {
    const lines = this.linesOf([...session.items.values()]);
    const keys = [...session.items.keys()];
    const rates = this.ratesFor(session);
    const chosen = this.chosenRate(session);
    const totals = this.totalsOf(lines, chosen);
    return {
      ...templates.cart,
      items: lines.map((line, i) => ({
        ...cartItemTemplate,
        key: keys[i],
        id: line.product.id,
        quantity: line.quantity,
        name: line.product.name,
        sku: line.product.sku,
        permalink: `https://sklep.example.pl/produkt/${line.product.id}/`,
        images: [],
        prices: {
          ...(cartItemTemplate.prices as object),
          price: minor(line.product.price),
          regular_price: minor(line.product.price),
          sale_price: minor(line.product.price),
          ...PLN,
          raw_prices: {
            precision: 6,
            price: minor(line.product.price * 10_000),
            regular_price: minor(line.product.price * 10_000),
            sale_price: minor(line.product.price * 10_000),
          },
        },
        totals: {
          line_subtotal: minor(line.net),
          line_subtotal_tax: minor(line.tax),
          line_total: minor(line.net),
          line_total_tax: minor(line.tax),
          ...PLN,
        },
      })),
      coupons: [],
      totals: {
        total_items: minor(totals.itemsNet),
        total_items_tax: minor(totals.itemsTax),
        total_fees: '0',
        total_fees_tax: '0',
        total_discount: '0',
        total_discount_tax: '0',
        total_shipping: rates.length === 0 ? null : minor(totals.shippingNet),
        total_shipping_tax: rates.length === 0 ? null : minor(totals.shippingTax),
        total_price: minor(totals.total),
        total_tax: minor(totals.totalTax),
        tax_lines: [],
        ...PLN,
      },
      shipping_address: { ...(templates.cart.shipping_address as object), ...session.shipping },
      billing_address: { ...(templates.cart.billing_address as object), ...session.billing },
      needs_shipping: session.items.size > 0,
      has_calculated_shipping: rates.length > 0,
      shipping_rates:
        rates.length === 0
          ? []
          : [
              {
                ...packageTemplate,
                package_id: 0,
                name: 'Przesyłka 1',
                destination: { ...session.shipping },
                items: lines.map((l, i) => ({ key: keys[i], name: l.product.name, quantity: l.quantity })),
                shipping_rates: rates.map((rate) => ({
                  ...rateTemplate,
                  rate_id: rate.rateId,
                  name: rate.name,
                  description: '',
                  delivery_time: rate.deliveryTime,
                  price: minor(rate.net),
                  taxes: minor(taxOfNet(rate.net, SHIPPING_VAT)),
                  instance_id: rate.instanceId,
                  method_id: rate.methodId,
                  meta_data: [],
                  selected: rate.rateId === chosen?.rateId,
                  ...PLN,
                })),
              },
            ],
      items_count: [...session.items.values()].reduce((s, l) => s + l.quantity, 0),
      payment_methods: ['kasa', 'cod', 'bacs'],
    };
  }

  createOrder(input: {
    session: Session;
    paymentMethod: string;
    status: string;
    billing: Address;
    shipping: Address;
    meta: readonly { key: string; value: unknown }[];
    customerId?: number;
    now: Date;
  }): FakeOrder {
    const order: FakeOrder = {
      id: this.nextOrderId++,
      orderKey: `wc_order_${randomBytes(7).toString('base64url')}`,
      status: input.status,
      customerId: input.customerId ?? 0,
      createdAt: input.now,
      // WooCommerce stamps the payment date when an order reaches processing (cash on delivery too).
      datePaid: input.status === 'processing' ? input.now : null,
      paymentMethod: input.paymentMethod,
      transactionId: '',
      billing: input.billing,
      shipping: input.shipping,
      lines: [...input.session.items.values()].map((l) => ({ ...l })),
      rate: this.chosenRate(input.session),
      meta: [],
    };
    for (const m of input.meta) this.setMeta(order, m.key, m.value);
    this.orders.push(order);
    return order;
  }

  setMeta(order: FakeOrder, key: string, value: unknown): void {
    const existing = order.meta.find((m) => m.key === key);
    if (existing) existing.value = value;
    else order.meta.push({ id: this.nextMetaId++, key, value });
  }

  meta(order: FakeOrder, key: string): string | undefined {
    const value = order.meta.find((m) => m.key === key)?.value;
    return typeof value === 'string' ? value : undefined;
  }

  totalOf(order: FakeOrder): number {
    return this.totalsOf(this.linesOf(order.lines), order.rate).total;
  }

  /** The REST v3 order (orders.md's example, re-filled). */
  restOrder(order: FakeOrder, baseUrl: string): Record<string, unknown> {
    const lines = this.linesOf(order.lines);
    const totals = this.totalsOf(lines, order.rate);
    return {
      ...templates.order,
      id: order.id,
      number: String(order.id),
      order_key: order.orderKey,
      created_via: 'store-api',
      version: '9.8.0',
      status: order.status,
      currency: 'PLN',
      date_created: gmt(order.createdAt),
      date_created_gmt: gmt(order.createdAt),
      date_modified: gmt(order.createdAt),
      date_modified_gmt: gmt(order.createdAt),
      discount_total: '0.00',
      discount_tax: '0.00',
      shipping_total: decimal(totals.shippingNet),
      shipping_tax: decimal(totals.shippingTax),
      cart_tax: decimal(totals.itemsTax),
      total: decimal(totals.total),
      total_tax: decimal(totals.totalTax),
      prices_include_tax: true,
      customer_id: order.customerId,
      billing: { ...(templates.order.billing as object), ...order.billing },
      shipping: { ...(templates.order.shipping as object), ...order.shipping },
      payment_method: order.paymentMethod,
      payment_method_title: order.paymentMethod,
      transaction_id: order.transactionId,
      date_paid: gmt(order.datePaid),
      date_paid_gmt: gmt(order.datePaid),
      meta_data: order.meta.map((m) => ({ ...m })),
      line_items: lines.map((l, i) => ({
        id: order.id * 10 + i,
        name: l.product.name,
        product_id: l.product.id,
        variation_id: 0,
        quantity: l.quantity,
        tax_class: '',
        subtotal: decimal(l.net),
        subtotal_tax: decimal(l.tax),
        total: decimal(l.net),
        total_tax: decimal(l.tax),
        taxes: [],
        meta_data: [],
        sku: l.product.sku,
        price: l.net / 100 / l.quantity,
      })),
      tax_lines: [],
      shipping_lines: order.rate
        ? [
            {
              id: order.id * 10 + 9,
              method_title: order.rate.name,
              method_id: order.rate.methodId,
              total: decimal(totals.shippingNet),
              total_tax: decimal(totals.shippingTax),
              taxes: [],
              meta_data: [],
            },
          ]
        : [],
      _links: {
        self: [{ href: `${baseUrl}/wp-json/wc/v3/orders/${order.id}` }],
        collection: [{ href: `${baseUrl}/wp-json/wc/v3/orders` }],
      },
    };
  }

  checkoutTemplate(): Record<string, unknown> {
    return templates.checkout;
  }

  webhookTemplate(): Record<string, unknown> {
    return templates.webhook;
  }
}

export { PLN };
