import { type Money, toDecimalString } from '@kasa/core';
import {
  costOf,
  deliveryOptionsOf,
  type FakeCart,
  type FakeCartResult,
  type FakeCartStore,
} from './storefront-carts.ts';
import { productGid, variantGid } from './storefront-catalogue.ts';

/**
 * The fake Storefront's GraphQL: finds the operation's root field and answers it from the cart store
 * in Shopify's JSON shapes. It is no GraphQL engine: it reads the first field of the document and its
 * variables (Kasa sends values only as variables), and answers every cart field Kasa may ask for.
 */

/**
 * Shopify's Decimal as the Storefront API prints it: no trailing zeros past one decimal ("49.9",
 * "12.0"). Kasa's parser must read this as well as "49.90".
 *
 * @example decimalOf(money(4990)); // '49.9'
 */
export function decimalOf(m: Money): string {
  const fixed = toDecimalString(m);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '.0') : fixed;
}

const moneyV2 = (m: Money) => ({ amount: decimalOf(m), currencyCode: m.currency });

/** A cart as the Storefront API answers it; one answer less while its delivery is being priced. */
export function cartJson(cart: FakeCart) {
  const json = cartJsonNow(cart);
  if (cart.pricingAnswers > 0) cart.pricingAnswers -= 1;
  return json;
}

function cartJsonNow(cart: FakeCart) {
  const { subtotal, total } = costOf(cart);
  const lineNodes = cart.lines.map((line) => ({
    id: line.id,
    quantity: line.quantity,
    attributes: [],
    cost: {
      amountPerQuantity: moneyV2(line.variant.price),
      subtotalAmount: moneyV2({ ...line.variant.price, amount: line.variant.price.amount * line.quantity }),
      totalAmount: moneyV2({ ...line.variant.price, amount: line.variant.price.amount * line.quantity }),
    },
    merchandise: {
      __typename: 'ProductVariant',
      id: variantGid(line.variant.id),
      sku: line.variant.sku,
      title: 'Default Title',
      weight: line.variant.grams,
      weightUnit: 'GRAMS',
      image: null,
      price: moneyV2(line.variant.price),
      product: { id: productGid(line.variant.productId), title: line.variant.title },
    },
  }));
  const options = deliveryOptionsOf(cart);
  const groups =
    options.length === 0
      ? []
      : [
          {
            id: cart.deliveryGroupId,
            deliveryOptions: options.map((rate) => ({
              handle: rate.handle,
              title: rate.title,
              code: rate.code,
              deliveryMethodType: 'SHIPPING',
              estimatedCost: moneyV2(rate.price),
            })),
            selectedDeliveryOption: options.some((r) => r.handle === cart.selectedHandle)
              ? { handle: cart.selectedHandle }
              : null,
          },
        ];
  return {
    id: cart.id,
    checkoutUrl: cart.checkoutUrl,
    createdAt: cart.createdAt,
    updatedAt: cart.updatedAt,
    totalQuantity: cart.lines.reduce((n, l) => n + l.quantity, 0),
    note: null,
    buyerIdentity: {
      email: cart.buyerIdentity.email ?? null,
      phone: cart.buyerIdentity.phone ?? null,
      countryCode: cart.buyerIdentity.countryCode ?? null,
      customer: null,
    },
    attributes: cart.attributes.map((a) => ({ key: a.key, value: a.value })),
    cost: {
      subtotalAmount: moneyV2(subtotal),
      totalAmount: moneyV2(total),
      checkoutChargeAmount: moneyV2(total),
    },
    lines: { nodes: lineNodes, edges: lineNodes.map((node) => ({ node })) },
    delivery: {
      addresses: cart.addresses.map((a) => ({
        id: a.id,
        selected: a.selected,
        oneTimeUse: a.oneTimeUse,
        address: { __typename: 'CartDeliveryAddress', ...a.address },
      })),
    },
    deliveryGroups: { nodes: groups, edges: groups.map((node) => ({ node })) },
  };
}

/** The first field of the operation's selection set, e.g. `cartCreate` or `cart`. */
export function rootFieldOf(query: string): string | undefined {
  const withoutComments = query.replace(/#[^\n]*/g, '');
  return /\{\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(withoutComments)?.[1];
}

const payload = (result: FakeCartResult) => ({
  cart: result.cart ? cartJson(result.cart) : null,
  userErrors: result.userErrors,
  warnings: result.warnings ?? [],
});

type Variables = Record<string, unknown>;

const MUTATIONS: Readonly<Record<string, (store: FakeCartStore, v: Variables) => FakeCartResult>> = {
  cartCreate: (store, v) => store.create((v.input ?? {}) as Record<string, unknown>),
  cartLinesAdd: (store, v) => store.linesAdd(String(v.cartId), v.lines),
  cartLinesUpdate: (store, v) => store.linesUpdate(String(v.cartId), v.lines),
  cartBuyerIdentityUpdate: (store, v) => store.buyerIdentityUpdate(String(v.cartId), v.buyerIdentity),
  cartDeliveryAddressesAdd: (store, v) => store.deliveryAddressesAdd(String(v.cartId), v.addresses),
  cartSelectedDeliveryOptionsUpdate: (store, v) =>
    store.selectedDeliveryOptionsUpdate(String(v.cartId), v.selectedDeliveryOptions),
  cartAttributesUpdate: (store, v) => store.attributesUpdate(String(v.cartId), v.attributes),
};

/** The JSON body of the answer to one GraphQL request. */
export function answerGraphql(
  store: FakeCartStore,
  query: string,
  variables: Variables,
): Record<string, unknown> {
  const field = rootFieldOf(query);
  if (field === 'cart') {
    const cart = store.get(String(variables.id));
    return { data: { cart: cart ? cartJson(cart) : null } };
  }
  const mutation = field ? MUTATIONS[field] : undefined;
  if (!field || !mutation) {
    return {
      errors: [
        {
          message: `Field '${field ?? ''}' doesn't exist on type '${/^\s*mutation/.test(query) ? 'Mutation' : 'QueryRoot'}'`,
          extensions: { code: 'undefinedField', typeName: 'QueryRoot', fieldName: field ?? '' },
        },
      ],
    };
  }
  return { data: { [field]: payload(mutation(store, variables)) } };
}
