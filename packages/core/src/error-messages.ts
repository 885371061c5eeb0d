import type { ErrorCode, Locale } from './errors.ts';

/**
 * What a shopper reads for each error code, in Polish and English. Apart from the merchant texts
 * and HTTP statuses in errors.ts, so the browser bundle carries only what shoppers see.
 */
export const shopperMessages: Readonly<Record<ErrorCode, Readonly<Record<Locale, string>>>> = {
  required: {
    pl: 'To pole jest wymagane.',
    en: 'This field is required.',
  },
  too_long: {
    pl: 'Ten tekst jest za długi.',
    en: 'This text is too long.',
  },
  email_invalid: {
    pl: 'Wpisz poprawny adres e-mail, np. jan@example.pl.',
    en: 'Enter a valid e-mail address, e.g. jan@example.com.',
  },
  phone_invalid: {
    pl: 'Wpisz 9-cyfrowy numer telefonu, np. 512 345 678.',
    en: 'Enter a 9-digit Polish phone number, e.g. 512 345 678.',
  },
  postcode_invalid: {
    pl: 'Wpisz kod pocztowy w formacie NN-NNN, np. 00-950.',
    en: 'Enter the postcode as NN-NNN, e.g. 00-950.',
  },
  nip_invalid: {
    pl: 'NIP ma 10 cyfr, np. 123-456-32-18.',
    en: 'A NIP has 10 digits, e.g. 123-456-32-18.',
  },
  nip_checksum: {
    pl: 'Ten NIP ma błędną cyfrę kontrolną. Sprawdź, czy nie ma literówki.',
    en: 'This NIP has a wrong check digit. Please check for a typo.',
  },
  country_unsupported: {
    pl: 'Wysyłamy tylko na terenie Polski.',
    en: 'We only ship within Poland.',
  },
  body_invalid: {
    pl: 'Nie udało się przetworzyć formularza. Odśwież stronę i spróbuj ponownie.',
    en: 'The form could not be processed. Refresh the page and try again.',
  },
  body_too_large: {
    pl: 'Przesłane dane są za duże.',
    en: 'The data sent is too large.',
  },
  unknown_field: {
    pl: 'Formularz zawiera nieznane pole. Odśwież stronę i spróbuj ponownie.',
    en: 'The form contains an unknown field. Refresh the page and try again.',
  },
  wrong_type: {
    pl: 'Nie udało się odczytać wartości pola. Odśwież stronę i spróbuj ponownie.',
    en: 'A field value could not be read. Refresh the page and try again.',
  },
  origin_forbidden: {
    pl: 'Tej kasy nie można użyć na tej stronie.',
    en: 'This checkout cannot be used on this page.',
  },
  rate_limited: {
    pl: 'Za dużo prób. Odczekaj chwilę i spróbuj ponownie.',
    en: 'Too many attempts. Wait a moment and try again.',
  },
  not_found: {
    pl: 'Nie znaleziono strony.',
    en: 'Page not found.',
  },
  cart_not_found: {
    pl: 'Nie znaleźliśmy Twojego koszyka. Wróć do sklepu i dodaj produkty ponownie.',
    en: 'We could not find your cart. Go back to the shop and add the products again.',
  },
  cart_empty: {
    pl: 'Twój koszyk jest pusty.',
    en: 'Your cart is empty.',
  },
  checkout_not_found: {
    pl: 'Ta sesja zakupów wygasła. Wróć do koszyka.',
    en: 'This checkout session has expired. Go back to the cart.',
  },
  checkout_incomplete: {
    pl: 'Uzupełnij brakujące dane, zanim złożysz zamówienie.',
    en: 'Fill in the missing details before placing the order.',
  },
  checkout_locked: {
    pl: 'Zamówienie zostało już złożone; tych danych nie można już zmienić.',
    en: 'The order has already been placed; these details can no longer be changed.',
  },
  shipping_option_unavailable: {
    pl: 'Ta forma dostawy jest niedostępna. Wybierz inną.',
    en: 'This delivery option is not available. Please choose another.',
  },
  pickup_point_required: {
    pl: 'Wybierz paczkomat.',
    en: 'Choose a parcel locker.',
  },
  pickup_point_not_found: {
    pl: 'Nie znaleźliśmy tego punktu odbioru. Wybierz inny.',
    en: 'We could not find this pickup point. Please choose another.',
  },
  address_required: {
    pl: 'Podaj adres dostawy.',
    en: 'Enter a delivery address.',
  },
  payment_method_unavailable: {
    pl: 'Ta metoda płatności jest niedostępna. Wybierz inną.',
    en: 'This payment method is not available. Please choose another.',
  },
  idempotency_conflict: {
    pl: 'To zamówienie jest już przetwarzane.',
    en: 'This order is already being processed.',
  },
  order_already_paid: {
    pl: 'To zamówienie jest już opłacone.',
    en: 'This order has already been paid.',
  },
  payment_in_progress: {
    pl: 'Płatność jest w toku. Potwierdź ją w aplikacji banku albo anuluj.',
    en: 'A payment is in progress. Confirm it in your bank app or cancel it.',
  },
  order_not_found: {
    pl: 'Nie znaleźliśmy tego zamówienia.',
    en: 'We could not find this order.',
  },
  payment_not_found: {
    pl: 'Nie znaleźliśmy tej płatności.',
    en: 'We could not find this payment.',
  },
  illegal_transition: {
    pl: 'Tego kroku nie można teraz wykonać. Odśwież stronę i spróbuj ponownie.',
    en: 'This step is not possible right now. Refresh the page and try again.',
  },
  blik_code_format: {
    pl: 'Kod BLIK ma 6 cyfr.',
    en: 'A BLIK code has 6 digits.',
  },
  blik_code_rejected: {
    pl: 'Płatność BLIK została odrzucona. Wygeneruj nowy kod w aplikacji banku i wpisz go ponownie.',
    en: 'The BLIK payment was declined. Generate a new code in your bank app and enter it again.',
  },
  blik_code_expired: {
    pl: 'Kod BLIK wygasł. Wygeneruj nowy kod w aplikacji banku.',
    en: 'The BLIK code has expired. Generate a new code in your bank app.',
  },
  blik_code_used: {
    pl: 'Ten kod BLIK został już użyty. Wygeneruj nowy kod w aplikacji banku.',
    en: 'This BLIK code has already been used. Generate a new code in your bank app.',
  },
  blik_timeout: {
    pl: 'Nie potwierdzono płatności w aplikacji banku na czas. Wpisz nowy kod BLIK.',
    en: 'The payment was not confirmed in your bank app in time. Enter a new BLIK code.',
  },
  payment_cancelled: {
    pl: 'Płatność została anulowana.',
    en: 'The payment was cancelled.',
  },
  payment_failed: {
    pl: 'Płatność nie powiodła się. Spróbuj ponownie lub wybierz inną metodę.',
    en: 'The payment failed. Try again or choose another method.',
  },
  notification_invalid: {
    pl: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
    en: 'Something went wrong. Please try again in a moment.',
  },
  upstream_unavailable: {
    pl: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
    en: 'Something went wrong. Please try again in a moment.',
  },
  platform_config_invalid: {
    pl: 'Sklep jest chwilowo niedostępny. Spróbuj ponownie później.',
    en: 'The shop is temporarily unavailable. Please try again later.',
  },
  platform_auth_failed: {
    pl: 'Sklep jest chwilowo niedostępny. Spróbuj ponownie później.',
    en: 'The shop is temporarily unavailable. Please try again later.',
  },
  platform_version_unsupported: {
    pl: 'Sklep jest chwilowo niedostępny. Spróbuj ponownie później.',
    en: 'The shop is temporarily unavailable. Please try again later.',
  },
  platform_unavailable: {
    pl: 'Sklep nie odpowiada. Spróbuj ponownie za chwilę.',
    en: 'The shop is not responding. Please try again in a moment.',
  },
  platform_rejected: {
    pl: 'Sklep nie przyjął zamówienia. Sprawdź koszyk i spróbuj ponownie.',
    en: 'The shop did not accept the order. Check your cart and try again.',
  },
  platform_response_invalid: {
    pl: 'Coś poszło nie tak po stronie sklepu. Spróbuj ponownie za chwilę.',
    en: 'Something went wrong on the shop’s side. Please try again in a moment.',
  },
  unauthorized: {
    pl: 'Zaloguj się tokenem sprzedawcy, aby zobaczyć te dane.',
    en: 'Sign in with the merchant token to see this data.',
  },
  event_server_only: {
    pl: 'To zdarzenie zapisuje tylko serwer sklepu.',
    en: 'Only the shop’s server records this event.',
  },
  event_invalid: {
    pl: 'Nie udało się zapisać zdarzenia analitycznego.',
    en: 'The analytics event could not be recorded.',
  },
  query_invalid: {
    pl: 'Nieprawidłowe parametry widoku. Sprawdź daty i filtry.',
    en: 'The view parameters are not valid. Check the dates and filters.',
  },
  internal: {
    pl: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
    en: 'Something went wrong. Please try again in a moment.',
  },
};

/**
 * The shopper's message for a code.
 *
 * @example shopperMessage('postcode_invalid', 'en'); // 'Enter the postcode as NN-NNN, e.g. 00-950.'
 */
export const shopperMessage = (code: ErrorCode, locale: Locale = 'pl'): string =>
  shopperMessages[code][locale];

export const isErrorCode = (value: string): value is ErrorCode => Object.hasOwn(shopperMessages, value);
