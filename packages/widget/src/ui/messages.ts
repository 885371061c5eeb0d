/**
 * Every word the widget shows, in Polish; English is in messages-en.ts, a chunk of its own loaded
 * only when a shopper wants English. Error texts are not here: they come from core's shopper
 * messages, so the API and the widget say the same thing.
 */

/** Polish plural form for a count: 1 → one, 2–4 (not 12–14) → few, else many. */
export function pluralPl(n: number): 'one' | 'few' | 'many' {
  if (n === 1) return 'one';
  const tens = n % 100;
  return n % 10 >= 2 && n % 10 <= 4 && (tens < 12 || tens > 14) ? 'few' : 'many';
}

export const pl = {
  heading: 'Zamówienie',
  otherLanguage: 'English',
  showOrder: 'Twoje zamówienie',
  steps: 'Kroki zamówienia',
  stepNames: ['Dane i dostawa', 'Faktura i płatność', 'Sprawdź i zapłać'] as readonly [
    string,
    string,
    string,
  ],
  stepOf: (n: number, total: number) => `Krok ${n} z ${total}`,
  next: 'Dalej',
  back: 'Wstecz',
  contact: 'Dane kontaktowe',
  email: 'E-mail',
  phone: 'Telefon komórkowy',
  phoneHint: 'Wyślemy na niego SMS o przesyłce.',
  firstName: 'Imię',
  lastName: 'Nazwisko',
  remember: 'Zapamiętaj moje dane i paczkomat w tej przeglądarce (opcjonalnie)',
  delivery: 'Dostawa',
  shippingOptions: 'Sposób dostawy',
  free: 'za darmo',
  termsRequired: 'Zaakceptuj regulamin sklepu, aby złożyć zamówienie.',
  eta: (min: number, max: number) => {
    const range = min === max ? `${max}` : `${min}–${max}`;
    const word = { one: 'dzień roboczy', few: 'dni robocze', many: 'dni roboczych' }[pluralPl(max)];
    return max === 0 ? 'dziś' : `${range} ${word}`;
  },
  address: 'Adres dostawy',
  street: 'Ulica',
  streetHint: 'Pomiń, jeśli miejscowość nie ma ulic.',
  buildingNumber: 'Nr domu',
  flatNumber: 'Nr lokalu',
  optional: '(opcjonalnie)',
  postcode: 'Kod pocztowy',
  city: 'Miejscowość',
  pickupInStore: 'Odbierzesz zamówienie w sklepie. Nie potrzebujemy adresu.',
  locker: 'Paczkomat',
  pointQuery: 'Kod pocztowy lub miejscowość',
  search: 'Szukaj',
  searching: 'Szukamy paczkomatów…',
  found: (n: number) =>
    `Znaleźliśmy ${n} ${{ one: 'paczkomat', few: 'paczkomaty', many: 'paczkomatów' }[pluralPl(n)]}.`,
  noneFound: 'Nie znaleźliśmy paczkomatów w tej okolicy. Wpisz inny kod pocztowy lub miejscowość.',
  searchFailed: 'Nie udało się wyszukać paczkomatów. Spróbuj ponownie.',
  pointsLegend: 'Wybierz paczkomat',
  open247: 'Czynny 24/7',
  chosenPoint: 'Wybrany paczkomat:',
  lastPoint: 'ostatnio wybrany',
  map: 'Mapa paczkomatów InPost',
  showMap: 'Pokaż mapę',
  stale: 'Przewoźnik chwilowo nie odpowiada: lista może być nieaktualna.',
  mapFailed:
    'Nie udało się wczytać mapy paczkomatów. Wybierz paczkomat z listy: wpisz kod pocztowy lub miejscowość i naciśnij „Szukaj”.',
  invoice: 'Faktura',
  invoiceWanted: 'Chcę fakturę na firmę',
  nip: 'NIP',
  companyName: 'Nazwa firmy',
  invoiceAddress: 'Adres firmy na fakturze',
  payment: 'Płatność',
  paymentMethods: 'Metoda płatności',
  fee: (amount: string) => `+ ${amount}`,
  blikCode: 'Kod BLIK',
  blikHint: '6 cyfr z aplikacji banku',
  summary: 'Podsumowanie',
  subtotal: 'Produkty',
  shipping: 'Dostawa',
  paymentFee: 'Opłata za płatność',
  total: 'Razem',
  vatIncluded: (vat: string) => `w tym VAT ${vat}`,
  quantity: (n: number) => `${n} szt.`,
  consents: 'Zgody',
  terms: 'Akceptuję',
  termsLink: 'regulamin sklepu',
  paymentTerms: 'Zasady płatności',
  marketingEmail: 'Chcę dostawać oferty e-mailem (opcjonalnie)',
  marketingSms: 'Chcę dostawać oferty SMS-em (opcjonalnie)',
  pay: 'Kupuję i płacę',
  payNote: 'Składasz zamówienie z obowiązkiem zapłaty.',
  privacy: 'Twoje dane przetwarza sklep zgodnie ze swoją',
  privacyLink: 'polityką prywatności',
  working: 'Przetwarzamy zamówienie…',
  redirecting: 'Przekierowujemy do płatności…',
  problem: 'Wystąpił problem',
};

export type Messages = typeof pl;
