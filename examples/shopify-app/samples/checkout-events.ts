/**
 * CONSTRUCTED samples of Shopify's standard customer events, written by hand for Kasa's tests and
 * typed against @shopify/web-pixels-extension 2.18.0 (so a field Shopify's types do not have, or a
 * missing one, fails the typecheck). The values are invented; they carry an e-mail, a phone, names
 * and addresses on purpose, so tests can check that none of it reaches Kasa's events.
 */
import {
  type Attribute,
  type Cart,
  type Checkout,
  type Context,
  EventType,
  type MailingAddress,
  type MoneyV2,
  type PixelEventsCartViewed,
  type PixelEventsCheckoutAddressInfoSubmitted,
  type PixelEventsCheckoutCompleted,
  type PixelEventsCheckoutContactInfoSubmitted,
  type PixelEventsCheckoutShippingInfoSubmitted,
  type PixelEventsCheckoutStarted,
  type PixelEventsPaymentInfoSubmitted,
  type PixelEventsProductRemovedFromCart,
  type ProductVariant,
} from '@shopify/web-pixels-extension';

/** Personal data the samples hold, which no Kasa event may contain. */
export const PERSONAL = {
  email: 'anna.kowalska@example.pl',
  phone: '+48512345678',
  firstName: 'Anna',
  lastName: 'Kowalska',
  address1: 'ul. Długa 12/3',
  city: 'Kraków',
  zip: '31-147',
} as const;

export const CHECKOUT_TOKEN = 'b3f1c0d2e4a5968778695a4b3c2d1e0f';
export const CART_ID = 'gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpCUDlR?key=cart-secret-key-123';
export const CLIENT_ID = 'c7a9e3f1-5b2d-4e8a-9f6c-1d3b5a7e9c2f';

const pln = (amount: number): MoneyV2 => ({ amount, currencyCode: 'PLN' });

const address: MailingAddress = {
  address1: PERSONAL.address1,
  address2: null,
  city: PERSONAL.city,
  country: 'Poland',
  countryCode: 'PL',
  firstName: PERSONAL.firstName,
  lastName: PERSONAL.lastName,
  phone: PERSONAL.phone,
  province: null,
  provinceCode: null,
  zip: PERSONAL.zip,
};

const variant = (id: string, title: string, amount: number): ProductVariant => ({
  id,
  image: { src: `https://cdn.shopify.com/s/files/1/0001/${id}.jpg` },
  price: pln(amount),
  product: {
    id: `70${id}`,
    title,
    type: 'Herbata',
    untranslatedTitle: title,
    url: `/products/${id}`,
    vendor: 'Herbaciarnia',
  },
  sku: `SKU-${id}`,
  title: 'Default Title',
  untranslatedTitle: 'Default Title',
});

const context: Context = {
  document: {
    characterSet: 'UTF-8',
    location: {
      hash: '',
      host: 'herbaciarnia.example',
      hostname: 'herbaciarnia.example',
      href: `https://herbaciarnia.example/checkouts/cn/${CHECKOUT_TOKEN}?email=${PERSONAL.email}`,
      origin: 'https://herbaciarnia.example',
      pathname: `/checkouts/cn/${CHECKOUT_TOKEN}`,
      port: '',
      protocol: 'https:',
      search: '',
    },
    referrer: 'https://herbaciarnia.example/cart',
    title: 'Kasa – Herbaciarnia',
  },
  navigator: {
    cookieEnabled: true,
    language: 'pl-PL',
    languages: ['pl-PL', 'pl'],
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  },
  window: {
    innerHeight: 844,
    innerWidth: 390,
    location: {
      hash: '',
      host: 'herbaciarnia.example',
      hostname: 'herbaciarnia.example',
      href: `https://herbaciarnia.example/checkouts/cn/${CHECKOUT_TOKEN}`,
      origin: 'https://herbaciarnia.example',
      pathname: `/checkouts/cn/${CHECKOUT_TOKEN}`,
      port: '',
      protocol: 'https:',
      search: '',
    },
    origin: 'https://herbaciarnia.example',
    outerHeight: 844,
    outerWidth: 390,
    pageXOffset: 0,
    pageYOffset: 0,
    screen: { height: 844, width: 390 },
    screenX: 0,
    screenY: 0,
    scrollX: 0,
    scrollY: 0,
  },
};

/** Kasa's cart attributes as its pre-checkout step sets them, plus the locker. */
export const KASA_ATTRIBUTES: Attribute[] = [
  { key: 'kasa_checkout_id', value: 'chk_shopify_0001' },
  { key: 'kasa_visitor_id', value: 'vis_8f2a1c' },
  { key: 'kasa_experiments', value: 'shopify-entry:kasa-step' },
  { key: 'inpost_point', value: 'KRA010' },
];

