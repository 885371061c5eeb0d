import { createHmac, randomUUID } from 'node:crypto';
import { type Money, money, multiply } from '@kasa/core';
import { costOf, type FakeCart, selectedRateOf } from './storefront-carts.ts';
import { productGid } from './storefront-catalogue.ts';

/**
 * What Shopify's checkout does with a cart once the shopper paid, in the fake: an order whose
 * `note_attributes` are the cart's attributes, and the `orders/create` webhook signed as Shopify
 * signs it.
 */

const price = (m: Money) => (m.amount / 100).toFixed(2);

/** The REST order JSON of the `orders/create` webhook (the fields Kasa reads and a few around them). */
export function orderOfCart(cart: FakeCart, order: { id: number; number: number; createdAt: string }) {
  const { subtotal, total } = costOf(cart);
  const rate = selectedRateOf(cart);
  const shipping = rate?.price ?? money(0);
  const address = cart.addresses.find((a) => a.selected)?.address;
  return {
    id: order.id,
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: `#${order.number}`,
    order_number: order.number,
    created_at: order.createdAt,
    currency: 'PLN',
    presentment_currency: 'PLN',
    financial_status: 'paid',
    fulfillment_status: null,
    taxes_included: true,
    email: cart.buyerIdentity.email ?? '',
    phone: cart.buyerIdentity.phone ?? null,
    cart_token: cart.token,
    subtotal_price: price(subtotal),
    total_price: price(total),
    total_shipping_price_set: {
      shop_money: { amount: price(shipping), currency_code: 'PLN' },
      presentment_money: { amount: price(shipping), currency_code: 'PLN' },
    },
    note: null,
    note_attributes: cart.attributes.map((a) => ({ name: a.key, value: a.value })),
    line_items: cart.lines.map((line, i) => ({
      id: order.id * 100 + i + 1,
      admin_graphql_api_id: `gid://shopify/LineItem/${order.id * 100 + i + 1}`,
      product_id: line.variant.productId,
      variant_id: line.variant.id,
      sku: line.variant.sku,
      title: line.variant.title,
      name: line.variant.title,
      quantity: line.quantity,
      price: price(line.variant.price),
      grams: line.variant.grams,
      properties: [],
      taxable: true,
      product_exists: true,
      admin_graphql_api_product_id: productGid(line.variant.productId),
      total_discount: '0.00',
      line_price: price(multiply(line.variant.price, line.quantity)),
    })),
    shipping_lines: rate
      ? [
          {
            id: order.id * 10,
            title: rate.title,
            code: rate.code,
            price: price(rate.price),
            source: 'shopify',
          },
        ]
      : [],
    shipping_address: address
      ? {
          address1: address.address1 ?? '',
          address2: address.address2 ?? null,
          city: address.city ?? '',
          zip: address.zip ?? '',
          country_code: address.countryCode ?? '',
          first_name: address.firstName ?? '',
          last_name: address.lastName ?? '',
          phone: address.phone ?? null,
        }
      : null,
  };
}

export interface SignedWebhook {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A webhook as Shopify sends it: the raw JSON body and its headers, the signature being the base64
 * HMAC-SHA256 of that exact body with the app's secret.
 *
 * @example
 * const hook = signWebhook({ topic: 'orders/create', shop: 'kasa-demo.myshopify.com', apiVersion: '2026-04', secret, payload: order });
 * hook.headers['X-Shopify-Hmac-Sha256']; // base64
 */
export function signWebhook(input: {
  topic: string;
  shop: string;
  apiVersion: string;
  secret: string;
  payload: unknown;
  webhookId?: string;
}): SignedWebhook {
  const body = JSON.stringify(input.payload);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Hmac-Sha256': createHmac('sha256', input.secret).update(body, 'utf8').digest('base64'),
      'X-Shopify-Topic': input.topic,
      'X-Shopify-Shop-Domain': input.shop,
      'X-Shopify-API-Version': input.apiVersion,
      'X-Shopify-Webhook-Id': input.webhookId ?? randomUUID(),
      'X-Shopify-Triggered-At': new Date().toISOString(),
    },
  };
}
