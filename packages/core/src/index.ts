export type { CheckoutStatus, CheckoutView, PaymentView } from './api.ts';
export { FINAL_PAYMENT_STATUSES } from './api.ts';
export { checkoutViewSchema, paymentViewSchema } from './api-schemas.ts';
export {
  attributionValue,
  GA_CLIENT_ID,
  GA_SESSION_ID,
  isServerEvent,
  looksLikeContact,
  looksLikeEmail,
} from './browser-events.ts';
export { cartOfLines, catalogueLine } from './cart.ts';
export type { CheckoutPart } from './checkout-rules.ts';
export { canChange, completedSections, missingParts } from './checkout-rules.ts';
export { isErrorCode } from './error-codes.ts';
export { shopperMessagesPl } from './error-messages.ts';
export { shopperMessagesEn } from './error-messages-en.ts';
export type { ErrorCode, Locale, Result } from './errors.ts';
export { describeError, errorCatalog, KasaError } from './errors.ts';
export { checkoutAmount, checkoutItems, eventToken, paymentFailureReason } from './event-params.ts';
export type { BrowserEvent, CheckoutEvent, FieldName, Section } from './events.ts';
export { browserEventSchema, checkoutEventSchema, fieldNameSchema } from './events.ts';
export { deepFreeze, derivedOnce, isDeepFrozen } from './frozen.ts';
export type {
  BlikEvent,
  BlikState,
  CheckoutMachineEvent,
  CheckoutSection,
  CheckoutState,
} from './machine/index.ts';
export {
  BLIK_APPROVAL_WINDOW_MS,
  BLIK_CODE_VALIDITY_MS,
  blikSecondsLeft,
  blikTransition,
  checkoutTransition,
  initialBlikState,
  nextSection,
} from './machine/index.ts';
export type { Money } from './money.ts';
export {
  add,
  compare,
  formatMoney,
  fromDecimalString,
  minorUnitExponent,
  money,
  multiply,
  subtract,
  sum,
  toDecimalString,
  vatFromGross,
} from './money.ts';
export { commaSeparated, type PlatformNames, parsePlatformConfig } from './platform-config.ts';
export type {
  PaymentCapability,
  PaymentPlugin,
  PickupCapability,
  PickupMapWidget,
  PickupPlugin,
  PluginContext,
  PluginFake,
  PluginSetting,
} from './plugins.ts';
export type {
  CartRef,
  DiagnosticCheck,
  EventStore,
  OrderJournal,
  OrderView,
  OrderViewStatus,
  PaymentAttempt,
  PaymentNotification,
  PaymentProvider,
  PaymentStatus,
  PickupPointAnswer,
  PickupPointProvider,
  PickupPointQuery,
  PlacedOrder,
  PlacementRecord,
  PlaceOrderInput,
  RawRequest,
  Refund,
  RefundRequest,
  StartPayment,
  StorefrontAdapter,
  WebhookEvent,
} from './ports.ts';
export { failedCheck, headerOf, runCheck } from './ports.ts';
export { RecentMap } from './recent.ts';
export type {
  Address,
  Cart,
  Company,
  Consents,
  Contact,
  Delivery,
  LatLng,
  LineItem,
  OrderStatus,
  PaymentKind,
  PaymentMethod,
  PaymentStatusValue,
  PickupPoint,
  ShippingKind,
  ShippingOption,
} from './schemas.ts';
export {
  addressSchema,
  CART_REF_MAX,
  cartSchema,
  companySchema,
  consentsSchema,
  contactSchema,
  deliverySchema,
  lineItemSchema,
  localeSchema,
  PAYMENT_KIND_ORDER,
  paymentKindSchema,
  paymentStatusSchema,
  pickupPointSchema,
  shippingKindSchema,
  shippingOptionSchema,
} from './schemas.ts';
export { SHOPIFY_CHECKOUT_DIGEST_PREFIX, shopifyCheckoutId } from './shopify-checkout-id.ts';
export { computeTotals, SHIPPING_VAT_RATE } from './totals.ts';
export { postcodeSchema } from './validator-schemas.ts';
export {
  formatBlikCode,
  formatPhone,
  normaliseBlikCode,
  validateEmail,
  validateNip,
  validatePhone,
  validatePostcode,
} from './validators.ts';
export { ID_PATTERN, VISITOR_COOKIE, VISITOR_DIGEST_LENGTH, VISITOR_DIGEST_PREFIX } from './visitor.ts';
