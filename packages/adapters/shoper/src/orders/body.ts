import type { Address, Cart, Company, PlaceOrderInput } from '@kasa/core';
import type { ShopIds } from '../mapping.ts';
import type { OrderInsert, OrderProductInsert } from '../rest/schemas.ts';

/** What Kasa writes into `notes_priv` so the order is found by its checkout id. */
export const CHECKOUT_MARK = 'kasa:';

/**
 * The `notes_priv` text of a checkout.
 *
 * @example checkoutNote('chk_1'); // 'kasa:chk_1'
 */
export const checkoutNote = (checkoutId: string): string => `${CHECKOUT_MARK}${checkoutId}`;

/**
 * The checkout id in a `notes_priv`, when Kasa wrote one.
 *
 * @example checkoutIdOf('kasa:chk_1'); // 'chk_1'
 */
export function checkoutIdOf(notes: string | null | undefined): string | undefined {
  const match = /(?:^|\s)kasa:(\S+)/.exec(notes ?? '');
  return match?.[1];
}

/**
 * PLN for Shoper (a number with two decimals) from grosze.
 *
 * @example pln(1299); // 12.99
 */
export const pln = (grosze: number): number => Math.round(grosze) / 100;

const streetOf = (a: Address) =>
  `${a.street ?? a.city} ${a.buildingNumber}${a.flatNumber === undefined ? '' : `/${a.flatNumber}`}`.trim();

function addressBody(
  contact: PlaceOrderInput['contact'],
  address: Address | undefined,
  company?: Company,
): NonNullable<OrderInsert['billing_address']> {
  return {
    firstname: contact.firstName,
    lastname: contact.lastName,
    phone: contact.phone,
    country_code: 'PL',
    ...(company === undefined ? {} : { company: company.name, tax_identification_number: company.nip }),
    ...(address === undefined
      ? {}
      : { street1: streetOf(address), city: address.city, postcode: address.postcode }),
  };
}

/**
 * The `POST /orders` body of a placement: the shop's ids (status, payment, shipping and its tax),
 * Kasa's costs, the addresses (company and NIP on the billing address for an invoice), the InPost
 * point for a locker (`pickup_point_data.supplier` INPOST) and `notes_priv` = `kasa:<checkoutId>`.
 *
 * @example orderInsertBody(input, ids, { prepaid: 3, cod: 2 }, 1); // { email, status_id: 6, payment_id: 3, shipping_id: 1, … }
 */
export function orderInsertBody(
  input: PlaceOrderInput,
  ids: ShopIds,
  paymentIds: { readonly prepaid: number; readonly cod?: number | undefined },
  shippingTaxId: number,
): OrderInsert {
  const cod = input.paymentMethod.kind === 'cod';
  const payment = cod ? (paymentIds.cod ?? paymentIds.prepaid) : paymentIds.prepaid;
  const point = input.pickupPoint;
  const lockerAddress: Address | undefined =
    point === undefined
      ? undefined
      : {
          ...(point.address.street === undefined ? {} : { street: point.address.street }),
          buildingNumber: point.address.buildingNumber ?? '',
          postcode: point.address.postcode,
          city: point.address.city,
          country: 'PL',
        };
  const delivery = addressBody(input.contact, input.address ?? lockerAddress);
  const billingAddress = input.company?.address ?? input.address;
  return {
    email: input.contact.email,
    status_id: ids.statuses.unpaid,
    payment_id: payment,
    shipping_id: Number(input.shipping.id),
    shipping_tax_id: shippingTaxId,
    shipping_cost: pln(input.shipping.price.amount),
    currency_id: ids.plnId,
    origin: 4,
    notes_priv: checkoutNote(input.checkoutId),
    billing_address: addressBody(input.contact, billingAddress, input.company),
    delivery_address: delivery,
    different_address: input.company?.address !== undefined,
    ...(point === undefined
      ? {}
      : {
          pickup_point: point.id,
          pickup_point_data: {
            point: point.id,
            supplier: 'INPOST' as const,
            city: point.address.city,
            postal_code: point.address.postcode,
            ...(point.address.street === undefined ? {} : { street: point.address.street }),
            ...(point.address.buildingNumber === undefined
              ? {}
              : { house_number: point.address.buildingNumber }),
            country_code: 'PL',
            ...(point.description === undefined ? {} : { description: point.description }),
          },
        }),
  };
}

/** A cart line's Shoper product and stock: `12` (the product's own stock) or `12-201` (a variant). */
export function lineRef(productId: string): { productId: number; stockId?: number } {
  const [product, stock] = productId.split('-');
  return { productId: Number(product), ...(stock === undefined ? {} : { stockId: Number(stock) }) };
}

/**
 * The `order-products` body of a cart line: `product_id` for a product's own stock, `stock_id` for a
 * variant (the SDK: product_id wins and means the own stock); the price Kasa confirmed, gross.
 *
 * @example lineBody(1001, { productId: '12-202', quantity: 1, unitPrice: { amount: 5690, currency: 'PLN' }, … });
 * // { order_id: 1001, stock_id: 202, quantity: 1, price: 56.9, name: '…' }
 */
export function lineBody(orderId: number, line: Cart['lines'][number]): OrderProductInsert {
  const ref = lineRef(line.productId);
  return {
    order_id: orderId,
    ...(ref.stockId === undefined ? { product_id: ref.productId } : { stock_id: ref.stockId }),
    quantity: line.quantity,
    price: pln(line.unitPrice.amount),
    name: line.name.slice(0, 255),
    ...(line.sku === undefined ? {} : { code: line.sku.slice(0, 100) }),
  };
}
