import type { FakeResponse } from '@kasa/adapter-testing/faults';
import {
  orderInsertSchema,
  orderProductInsertSchema,
  orderTransactionInsertSchema,
  orderUpdateSchema,
} from '../rest/schemas.ts';
import {
  CURRENCIES,
  type FakeProductRecord,
  PAYMENTS,
  SHIPPINGS,
  STATUSES,
  TAXES,
  unitPrice,
} from './catalogue.ts';
import { badRequest, invalidBody, notFound, ok, shoperDate, toGrosze } from './respond.ts';

/**
 * Orders, their lines and their payment transactions, kept as the shop's database keeps them and
 * shown as the SDK's Order / OrderProduct / OrderTransaction types show them (ids and money as strings
 * in orders). Bodies are checked with the schemas of src/rest/schemas.ts; an id that names nothing is a
 * 404. `sum` = the lines (price × quantity) + `shipping_cost`. What the fake does not do: discounts,
 * stock reservation, order.delete.
 */

type Address = Readonly<Record<string, unknown>>;

export interface StoredOrder {
  readonly id: number;
  email: string;
  statusId: number;
  paymentId: number;
  shippingId: number;
  shippingTaxId: number;
  shippingCost: number;
  paid: number;
  currencyId: number;
  origin: number;
  date: string;
  statusDate: string;
  notes?: string;
  notesPriv?: string;
  notesPub?: string;
  billing?: Address;
  delivery?: Address;
  pickupPoint?: string;
  pickupPointData?: Address;
  additionalFields?: Readonly<Record<string, string>>;
}

export interface StoredLine {
  readonly id: number;
  readonly orderId: number;
  readonly productId: number;
  readonly stockId: number;
  readonly quantity: number;
  readonly price: number;
  readonly name: string;
  readonly code: string;
  readonly option: string;
  readonly taxValue: number;
}

export interface StoredTransaction {
  readonly id: number;
  readonly orderId: number;
  readonly paymentId: number;
  readonly currencyId: number;
  readonly value: number;
  readonly status: number;
  readonly description?: string;
  readonly date: string;
}

/** Webhook events a change raises (fixtures/webhook.events.txt). */
export type OrderEvent = 'order.create' | 'order.edit' | 'order.paid' | 'order.status';
export interface Change {
  readonly answer: FakeResponse;
  readonly events: readonly { event: OrderEvent; orderId: number }[];
}

const exists = {
  status: (id: number) => STATUSES.some((s) => s.status_id === id),
  payment: (id: number) => PAYMENTS.some((p) => Number(p.payment_id) === id),
  shipping: (id: number) => SHIPPINGS.some((s) => Number(s.shipping_id) === id),
  tax: (id: number) => TAXES.some((t) => t.tax_id === id),
  currency: (id: number) => CURRENCIES.some((c) => Number(c.currency_id) === id),
};

/** The first id in `body` that names nothing in the shop, as a 404. */
function unknownReference(body: Readonly<Record<string, unknown>>): FakeResponse | undefined {
  const checks: [string, (id: number) => boolean][] = [
    ['status_id', exists.status],
    ['payment_id', exists.payment],
    ['shipping_id', exists.shipping],
    ['shipping_tax_id', exists.tax],
    ['currency_id', exists.currency],
  ];
  for (const [field, known] of checks) {
    const value = body[field];
    if (typeof value === 'number' && !known(value)) return notFound(`${field} ${value}`);
  }
  return undefined;
}

const parseFailure = (body: unknown) =>
  body === null || typeof body !== 'object' || Array.isArray(body)
    ? badRequest('body: expected a JSON object')
    : undefined;

export class FakeOrderBook {
  readonly orders: StoredOrder[] = [];
  readonly lines: StoredLine[] = [];
  readonly transactions: StoredTransaction[] = [];
  private nextOrder = 1001;
  private nextLine = 5001;
  private nextTransaction = 9001;

  constructor(
    private readonly products: () => readonly FakeProductRecord[],
    private readonly now: () => number,
  ) {}

  sumOf(order: StoredOrder): number {
    const lines = this.lines.filter((l) => l.orderId === order.id);
    return lines.reduce((total, l) => total + Math.round(l.price * l.quantity), 0) + order.shippingCost;
  }

  find = (id: number) => this.orders.find((o) => o.id === id);

  create(body: unknown): Change {
    const refused = parseFailure(body);
    if (refused) return { answer: refused, events: [] };
    const parsed = orderInsertSchema.safeParse(body);
    if (!parsed.success) return { answer: invalidBody(parsed.error), events: [] };
    const input = parsed.data;
    const unknown = unknownReference(input);
    if (unknown) return { answer: unknown, events: [] };
    const date = shoperDate(this.now());
    const order: StoredOrder = {
      id: this.nextOrder++,
      email: input.email,
      statusId: input.status_id,
      paymentId: input.payment_id,
      shippingId: input.shipping_id,
      shippingTaxId: input.shipping_tax_id,
      shippingCost: toGrosze(input.shipping_cost ?? 0),
      paid: toGrosze(input.paid ?? 0),
      currencyId: input.currency_id ?? 1,
      origin: input.origin ?? 4,
      date: input.date ?? date,
      statusDate: date,
    };
    this.apply(order, input);
    this.orders.push(order);
    return { answer: ok(order.id), events: [{ event: 'order.create', orderId: order.id }] };
  }

