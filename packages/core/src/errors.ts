/**
 * Every error Kasa reports has a stable code, a message a shopper understands (Polish by default,
 * English available) and a message that tells the merchant what happened and what to do.
 *
 * @example
 * const err = new KasaError('postcode_invalid', { field: 'delivery.address.postcode' });
 * describeError(err, 'en').message; // "Enter the postcode as NN-NNN, e.g. 00-950."
 */
export type Locale = 'pl' | 'en';

interface ErrorSpec {
  /** HTTP status the API answers with. */
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 503;
  readonly shopper: Readonly<Record<Locale, string>>;
  readonly merchant: string;
}

const spec = (status: ErrorSpec['status'], pl: string, en: string, merchant: string): ErrorSpec => ({
  status,
  shopper: { pl, en },
  merchant,
});

const TRY_AGAIN_PL = 'Coś poszło nie tak. Spróbuj ponownie za chwilę.';
const TRY_AGAIN_EN = 'Something went wrong. Please try again in a moment.';

export const errorCatalog = {
  // Field validation
  required: spec(422, 'To pole jest wymagane.', 'This field is required.', 'A required field is missing.'),
  too_long: spec(
    422,
    'Ten tekst jest za długi.',
    'This text is too long.',
    'A field exceeds its length limit.',
  ),
  email_invalid: spec(
    422,
    'Wpisz poprawny adres e-mail, np. jan@example.pl.',
    'Enter a valid e-mail address, e.g. jan@example.com.',
    'The e-mail address is not valid.',
  ),
  phone_invalid: spec(
    422,
    'Wpisz 9-cyfrowy numer telefonu, np. 512 345 678.',
    'Enter a 9-digit Polish phone number, e.g. 512 345 678.',
    'The phone number is not a Polish number (+48 and 9 digits).',
  ),
  postcode_invalid: spec(
    422,
    'Wpisz kod pocztowy w formacie NN-NNN, np. 00-950.',
    'Enter the postcode as NN-NNN, e.g. 00-950.',
    'The postcode is not in the Polish NN-NNN format.',
  ),
  nip_invalid: spec(
    422,
    'NIP ma 10 cyfr, np. 123-456-32-18.',
    'A NIP has 10 digits, e.g. 123-456-32-18.',
    'The NIP does not have 10 digits.',
  ),
  nip_checksum: spec(
    422,
    'Ten NIP ma błędną cyfrę kontrolną. Sprawdź, czy nie ma literówki.',
    'This NIP has a wrong check digit. Please check for a typo.',
    'The NIP fails the mod-11 checksum (weights 6,5,7,2,3,4,5,6,7).',
  ),
  country_unsupported: spec(
    422,
    'Wysyłamy tylko na terenie Polski.',
    'We only ship within Poland.',
    'The delivery country is not supported by this shop.',
  ),
  // Request shape
  body_invalid: spec(
    400,
    'Nie udało się przetworzyć formularza. Odśwież stronę i spróbuj ponownie.',
    'The form could not be processed. Refresh the page and try again.',
    'The request body does not match the API schema; see `issues` for each field.',
  ),
  body_too_large: spec(
    413,
    'Przesłane dane są za duże.',
    'The data sent is too large.',
    'The request body exceeds the size limit.',
  ),
  unknown_field: spec(
    400,
    'Formularz zawiera nieznane pole. Odśwież stronę i spróbuj ponownie.',
    'The form contains an unknown field. Refresh the page and try again.',
    'The request body has a field the API does not accept; remove it.',
  ),
  wrong_type: spec(
    400,
    'Nie udało się odczytać wartości pola. Odśwież stronę i spróbuj ponownie.',
    'A field value could not be read. Refresh the page and try again.',
    'A field has the wrong JSON type; see the OpenAPI document at /api/openapi.json.',
  ),
  origin_forbidden: spec(
    403,
    'Tej kasy nie można użyć na tej stronie.',
    'This checkout cannot be used on this page.',
    'The request origin is not in `allowedOrigins`; add the shop origin to the configuration.',
  ),
  rate_limited: spec(
    429,
    'Za dużo prób. Odczekaj chwilę i spróbuj ponownie.',
    'Too many attempts. Wait a moment and try again.',
    'The per-IP rate limit on write endpoints was exceeded.',
  ),
  not_found: spec(404, 'Nie znaleziono strony.', 'Page not found.', 'No route matches this path.'),
  // Checkout flow
  cart_not_found: spec(
    404,
    'Nie znaleźliśmy Twojego koszyka. Wróć do sklepu i dodaj produkty ponownie.',
    'We could not find your cart. Go back to the shop and add the products again.',
    'The storefront has no cart with this reference.',
  ),
  cart_empty: spec(
    422,
    'Twój koszyk jest pusty.',
    'Your cart is empty.',
    'A checkout cannot start from an empty cart.',
  ),
  checkout_not_found: spec(
    404,
    'Ta sesja zakupów wygasła. Wróć do koszyka.',
    'This checkout session has expired. Go back to the cart.',
    'No checkout with this id exists.',
  ),
  checkout_incomplete: spec(
    422,
    'Uzupełnij brakujące dane, zanim złożysz zamówienie.',
    'Fill in the missing details before placing the order.',
    'The order cannot be placed: contact, delivery or payment method is missing (see `details.missing`).',
  ),
  checkout_locked: spec(
    409,
    'Zamówienie zostało już złożone; tych danych nie można już zmienić.',
    'The order has already been placed; these details can no longer be changed.',
    'The checkout already has an order; its contact and delivery data are frozen.',
  ),
  shipping_option_unavailable: spec(
    422,
    'Ta forma dostawy jest niedostępna. Wybierz inną.',
    'This delivery option is not available. Please choose another.',
    'The shipping option id is not among the options quoted for this cart.',
  ),
  pickup_point_required: spec(
    422,
    'Wybierz paczkomat.',
    'Choose a parcel locker.',
    'A locker or pickup shipping option needs a pickup point id.',
  ),
  pickup_point_not_found: spec(
    422,
    'Nie znaleźliśmy tego punktu odbioru. Wybierz inny.',
    'We could not find this pickup point. Please choose another.',
    'The pickup point id is unknown to the PickupPointProvider or not operating.',
  ),
  address_required: spec(
    422,
    'Podaj adres dostawy.',
    'Enter a delivery address.',
    'A courier shipping option needs a delivery address.',
  ),
  payment_method_unavailable: spec(
    422,
    'Ta metoda płatności jest niedostępna. Wybierz inną.',
    'This payment method is not available. Please choose another.',
    'The payment method is not offered for this amount or country.',
  ),
  idempotency_conflict: spec(
    409,
    'To zamówienie jest już przetwarzane.',
    'This order is already being processed.',
    'The idempotency key was used before for a different checkout.',
  ),
  order_already_paid: spec(
    409,
    'To zamówienie jest już opłacone.',
    'This order has already been paid.',
    'The order is already paid; a second payment was refused (refund it if money was taken).',
  ),
  payment_in_progress: spec(
    409,
    'Płatność jest w toku. Potwierdź ją w aplikacji banku albo anuluj.',
    'A payment is in progress. Confirm it in your bank app or cancel it.',
    'A new payment was started while another attempt is still awaiting confirmation.',
  ),
  order_not_found: spec(
    404,
    'Nie znaleźliśmy tego zamówienia.',
    'We could not find this order.',
    'The storefront has no order with this id.',
  ),
  payment_not_found: spec(
    404,
    'Nie znaleźliśmy tej płatności.',
    'We could not find this payment.',
    'No payment attempt with this id belongs to the checkout.',
  ),
  illegal_transition: spec(
    409,
    'Tego kroku nie można teraz wykonać. Odśwież stronę i spróbuj ponownie.',
    'This step is not possible right now. Refresh the page and try again.',
    'The checkout or BLIK state machine refused an event in its current state; the page and the server may be out of sync.',
  ),
  // BLIK (reference/poland.md §1)
  blik_code_format: spec(
    422,
    'Kod BLIK ma 6 cyfr.',
    'A BLIK code has 6 digits.',
    'The BLIK code is not six digits.',
  ),
  blik_code_rejected: spec(
    422,
    'Płatność BLIK została odrzucona. Wygeneruj nowy kod w aplikacji banku i wpisz go ponownie.',
    'The BLIK payment was declined. Generate a new code in your bank app and enter it again.',
    'The bank declined the BLIK authorisation; the order waits for a new code.',
  ),
  blik_code_expired: spec(
    422,
    'Kod BLIK wygasł. Wygeneruj nowy kod w aplikacji banku.',
    'The BLIK code has expired. Generate a new code in your bank app.',
    'The BLIK code expired before it was used; the order waits for a new code.',
  ),
  blik_code_used: spec(
    422,
    'Ten kod BLIK został już użyty. Wygeneruj nowy kod w aplikacji banku.',
    'This BLIK code has already been used. Generate a new code in your bank app.',
    'The BLIK code was already used; the order waits for a new code.',
  ),
  blik_timeout: spec(
    422,
    'Nie potwierdzono płatności w aplikacji banku na czas. Wpisz nowy kod BLIK.',
    'The payment was not confirmed in your bank app in time. Enter a new BLIK code.',
    'The shopper did not approve the BLIK payment within the confirmation window.',
  ),
  payment_cancelled: spec(
    422,
    'Płatność została anulowana.',
    'The payment was cancelled.',
    'The payment attempt was cancelled before it completed.',
  ),
  payment_failed: spec(
    422,
    'Płatność nie powiodła się. Spróbuj ponownie lub wybierz inną metodę.',
    'The payment failed. Try again or choose another method.',
    'The payment provider reported a failure.',
  ),
  notification_invalid: spec(
    401,
    TRY_AGAIN_PL,
    TRY_AGAIN_EN,
    'The payment notification signature does not match the raw body; it was ignored.',
  ),
  // Faults
  upstream_unavailable: spec(
    502,
    TRY_AGAIN_PL,
    TRY_AGAIN_EN,
    'The storefront or payment provider did not answer; the call is safe to retry.',
  ),
  internal: spec(
    500,
    TRY_AGAIN_PL,
    TRY_AGAIN_EN,
    'An unexpected error; see the server log for the request id.',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

export const isErrorCode = (value: string): value is ErrorCode => Object.hasOwn(errorCatalog, value);

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
    message: entry.shopper[locale],
    merchantMessage: entry.merchant,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}

/** A field-level validation problem, as returned by the validators. */
export interface FieldIssue {
  readonly code: ErrorCode;
  readonly field?: string;
}

export type Result<T, E = FieldIssue> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
