/**
 * The words of the key-result cards' status and trend chart, and of the simulated-data banner and its
 * delete action, in Polish and English; messages.ts mounts them as `m.krSim`.
 */
import { polishPlural } from '@kasa/analytics';

const checkoutsPl = (n: number) => polishPlural(n, ['checkout', 'checkouty', 'checkoutów']);
const eventsPl = (n: number) => polishPlural(n, ['zdarzenie', 'zdarzenia', 'zdarzeń']);

const pl = {
  notEnough: (n: string, min: string) => `za mało danych (${n} z ${min})`,
  notEnoughHint: (unit: string) => `Ocena celu pojawi się, gdy w okresie będzie dość danych (${unit}).`,
  sampleUnit: {
    checkout_abandonment: 'zdecydowane checkouty',
    checkout_conversion: 'zdecydowane checkouty',
    cart_abandonment: 'zdecydowane koszyki',
    median_time_to_purchase: 'zakupy',
    payment_failure_rate: 'próby płatności',
    blik_failure_rate: 'próby płatności BLIK',
  } as Record<string, string>,
  inProgress: 'w drodze do celu',
  chartTitle: (metric: string) => `${metric}: wartości w okresie`,
  chartSummary: (metric: string, first: string, last: string, target: string) =>
    `${metric}: od ${first} do ${last}; cel ${target}.`,
  chartEmpty: (metric: string, target: string) => `${metric}: brak wartości w okresie; cel ${target}.`,
  targetLine: (target: string) => `cel ${target}`,
  baselineLine: (baseline: string) => `start ${baseline}`,
  tableCaption: (metric: string, per: 'day' | 'week') =>
    `${metric} ${per === 'day' ? 'dzień po dniu' : 'tydzień po tygodniu'}`,
  tableFrom: 'Od',
  tableValue: 'Wartość',
  showTable: 'Pokaż wartości w tabeli',
  period: (text: string) => `okres ${text}`,
  hidden: (n: number, count: string) =>
    `Ukryto ${count} ${polishPlural(n, ['symulowany checkout', 'symulowane checkouty', 'symulowanych checkoutów'])}`,
  hiddenHint: 'Liczby poniżej pochodzą tylko od prawdziwych kupujących.',
  showSimulated: 'Pokaż także dane symulowane',
  deleteSimulated: 'Usuń dane symulowane',
  confirmTitle: 'Usunąć dane symulowane?',
  confirmText:
    'Usuniemy wszystkie checkouty wygenerowane przez kasa simulate i dane demonstracyjne, z ich zdarzeniami. Prawdziwe dane zostaną. Tego nie można cofnąć.',
  confirm: 'Usuń',
  cancel: 'Anuluj',
  deleting: 'Usuwanie…',
  deleted: (checkouts: number, checkoutsText: string, events: number, eventsText: string) =>
    `Usunięto ${checkoutsText} ${checkoutsPl(checkouts)} i ${eventsText} ${eventsPl(events)}.`,
  deleteFailed: 'Nie udało się usunąć danych symulowanych. Spróbuj ponownie.',
};

const en: typeof pl = {
  notEnough: (n, min) => `not enough data yet (${n} of ${min})`,
  notEnoughHint: (unit) => `The target is judged once the period has enough data (${unit}).`,
  sampleUnit: {
    checkout_abandonment: 'decided checkouts',
    checkout_conversion: 'decided checkouts',
    cart_abandonment: 'decided carts',
    median_time_to_purchase: 'purchases',
    payment_failure_rate: 'payment attempts',
    blik_failure_rate: 'BLIK payment attempts',
  },
  inProgress: 'on the way to the target',
  chartTitle: (metric) => `${metric}: values over the period`,
  chartSummary: (metric, first, last, target) => `${metric}: from ${first} to ${last}; target ${target}.`,
  chartEmpty: (metric, target) => `${metric}: no values in the period yet; target ${target}.`,
  targetLine: (target) => `target ${target}`,
  baselineLine: (baseline) => `baseline ${baseline}`,
  tableCaption: (metric, per) => `${metric} ${per === 'day' ? 'day by day' : 'week by week'}`,
  tableFrom: 'From',
  tableValue: 'Value',
  showTable: 'Show the values as a table',
  period: (text) => `period ${text}`,
  hidden: (n, count) => `${count} simulated ${n === 1 ? 'checkout' : 'checkouts'} hidden`,
  hiddenHint: 'The figures below come from real shoppers only.',
  showSimulated: 'Show simulated data too',
  deleteSimulated: 'Delete simulated data',
  confirmTitle: 'Delete simulated data?',
  confirmText:
    'Every checkout made by kasa simulate and the demo data will be deleted, with their events. Real data stays. This cannot be undone.',
  confirm: 'Delete',
  cancel: 'Cancel',
  deleting: 'Deleting…',
  deleted: (checkouts, checkoutsText, events, eventsText) =>
    `Deleted ${checkoutsText} ${checkouts === 1 ? 'checkout' : 'checkouts'} and ${eventsText} ${events === 1 ? 'event' : 'events'}.`,
  deleteFailed: 'The simulated data could not be deleted. Please try again.',
};

export const krSimMessages = { pl, en };