  update(id: number, body: unknown): Change {
    const order = this.find(id);
    if (order === undefined) return { answer: notFound(`order ${id}`), events: [] };
    const refused = parseFailure(body);
    if (refused) return { answer: refused, events: [] };
    const parsed = orderUpdateSchema.safeParse(body);
    if (!parsed.success) return { answer: invalidBody(parsed.error), events: [] };
    const input = parsed.data;
    const unknown = unknownReference(input);
    if (unknown) return { answer: unknown, events: [] };
    const wasPaid = order.paid >= this.sumOf(order) && order.paid > 0;
    const statusBefore = order.statusId;
    if (input.email !== undefined) order.email = input.email;
    if (input.status_id !== undefined && input.status_id !== order.statusId) {
      order.statusId = input.status_id;
      order.statusDate = shoperDate(this.now());
    }
    if (input.payment_id !== undefined) order.paymentId = input.payment_id;
    if (input.shipping_id !== undefined) order.shippingId = input.shipping_id;
    if (input.shipping_tax_id !== undefined) order.shippingTaxId = input.shipping_tax_id;
    if (input.shipping_cost !== undefined) order.shippingCost = toGrosze(input.shipping_cost);
    if (input.paid !== undefined) order.paid = toGrosze(input.paid);
    this.apply(order, input);
    const events: Change['events'][number][] = [{ event: 'order.edit', orderId: id }];
    if (order.statusId !== statusBefore) events.push({ event: 'order.status', orderId: id });
    if (!wasPaid && order.paid > 0 && order.paid >= this.sumOf(order))
      events.push({ event: 'order.paid', orderId: id });
    return { answer: ok(true), events };
  }

  private apply(order: StoredOrder, input: Readonly<Record<string, unknown>> & { notes?: string }) {
    const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
    for (const [key, field] of [
      ['notes', 'notes'],
      ['notes_priv', 'notesPriv'],
      ['notes_pub', 'notesPub'],
      ['pickup_point', 'pickupPoint'],
    ] as const) {
      const value = text(key);
      if (value !== undefined) order[field] = value;
    }
    const object = (key: string) =>
      typeof input[key] === 'object' && input[key] !== null ? (input[key] as Address) : undefined;
    order.billing = object('billing_address') ?? order.billing;
    order.delivery = object('delivery_address') ?? order.delivery;
    order.pickupPointData = object('pickup_point_data') ?? order.pickupPointData;
    if (order.pickupPointData !== undefined && order.pickupPoint === undefined) {
      order.pickupPoint = String(order.pickupPointData.point);
    }
    const extra = object('additional_fields');
    if (extra) order.additionalFields = extra as Record<string, string>;
  }

  addLine(body: unknown): FakeResponse {
    const refused = parseFailure(body);
    if (refused) return refused;
    const parsed = orderProductInsertSchema.safeParse(body);
    if (!parsed.success) return invalidBody(parsed.error);
    const input = parsed.data;
    if (this.find(input.order_id) === undefined) return notFound(`order_id ${input.order_id}`);
    // OrderProductInsert.php: product_id wins over stock_id and means the product's own stock.
    let product: FakeProductRecord | undefined;
    let stock: FakeProductRecord['main'] | undefined;
    if (input.product_id !== undefined) {
      product = this.products().find((p) => p.productId === input.product_id);
      if (product === undefined) return notFound(`product_id ${input.product_id}`);
      stock = product.main;
    } else if (input.stock_id !== undefined) {
      product = this.products().find((p) =>
        [p.main, ...p.variants].some((s) => s.stockId === input.stock_id),
      );
      if (product === undefined) return notFound(`stock_id ${input.stock_id}`);
      stock = [product.main, ...product.variants].find((s) => s.stockId === input.stock_id);
    }
    const line: StoredLine = {
      id: this.nextLine++,
      orderId: input.order_id,
      productId: product?.productId ?? 0,
      stockId: stock?.stockId ?? 0,
      quantity: input.quantity,
      price:
        input.price !== undefined ? toGrosze(input.price) : product && stock ? unitPrice(product, stock) : 0,
      name: input.name ?? product?.name ?? '',
      code: input.code ?? stock?.code ?? '',
      option: input.option ?? stock?.option ?? '',
      taxValue: input.tax_value ?? product?.vatRate ?? 0,
    };
    this.lines.push(line);
    return ok(line.id);
  }

  addTransaction(body: unknown): FakeResponse {
    const refused = parseFailure(body);
    if (refused) return refused;
    const parsed = orderTransactionInsertSchema.safeParse(body);
    if (!parsed.success) return invalidBody(parsed.error);
    const input = parsed.data;
    if (this.find(input.order_id) === undefined) return notFound(`order_id ${input.order_id}`);
    const unknown = unknownReference({ payment_id: input.payment_id, currency_id: input.currency_id });
    if (unknown) return unknown;
    const transaction: StoredTransaction = {
      id: this.nextTransaction++,
      orderId: input.order_id,
      paymentId: input.payment_id,
      currencyId: input.currency_id,
      value: toGrosze(input.currency_value),
      status: input.status,
      date: input.date ?? shoperDate(this.now()),
      ...(input.status_description === undefined ? {} : { description: input.status_description }),
    };
    this.transactions.push(transaction);
    return ok(transaction.id);
  }
}
