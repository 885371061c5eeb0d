/** The words of `kasa report` in Polish and English. */
import type { Lang } from './text.ts';

type Words = Readonly<Record<string, string>>;

const PL = {
  title: 'Kasa — raport checkoutu',
  computed: 'stan na',
  range: 'Zakres',
  allData: 'wszystkie dane',
  filters: 'Filtry',
  none: 'brak',
  window: 'okno konwersji',
  simulatedNote:
    '{share} checkoutów w zakresie to dane symulowane (kasa simulate); bez opcji --simulated raport pokazuje tylko prawdziwe.',
  simulatedHidden:
    'Pominięto symulowane checkouty (kasa simulate): {n}. --simulated both pokazuje je razem z prawdziwymi, kasa simulate --delete je usuwa.',
  status: 'Stan',
  krReached: 'cel osiągnięty',
  krInProgress: 'w drodze do celu',
  krWrongWay: 'w złą stronę',
  krNotEnough: 'za mało danych ({n} z {min})',
  okr: 'Cele i kluczowe rezultaty (OKR)',
  kr: 'Kluczowy rezultat',
  value: 'Teraz',
  baselineTarget: 'Start → cel',
  progress: 'Postęp',
  trend: 'Trend',
  period: 'Okres',
  initiatives: 'Inicjatywy',
  noData: 'brak danych',
  headline: 'Najważniejsze wskaźniki',
  metric: 'Wskaźnik',
  rate: 'Wartość',
  count: 'Ile',
  pending: 'w toku',
  of: 'z',
  purchases: 'zakupów',
  attempts: 'prób',
  funnel: 'Lejek według wariantu (zdecydowane checkouty)',
  section: 'Etap',
  reached: 'dotarło',
  dropOff: 'odpływ',
  experiments: 'Eksperymenty',
  control: 'kontrola',
  variant: 'Wariant',
  checkouts: 'Checkouty',
  orders: 'Zamówienia',
  conversion: 'Konwersja',
  revenuePerCheckout: 'Przychód/checkout',
  lift: 'Zmiana konwersji',
  chance: 'Szansa wygranej',
  verdict: 'Werdykt',
  plan: 'Plan: zmiana o {mde} z mocą {power}; próba na wariant: {perArm}, brakuje {more}, około {date}',
  noExperiments: 'Brak skonfigurowanych eksperymentów.',
  fields: 'Gdzie klienci odchodzą (5 pól, na których porzucono najwięcej)',
  abandonedSummary: '{abandoned} porzuconych checkoutów, {without} bez dotkniętego pola',
  field: 'Pole',
  abandons: 'Porzucenia',
  share: 'Udział',
  errors: 'Błędy walidacji (5 pól z największą liczbą błędów)',
  errorCount: 'Błędy',
  withError: 'Checkouty z błędem',
  leftAfter: 'Porzuciło',
  average: 'średnio porzuca {rate}',
  channelsLast: 'Kanały (ostatni kontakt) z kosztami',
  channelsFirst: 'Kanały (pierwszy kontakt) z kosztami',
  channel: 'Źródło / medium / kampania',
  revenue: 'Przychód',
  cost: 'Koszt',
  costPerOrder: 'Koszt/zamówienie',
  roas: 'ROAS',
  more: '… i {n} więcej',
  noCosts: 'Brak kosztów kampanii: zaimportuj je (kasa import-costs koszty.csv).',
  notComparable: 'nieporówn.',
  whyDevice:
    'nieporówn.: koszty zaimportowano dla wszystkich urządzeń; zaimportuj je z kolumną device, by porównać koszt zamówienia i ROAS urządzenia.',
  whyVariant: 'nieporówn.: koszty reklam nie dzielą się na wersje checkoutu.',
  whyTouch:
    'nieporówn.: filtr źródła dotyczy drugiego kontaktu, więc wiersz obejmuje część checkoutów kanału.',
  payments: 'Metody płatności',
  method: 'Metoda',
  tries: 'Próby',
  failures: 'Nieudane',
  failureRate: 'Odsetek',
  blikRejected: 'BLIK odrzucony',
  blikTimeouts: 'BLIK bez potwierdzenia',
  other: 'Inne',
  total: 'razem',
  nothing: 'Brak danych w tym zakresie.',
  periodTitle: 'Okres wobec poprzedniego ({from} – {to})',
  thisPeriod: 'Ten okres',
  previousPeriod: 'Poprzedni',
  change: 'Zmiana',
  averageOrder: 'Średnia wartość zamówienia',
  noPrevious:
    'Z datą --from raport porówna zamówienia, przychód i konwersję z poprzednim okresem tej samej długości.',
  cartFunnel: 'Lejek od koszyka (cały sklep, zdecydowane koszyki)',
  carts: 'koszyków',
} satisfies Words;

