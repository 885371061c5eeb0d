/**
 * Every error Kasa reports has a stable code, a message a shopper understands (Polish by default,
 * English available) and a message that tells the merchant what happened and what to do.
 *
 * @example
 * const err = new KasaError('postcode_invalid', { field: 'delivery.address.postcode' });
 * describeError(err, 'en').message; // "Enter the postcode as NN-NNN, e.g. 00-950."
 */
export type Locale = 'pl' | 'en';

import { shopperMessagesPl } from './error-messages.ts';
import { shopperMessagesEn } from './error-messages-en.ts';

interface ErrorSpec {
  /** HTTP status the API answers with. */
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 503;
  readonly merchant: string;
}

const spec = (status: ErrorSpec['status'], merchant: string): ErrorSpec => ({ status, merchant });

/** HTTP status and merchant message per code; the shopper's texts are in error-messages.ts. */
export const errorCatalog = {
  required: spec(422, 'A required field is missing.'),
  too_long: spec(422, 'A field exceeds its length limit.'),
  email_invalid: spec(422, 'The e-mail address is not valid.'),
  phone_invalid: spec(422, 'The phone number is not a Polish number (+48 and 9 digits).'),
  postcode_invalid: spec(422, 'The postcode is not in the Polish NN-NNN format.'),
  nip_invalid: spec(422, 'The NIP does not have 10 digits.'),
  nip_checksum: spec(422, 'The NIP fails the mod-11 checksum (weights 6,5,7,2,3,4,5,6,7).'),
  country_unsupported: spec(422, 'The delivery country is not supported by this shop.'),
  body_invalid: spec(400, 'The request body does not match the API schema; see `issues` for each field.'),
  body_too_large: spec(413, 'The request body exceeds the size limit.'),
  unknown_field: spec(400, 'The request body has a field the API does not accept; remove it.'),
  wrong_type: spec(400, 'A field has the wrong JSON type; see the OpenAPI document at /api/openapi.json.'),
  origin_forbidden: spec(
    403,
    'The request origin is not in `allowedOrigins`; add the shop origin to the configuration.',
  ),
  rate_limited: spec(429, 'The per-IP rate limit on write endpoints was exceeded.'),
  not_found: spec(404, 'No route matches this path.'),
  cart_not_found: spec(404, 'The storefront has no cart with this reference.'),
  cart_empty: spec(422, 'A checkout cannot start from an empty cart.'),
  cart_prices_unconfirmed: spec(
    409,
    'The storefront basket showed prices the shop API does not confirm (a price changed, a promotion Kasa cannot verify, or a product or variant the API no longer sells): the checkout was not started, so the shopper is sent to the shop’s own checkout. See `details.lines`.',
  ),
  checkout_not_found: spec(404, 'No checkout with this id exists.'),
  checkout_incomplete: spec(
    422,
    'The order cannot be placed: contact, delivery or payment method is missing (see `details.missing`).',
  ),
  terms_not_accepted: spec(
    422,
    'The shop asks shoppers to accept its terms (shopPages.termsUrl) before an order: send consents.terms true.',
  ),
  processor_consent_required: spec(
    422,
    'The payment method’s processor requires its own consent ticked by the shopper (`processorNotice.requiresConsent`, e.g. Przelewy24’s terms when it sends regulationAccept): send processorConsent true with POST /api/checkouts/{id}/payments once the shopper ticked it.',
  ),
  checkout_locked: spec(
    409,
    'The checkout already has an order: its cart, contact, delivery, invoice and consents are frozen, and the payment method once the order is paid, cash on delivery or cancelled.',
  ),
  shipping_option_unavailable: spec(
    422,
    'The shipping option id is not among the options quoted for this cart.',
  ),
  pickup_point_required: spec(422, 'A locker or pickup shipping option needs a pickup point id.'),
  pickup_point_not_found: spec(
    422,
    'The pickup point id is unknown to the PickupPointProvider (the carrier).',
  ),
  pickup_point_unavailable: spec(
    422,
    'The carrier reports the chosen pickup point out of service (not Operating); the shopper was asked to choose another. Checked when the point is chosen and again before the order.',
  ),
  address_required: spec(422, 'A courier shipping option needs a delivery address.'),
  payment_method_unavailable: spec(422, 'The payment method is not offered for this amount or country.'),
  idempotency_conflict: spec(409, 'The idempotency key was used before for a different checkout.'),
  order_already_paid: spec(
    409,
    'The order is already paid; a second payment was refused (refund it if money was taken).',
  ),
  payment_in_progress: spec(
    409,
    'A new payment was started while another attempt is still awaiting confirmation.',
  ),
  order_not_found: spec(404, 'The storefront has no order with this id.'),
  payment_not_found: spec(404, 'No payment attempt with this id belongs to the checkout.'),
  illegal_transition: spec(
    409,
    'The checkout or BLIK state machine refused an event in its current state; the page and the server may be out of sync.',
  ),
  blik_code_format: spec(422, 'The BLIK code is not six digits.'),
  blik_code_rejected: spec(422, 'The bank declined the BLIK authorisation; the order waits for a new code.'),
  blik_code_expired: spec(422, 'The BLIK code expired before it was used; the order waits for a new code.'),
  blik_code_used: spec(422, 'The BLIK code was already used; the order waits for a new code.'),
  blik_timeout: spec(422, 'The shopper did not approve the BLIK payment within the confirmation window.'),
  payment_cancelled: spec(422, 'The payment attempt was cancelled before it completed.'),
  payment_failed: spec(422, 'The payment provider reported a failure.'),
  order_unconfirmed: spec(
    502,
    'The payment was taken but the shop platform did not confirm the order (markPaid failed; the log names the cause). Kasa retries until the order exists; a permanent refusal, or failures for ORDER_CONFIRMATION_DEADLINE_MS, end in a refund. Fix the cause (e.g. run kasa doctor).',
  ),
  payment_refunded: spec(
    409,
    'The shop platform never confirmed the order of this payment, so Kasa refunded it through the payment provider and cancelled the checkout.',
  ),
  refund_due: spec(
    409,
    'Money was taken for this order but must go back to the shopper, and the payment provider cannot refund through Kasa: refund it in the provider’s panel (the payment id is in the alert).',
  ),
  refund_not_possible: spec(
    409,
    'Nothing to refund: the checkout or order has no payment taken online and confirmed (`details.reason`: `not_paid` for an unpaid or cash-on-delivery order, `order_unconfirmed` while Kasa still confirms the order with the shop, and refunds it itself if the shop never does, `already_refunded` when Kasa refunded it before).',
  ),
  refund_provider_mismatch: spec(
    409,
    'The payment was taken by another payment provider than the one this Kasa is configured with (`details.provider` and `details.configured`): refund it from a Kasa configured with that provider, or in that provider’s panel.',
  ),
  refund_failed: spec(
    502,
    'The payment provider refused the refund or did not answer (the refund’s `cause` says which). It is recorded as refund_failed and listed in the alerts: ask again (`kasa refund <order>`, POST /api/checkouts/{id}/refund), which is safe, or refund it in the provider’s panel.',
  ),
  notification_invalid: spec(
    401,
    'The payment notification signature does not match the raw body; it was ignored.',
  ),
  upstream_unavailable: spec(
    502,
    'The storefront or payment provider did not answer; the call is safe to retry.',
  ),
  platform_config_invalid: spec(
    500,
    'The shop connection settings are invalid; `details.issues` names each setting and how to fix it.',
  ),
  platform_auth_failed: spec(
    502,
    'The shop platform refused Kasa’s credentials; `details.hint` says which one (e.g. the REST API key or its permissions).',
  ),
  platform_version_unsupported: spec(
    502,
    'The shop platform version lacks what Kasa needs; `details.hint` says what to update.',
  ),
  platform_unavailable: spec(
    502,
    'The shop platform did not answer in time, failed (5xx) or rate-limited Kasa after every retry; `details.operation` names the call. Safe to retry.',
  ),
  platform_rejected: spec(
    422,
    'The shop platform refused the request (e.g. out of stock, a disabled payment method, a changed total); `details` has the operation and the platform’s code and message.',
  ),
  platform_response_invalid: spec(
    502,
    'The shop platform answered in a shape Kasa does not understand; `details.operation` and `details.field` name the call and the field that changed.',
  ),
  unauthorized: spec(
    401,
    'The merchant token is missing or wrong: send `Authorization: Bearer <analytics.merchantToken>`.',
  ),
  event_server_only: spec(
    403,
    'Only the server records this event (purchases and payment outcomes come from verified payments); the collector refuses it from browsers.',
  ),
  event_invalid: spec(
    422,
    'The event does not match the event schema (`reason` names the field); it was not stored. Send what the tracker sends.',
  ),
  experiment_not_found: spec(
    404,
    'No experiment with this key is stored; `kasa experiment list` or GET /api/analytics/experiments lists them.',
  ),
  experiment_conflict: spec(
    409,
    'The experiment cannot make this change now (`details.reason`): e.g. another experiment of the same template is running (stop it first), or the status does not allow it (start a draft or a stopped one, stop a running one, ship a running or stopped one).',
  ),
  query_invalid: spec(400, 'A query parameter is not valid; `issues` names each one and what it accepts.'),
  internal: spec(500, 'An unexpected error; see the server log for the request id.'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

/** The JSON body of every error the API answers with. */
export interface ErrorBody {
  readonly code: ErrorCode;
  /** Shopper-safe text in the requested locale. */
  readonly message: string;
  /** What the merchant should know or do. Never contains personal data. */
  readonly merchantMessage: string;
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface KasaErrorOptions {
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** A fault or a refused request. Expected outcomes such as a declined BLIK code are results, not throws. */
export class KasaError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, options: KasaErrorOptions = {}) {
    super(errorCatalog[code].merchant, { cause: options.cause });
    this.name = 'KasaError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  get status(): ErrorSpec['status'] {
    return errorCatalog[this.code].status;
  }
}

export function describeError(
  error: {
    code: ErrorCode;
    field?: string | undefined;
    details?: Readonly<Record<string, unknown>> | undefined;
  },
  locale: Locale = 'pl',
): ErrorBody {
  const entry = errorCatalog[error.code];
  return {
    code: error.code,
    message: shopperMessage(error.code, locale),
    merchantMessage: entry.merchant,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}

/**
 * The shopper's message for a code.
 *
 * @example shopperMessage('postcode_invalid', 'en'); // 'Enter the postcode as NN-NNN, e.g. 00-950.'
 */
export const shopperMessage = (code: ErrorCode, locale: Locale = 'pl'): string =>
  (locale === 'en' ? shopperMessagesEn : shopperMessagesPl)[code];

export type { FieldIssue, Result } from './result.ts';
export { fail, ok } from './result.ts';
