import type { ErrorCode } from './errors.ts';

/**
 * What a shopper reads for each error code, in Polish (English is in error-messages-en.ts). Apart
 * from the merchant texts and HTTP statuses in errors.ts, so the browser bundle carries only what
 * shoppers see; a module per language, so the checkout widget loads English only when it is wanted.
 */
export const shopperMessagesPl: Readonly<Record<ErrorCode, string>> = {
  required: 'To pole jest wymagane.',
  too_long: 'Ten tekst jest za długi.',
  email_invalid: 'Wpisz poprawny adres e-mail, np. jan@example.pl.',
  phone_invalid: 'Wpisz 9-cyfrowy numer telefonu, np. 512 345 678.',
  postcode_invalid: 'Wpisz kod pocztowy w formacie NN-NNN, np. 00-950.',
  nip_invalid: 'NIP ma 10 cyfr, np. 123-456-32-18.',
  nip_checksum: 'Ten NIP ma błędną cyfrę kontrolną. Sprawdź, czy nie ma literówki.',
  country_unsupported: 'Wysyłamy tylko na terenie Polski.',
  body_invalid: 'Nie udało się przetworzyć formularza. Odśwież stronę i spróbuj ponownie.',
  body_too_large: 'Przesłane dane są za duże.',
  unknown_field: 'Formularz zawiera nieznane pole. Odśwież stronę i spróbuj ponownie.',
  wrong_type: 'Nie udało się odczytać wartości pola. Odśwież stronę i spróbuj ponownie.',
  origin_forbidden: 'Tej kasy nie można użyć na tej stronie.',
  rate_limited: 'Za dużo prób. Odczekaj chwilę i spróbuj ponownie.',
  not_found: 'Nie znaleziono strony.',
  cart_not_found: 'Nie znaleźliśmy Twojego koszyka. Wróć do sklepu i dodaj produkty ponownie.',
  cart_empty: 'Twój koszyk jest pusty.',
  checkout_not_found: 'Ta sesja zakupów wygasła. Wróć do koszyka.',
  checkout_incomplete: 'Uzupełnij brakujące dane, zanim złożysz zamówienie.',
  terms_not_accepted: 'Zaakceptuj regulamin sklepu, aby złożyć zamówienie.',
  checkout_locked: 'Zamówienie zostało już złożone; tych danych nie można już zmienić.',
  shipping_option_unavailable: 'Ta forma dostawy jest niedostępna. Wybierz inną.',
  pickup_point_required: 'Wybierz paczkomat.',
  pickup_point_not_found: 'Nie znaleźliśmy tego punktu odbioru. Wybierz inny.',
  address_required: 'Podaj adres dostawy.',
  payment_method_unavailable: 'Ta metoda płatności jest niedostępna. Wybierz inną.',
  idempotency_conflict: 'To zamówienie jest już przetwarzane.',
  order_already_paid: 'To zamówienie jest już opłacone.',
  payment_in_progress: 'Płatność jest w toku. Potwierdź ją w aplikacji banku albo anuluj.',
  order_not_found: 'Nie znaleźliśmy tego zamówienia.',
  payment_not_found: 'Nie znaleźliśmy tej płatności.',
  illegal_transition: 'Tego kroku nie można teraz wykonać. Odśwież stronę i spróbuj ponownie.',
  blik_code_format: 'Kod BLIK ma 6 cyfr.',
  blik_code_rejected:
    'Płatność BLIK została odrzucona. Wygeneruj nowy kod w aplikacji banku i wpisz go ponownie.',
  blik_code_expired: 'Kod BLIK wygasł. Wygeneruj nowy kod w aplikacji banku.',
  blik_code_used: 'Ten kod BLIK został już użyty. Wygeneruj nowy kod w aplikacji banku.',
  blik_timeout: 'Nie potwierdzono płatności w aplikacji banku na czas. Wpisz nowy kod BLIK.',
  payment_cancelled: 'Płatność została anulowana.',
  payment_failed: 'Płatność nie powiodła się. Spróbuj ponownie lub wybierz inną metodę.',
  notification_invalid: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
  upstream_unavailable: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
  platform_config_invalid: 'Sklep jest chwilowo niedostępny. Spróbuj ponownie później.',
  platform_auth_failed: 'Sklep jest chwilowo niedostępny. Spróbuj ponownie później.',
  platform_version_unsupported: 'Sklep jest chwilowo niedostępny. Spróbuj ponownie później.',
  platform_unavailable: 'Sklep nie odpowiada. Spróbuj ponownie za chwilę.',
  platform_rejected: 'Sklep nie przyjął zamówienia. Sprawdź koszyk i spróbuj ponownie.',
  platform_response_invalid: 'Coś poszło nie tak po stronie sklepu. Spróbuj ponownie za chwilę.',
  unauthorized: 'Zaloguj się tokenem sprzedawcy, aby zobaczyć te dane.',
  event_server_only: 'To zdarzenie zapisuje tylko serwer sklepu.',
  event_invalid: 'Nie udało się zapisać zdarzenia analitycznego.',
  query_invalid: 'Nieprawidłowe parametry widoku. Sprawdź daty i filtry.',
  internal: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
};

export const isErrorCode = (value: string): value is ErrorCode => Object.hasOwn(shopperMessagesPl, value);
