/**
 * The Storefront API documents Kasa sends. Every mutation asks for the same cart fields and the
 * payload's `userErrors`, so one schema reads every answer. Values always travel as variables, never
 * inlined into the document (no escaping of shopper input into GraphQL text).
 */

/** What Kasa reads of a cart: lines with prices and weight, cost, delivery, attributes, checkout URL. */
export const CART_FIELDS = `
  id
  checkoutUrl
  totalQuantity
  buyerIdentity { countryCode }
  attributes { key value }
  cost {
    subtotalAmount { amount currencyCode }
    totalAmount { amount currencyCode }
  }
  lines(first: 250) {
    nodes {
      id
      quantity
      cost {
        amountPerQuantity { amount currencyCode }
        totalAmount { amount currencyCode }
      }
      merchandise {
        ... on ProductVariant {
          id
          sku
          title
          weight
          weightUnit
          image { url }
          product { id title }
        }
      }
    }
  }
  delivery {
    addresses { id selected }
  }
  deliveryGroups(first: 10) {
    nodes {
      id
      deliveryOptions { handle title code deliveryMethodType estimatedCost { amount currencyCode } }
      selectedDeliveryOption { handle }
    }
  }
`;

const USER_ERRORS = 'userErrors { code field message } warnings { code message target }';

/** The root field each document answers under, by Kasa's operation name. */
export const OPERATIONS = {
  cart: `query KasaCart($id: ID!) { cart(id: $id) { ${CART_FIELDS} } }`,
  cartCreate: `mutation KasaCartCreate($input: CartInput!) {
    cartCreate(input: $input) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
  cartLinesAdd: `mutation KasaCartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {
    cartLinesAdd(cartId: $cartId, lines: $lines) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
  cartLinesUpdate: `mutation KasaCartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {
    cartLinesUpdate(cartId: $cartId, lines: $lines) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
  cartBuyerIdentityUpdate: `mutation KasaCartBuyerIdentityUpdate($cartId: ID!, $buyerIdentity: CartBuyerIdentityInput!) {
    cartBuyerIdentityUpdate(cartId: $cartId, buyerIdentity: $buyerIdentity) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
  cartDeliveryAddressesAdd: `mutation KasaCartDeliveryAddressesAdd($cartId: ID!, $addresses: [CartSelectableAddressInput!]!) {
    cartDeliveryAddressesAdd(cartId: $cartId, addresses: $addresses) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
  cartSelectedDeliveryOptionsUpdate: `mutation KasaCartSelectedDeliveryOptionsUpdate($cartId: ID!, $selectedDeliveryOptions: [CartSelectedDeliveryOptionInput!]!) {
    cartSelectedDeliveryOptionsUpdate(cartId: $cartId, selectedDeliveryOptions: $selectedDeliveryOptions) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
  cartAttributesUpdate: `mutation KasaCartAttributesUpdate($cartId: ID!, $attributes: [AttributeInput!]!) {
    cartAttributesUpdate(cartId: $cartId, attributes: $attributes) { cart { ${CART_FIELDS} } ${USER_ERRORS} }
  }`,
} as const;

export type StorefrontOperation = keyof typeof OPERATIONS;
export type CartMutation = Exclude<StorefrontOperation, 'cart'>;