/** A checkout of two teas: 2 × 39,90 zł + 59,00 zł, InPost locker 12,99 zł, paid with BLIK. */
export function sampleCheckout(overrides: Partial<Checkout> = {}): Checkout {
  return {
    attributes: KASA_ATTRIBUTES,
    billingAddress: address,
    buyerAcceptsEmailMarketing: false,
    buyerAcceptsSmsMarketing: false,
    currencyCode: 'PLN',
    delivery: {
      selectedDeliveryOptions: [
        {
          cost: pln(12.99),
          costAfterDiscounts: pln(12.99),
          description: `Paczkomat KRA010 dla ${PERSONAL.firstName}`,
          handle: 'inpost-paczkomat-24-7',
          title: 'InPost Paczkomat 24/7',
          type: 'shipping',
        },
      ],
    },
    discountApplications: [],
    discountsAmount: pln(0),
    email: PERSONAL.email,
    lineItems: [
      {
        discountAllocations: [],
        finalLinePrice: pln(79.8),
        id: 'gid://shopify/CheckoutLineItem/1',
        properties: [{ key: 'Grawer', value: PERSONAL.firstName }],
        quantity: 2,
        sellingPlanAllocation: null,
        title: 'Sencha',
        variant: variant('44012345678901', 'Sencha', 39.9),
      },
      {
        discountAllocations: [],
        finalLinePrice: pln(59),
        id: 'gid://shopify/CheckoutLineItem/2',
        properties: [],
        quantity: 1,
        sellingPlanAllocation: null,
        title: 'Pu-erh',
        variant: variant('44012345678902', 'Pu-erh', 59),
      },
    ],
    localization: {
      country: { isoCode: 'PL' },
      language: { isoCode: 'pl' },
      market: { handle: 'pl', id: 'gid://shopify/Market/1' },
    },
    order: null,
    phone: PERSONAL.phone,
    shippingAddress: address,
    shippingLine: { price: pln(12.99) },
    smsMarketingPhone: PERSONAL.phone,
    subtotalPrice: pln(138.8),
    token: CHECKOUT_TOKEN,
    totalPrice: pln(151.79),
    totalTax: pln(28.38),
    transactions: [],
    ...overrides,
  };
}

const PAID = sampleCheckout({
  order: { id: 'gid://shopify/Order/6123456789012', customer: { id: '8123456', isFirstOrder: true } },
  transactions: [
    { amount: pln(151.79), gateway: 'shopify_payments', paymentMethod: { name: 'BLIK', type: 'offsite' } },
  ],
});

const base = (id: string, seq: number) => ({
  clientId: CLIENT_ID,
  context,
  id,
  seq,
  timestamp: new Date(Date.UTC(2026, 11, 5, 9, 30, seq)).toISOString(),
  type: EventType.Standard as const,
});

export function sampleCart(overrides: Partial<Cart> = {}): Cart {
  return {
    attributes: [],
    cost: { totalAmount: pln(138.8) },
    id: CART_ID,
    lines: [
      {
        cost: { totalAmount: pln(79.8) },
        merchandise: variant('44012345678901', 'Sencha', 39.9),
        quantity: 2,
      },
      { cost: { totalAmount: pln(59) }, merchandise: variant('44012345678902', 'Pu-erh', 59), quantity: 1 },
    ],
    totalQuantity: 3,
    ...overrides,
  };
}

export const cartViewed = (cart: Cart | null = sampleCart()): PixelEventsCartViewed => ({
  ...base('sh-0a1b2c3d-cart-viewed', 1),
  name: 'cart_viewed',
  data: { cart },
});

export const productRemoved = (): PixelEventsProductRemovedFromCart => ({
  ...base('sh-0a1b2c3d-removed', 2),
  name: 'product_removed_from_cart',
  data: { cartLine: sampleCart().lines[1] ?? null },
});

export const checkoutStarted = (checkout = sampleCheckout()): PixelEventsCheckoutStarted => ({
  ...base('sh-5e6f7a8b-started', 3),
  name: 'checkout_started',
  data: { checkout },
});

export const contactSubmitted = (checkout = sampleCheckout()): PixelEventsCheckoutContactInfoSubmitted => ({
  ...base('sh-5e6f7a8b-contact', 4),
  name: 'checkout_contact_info_submitted',
  data: { checkout },
});

export const addressSubmitted = (checkout = sampleCheckout()): PixelEventsCheckoutAddressInfoSubmitted => ({
  ...base('sh-5e6f7a8b-address', 5),
  name: 'checkout_address_info_submitted',
  data: { checkout },
});

export const shippingSubmitted = (checkout = sampleCheckout()): PixelEventsCheckoutShippingInfoSubmitted => ({
  ...base('sh-5e6f7a8b-shipping', 6),
  name: 'checkout_shipping_info_submitted',
  data: { checkout },
});

export const paymentSubmitted = (checkout = PAID): PixelEventsPaymentInfoSubmitted => ({
  ...base('sh-5e6f7a8b-payment', 7),
  name: 'payment_info_submitted',
  data: { checkout },
});

export const checkoutCompleted = (checkout = PAID): PixelEventsCheckoutCompleted => ({
  ...base('sh-5e6f7a8b-completed', 8),
  name: 'checkout_completed',
  data: { checkout },
});

/** One shopper's way through, in Shopify's order. */
export const journey = () => [
  cartViewed(sampleCart({ attributes: KASA_ATTRIBUTES })),
  checkoutStarted(),
  contactSubmitted(),
  addressSubmitted(),
  shippingSubmitted(),
  paymentSubmitted(),
  checkoutCompleted(),
];