const EN: Record<keyof typeof PL, string> = {
  title: 'Kasa — checkout report',
  computed: 'as of',
  range: 'Range',
  allData: 'all data',
  filters: 'Filters',
  none: 'none',
  window: 'conversion window',
  simulatedNote:
    '{share} of the checkouts in range are simulated (kasa simulate); without --simulated the report shows real ones only.',
  simulatedHidden:
    'Simulated checkouts left out (kasa simulate): {n}. --simulated both shows them with the real ones, kasa simulate --delete deletes them.',
  status: 'Status',
  krReached: 'target reached',
  krInProgress: 'on the way',
  krWrongWay: 'moving the wrong way',
  krNotEnough: 'not enough data yet ({n} of {min})',
  okr: 'Objectives and key results (OKR)',
  kr: 'Key result',
  value: 'Now',
  baselineTarget: 'Baseline → target',
  progress: 'Progress',
  trend: 'Trend',
  period: 'Period',
  initiatives: 'Initiatives',
  noData: 'no data',
  headline: 'Headline rates',
  metric: 'Metric',
  rate: 'Value',
  count: 'Count',
  pending: 'pending',
  of: 'of',
  purchases: 'purchases',
  attempts: 'attempts',
  funnel: 'Funnel per variant (decided checkouts)',
  section: 'Section',
  reached: 'reached',
  dropOff: 'drop-off',
  experiments: 'Experiments',
  control: 'control',
  variant: 'Variant',
  checkouts: 'Checkouts',
  orders: 'Orders',
  conversion: 'Conversion',
  revenuePerCheckout: 'Revenue/checkout',
  lift: 'Conversion lift',
  chance: 'Chance to win',
  verdict: 'Verdict',
  plan: 'Plan: a {mde} change with {power} power, {perArm} checkouts per variant, {more} more, by about {date}',
  noExperiments: 'No experiments configured.',
  fields: 'Where shoppers leave (top 5 last fields of abandoned checkouts)',
  abandonedSummary: '{abandoned} abandoned checkouts, {without} without a field touched',
  field: 'Field',
  abandons: 'Abandons',
  share: 'Share',
  errors: 'Validation errors (top 5 fields)',
  errorCount: 'Errors',
  withError: 'Checkouts with an error',
  leftAfter: 'Abandoned',
  average: 'average abandonment {rate}',
  channelsLast: 'Channels (last touch) with costs',
  channelsFirst: 'Channels (first touch) with costs',
  channel: 'Source / medium / campaign',
  revenue: 'Revenue',
  cost: 'Cost',
  costPerOrder: 'Cost/order',
  roas: 'ROAS',
  more: '… and {n} more',
  noCosts: 'No campaign costs: import them (kasa import-costs costs.csv).',
  notComparable: 'n/c',
  whyDevice:
    "n/c (not comparable): costs were imported for all devices; import them with a device column to compare a device's cost per order and ROAS.",
  whyVariant: 'n/c (not comparable): ad costs are not split by checkout layout.',
  whyTouch:
    "n/c (not comparable): the source filter applies to the other touch, so the row holds part of the channel's checkouts.",
  payments: 'Payment methods',
  method: 'Method',
  tries: 'Attempts',
  failures: 'Failed',
  failureRate: 'Rate',
  blikRejected: 'BLIK rejected',
  blikTimeouts: 'BLIK not confirmed',
  other: 'Other',
  total: 'total',
  nothing: 'No data in this range.',
  periodTitle: 'This period against the previous ({from} – {to})',
  thisPeriod: 'This period',
  previousPeriod: 'Previous',
  change: 'Change',
  averageOrder: 'Average order value',
  noPrevious:
    'With --from the report compares orders, revenue and conversion with the previous period of the same length.',
  cartFunnel: 'Funnel from the cart (whole shop, decided carts)',
  carts: 'carts',
};

export type Label = keyof typeof PL;

/** A label with `{name}` placeholders filled in. */
export function label(lang: Lang, key: Label, values: Readonly<Record<string, string>> = {}): string {
  const text = (lang === 'pl' ? PL : EN)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Names in both languages, by key. */
type Names = Readonly<Record<string, readonly [pl: string, en: string]>>;

/** A lookup in `names`; a key it does not know stands for itself. */
const nameIn =
  (names: Names) =>
  (key: string, lang: Lang): string =>
    names[key]?.[lang === 'pl' ? 0 : 1] ?? key;

const METRICS: Names = {
  checkout_abandonment: ['Porzucenie checkoutu', 'Checkout abandonment'],
  cart_abandonment: ['Porzucenie koszyka', 'Cart abandonment'],
  checkout_conversion: ['Konwersja checkoutu', 'Checkout conversion'],
  median_time_to_purchase: ['Mediana czasu do zakupu', 'Median time to purchase'],
  payment_failure_rate: ['Nieudane płatności', 'Payment failures'],
  blik_failure_rate: ['Nieudane płatności BLIK', 'BLIK payment failures'],
};

/** A KR metric's name. */
export const metricName = nameIn(METRICS);

const SECTIONS: Readonly<Record<string, string>> = {
  cart: 'koszyk',
  checkout: 'checkout rozpoczęty',
  contact: 'kontakt',
  delivery: 'dostawa',
  payment: 'płatność',
  review: 'podsumowanie',
  paying: 'płaci',
  paid: 'opłacone',
};

/** A funnel section's name (English names are the event schema's). */
export const sectionName = (section: string, lang: Lang): string =>
  lang === 'pl' ? (SECTIONS[section] ?? section) : section;

const METHODS: Names = {
  blik: ['BLIK', 'BLIK'],
  pbl: ['przelew online', 'pay-by-link'],
  card: ['karta', 'card'],
  bnpl: ['płatność odroczona', 'buy now, pay later'],
  cod: ['za pobraniem', 'cash on delivery'],
};

/** A payment method's name. */
export const methodName = nameIn(METHODS);

const DIMENSIONS: Names = {
  variant: ['wariant', 'variant'],
  device: ['urządzenie', 'device'],
  source: ['źródło', 'source'],
  touch: ['kontakt', 'touch'],
  simulated: ['symulowane', 'simulated'],
};

/** A filter's name. */
export const filterName = nameIn(DIMENSIONS);
