import type { PlatformOrder } from '@kasa/adapter-testing';
import { money } from '@kasa/core';
import { STATUSES, TAXES } from './catalogue.ts';
import type { FakeOrderBook, StoredLine, StoredOrder, StoredTransaction } from './orders.ts';
import { plnText } from './respond.ts';

/**
 * The JSON the fake answers for orders, their lines and transactions, typed as the SDK types them
 * (src/Rest/Types/Order.php: ids, money, origin as strings; `pickup_point` and `pickup_point_data`
 * only when the order has a point; `is_paid` / `is_overpayment` / `is_underpayment` booleans).
 */
export function orderJson(order: StoredOrder, book: FakeOrderBook): Record<string, unknown> {
  const sum = book.sumOf(order);
  const status = STATUSES.find((s) => s.status_id === order.statusId);
  const tax = TAXES.find((t) => t.tax_id === order.shippingTaxId);
  const address = (a: Readonly<Record<string, unknown>> | undefined, type: number) =>
    a === undefined ? null : { ...a, order_id: String(order.id), type };
  return {
    order_id: String(order.id),
    user_id: null,
    date: order.date,
    status_date: order.statusDate,
    confirm: '0',
    status_id: String(order.statusId),
    status:
      status === undefined
        ? null
        : {
            status_id: String(status.status_id),
            type: String(status.type),
            translations: status.translations,
          },
    sum: plnText(sum),
    paid: plnText(order.paid),
    is_paid: sum > 0 && order.paid >= sum,
    is_overpayment: order.paid > sum,
    is_underpayment: order.paid > 0 && order.paid < sum,
    payment_id: String(order.paymentId),
    shipping_id: String(order.shippingId),
    shipping_cost: plnText(order.shippingCost),
    shipping_tax_id: String(order.shippingTaxId),
    shipping_tax_value: tax === undefined ? null : tax.value.toFixed(2),
    shipping_tax_name: tax?.name ?? null,
    email: order.email,
    notes: order.notes ?? '',
    notes_priv: order.notesPriv ?? '',
    notes_pub: order.notesPub ?? '',
    origin: String(order.origin),
    currency_id: String(order.currencyId),
    currency_rate: '1.0000',
    lang_id: '1',
    billing_address: address(order.billing, 1),
    delivery_address: address(order.delivery ?? order.billing, 2),
    additional_fields: Object.entries(order.additionalFields ?? {}).map(([field_id, value]) => ({
      field_id,
      value,
    })),
    total_products: book.lines.filter((l) => l.orderId === order.id).length,
    ...(order.pickupPoint === undefined ? {} : { pickup_point: order.pickupPoint }),
    ...(order.pickupPointData === undefined ? {} : { pickup_point_data: order.pickupPointData }),
  };
}

/** GET /order-products item (SDK OrderProduct: numbers). */
export const lineJson = (line: StoredLine) => ({
  id: line.id,
  order_id: line.orderId,
  product_id: line.productId,
  stock_id: line.stockId,
  quantity: line.quantity,
  price: line.price / 100,
  discount_perc: 0,
  name: line.name,
  code: line.code,
  option: line.option,
  pkwiu: '',
  tax: `${line.taxValue}%`,
  tax_value: line.taxValue,
  unit: 'szt.',
  unit_fp: false,
  weight: 0.5,
});

/** GET /order-transactions item (SDK OrderTransaction; `transaction_id` is the fake's GUESS). */
export const transactionJson = (t: StoredTransaction) => ({
  transaction_id: String(t.id),
  order_id: String(t.orderId),
  payment_id: String(t.paymentId),
  currency_id: String(t.currencyId),
  currency_value: t.value / 100,
  status: String(t.status),
  status_description: t.description ?? null,
  date: t.date,
});

/**
 * The orders as the contract suite reads them: the checkout id from `notes_priv` (`kasa:<id>`), paid when
 * `paid` covers `sum`, the pickup point, the NIP of the billing address, and the transaction id from the
 * finished transaction's `status_description` (`<provider> <transactionId>`, as Kasa writes it).
 */
export function platformOrdersOf(book: FakeOrderBook): PlatformOrder[] {
  return book.orders.map((order) => {
    const sum = book.sumOf(order);
    const checkoutId = /kasa:(\S+)/.exec(order.notesPriv ?? '')?.[1] ?? '';
    const finished = book.transactions.find((t) => t.orderId === order.id && t.status === 3);
    const description = finished?.description?.trim();
    const transactionId = description?.includes(' ')
      ? description.slice(description.indexOf(' ') + 1)
      : description;
    const nip = order.billing?.tax_identification_number;
    return {
      id: String(order.id),
      checkoutId,
      paid: sum > 0 && order.paid >= sum,
      total: money(sum),
      ...(transactionId ? { transactionId } : {}),
      ...(order.pickupPoint ? { pickupPointId: order.pickupPoint } : {}),
      ...(typeof nip === 'string' && nip !== '' ? { nip } : {}),
    };
  });
}
