/**
 * The words of the live view ("Na żywo"), in Polish and English; messages.ts mounts them as `m.live`.
 * Numbers arrive formatted; the counts beside them only choose the noun form.
 */
import { polishPlural } from '@kasa/analytics';

/** A moment as the sentence needs it: its clock time and whether it falls today (0) or later. */
export interface At {
  readonly time: string;
  readonly days: number;
}

const ordersPl = (n: number) => polishPlural(n, ['zamówienie', 'zamówienia', 'zamówień']);
const checkoutsPl = (n: number) => polishPlural(n, ['checkout', 'checkouty', 'checkoutów']);
const atPl = ({ time, days }: At) =>
  days === 0 ? `o ${time}` : days === 1 ? `jutro o ${time}` : `za ${days} dni o ${time}`;
const atEn = ({ time, days }: At) =>
  days === 0 ? `at ${time}` : days === 1 ? `tomorrow at ${time}` : `in ${days} days at ${time}`;
const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

const pl = {
  title: 'Na żywo',
  intro: (seconds: string) =>
    `Odświeża się samo co ${seconds} s, gdy karta jest widoczna. Przychód brutto, z dostawą i VAT.`,
  inProgress: 'Checkouty w toku',
  inProgressDetail: (minutes: string) => `aktywne w ostatnich ${minutes} min, bez zamówienia`,
  lastHour: 'Ostatnia godzina',
  last6Hours: 'Ostatnie 6 h',
  last24Hours: 'Ostatnie 24 h',
  orders: (n: number, count: string) => `${count} ${ordersPl(n)}`,
  chartTitle: 'Zamówienia co godzinę, ostatnie 24 h',
  chartAxis: 'zamówienia',
  chartAlt: (busy: string) =>
    busy
      ? `Zamówienia co godzinę w ostatnich 24 h: ${busy}; w pozostałych godzinach brak.`
      : 'Brak zamówień w ostatnich 24 h.',
  chartHour: (hour: string, count: string, n: number, revenue: string) =>
    `${hour}: ${count} ${ordersPl(n)} (${revenue})`,
  chartNow: 'teraz',
  open: (
    n: number,
    count: string,
    hours: string,
    orders: number,
    ordersCount: string,
    conversion: string,
    first: At,
    all: At,
  ) => {
    const verb = polishPlural(n, ['jest jeszcze otwarty', 'są jeszcze otwarte', 'jest jeszcze otwartych']);
    const final =
      first.time === all.time && first.days === all.days
        ? `ostateczne ${atPl(all)}`
        : `pierwsze ostateczne ${atPl(first)}, wszystkie ${atPl(all)}`;
    return `${count} ${checkoutsPl(n)} z ostatnich ${hours} h ${verb}: na razie ${ordersCount} ${ordersPl(orders)} (konwersja ${conversion}, wstępna); ${final}`;
  },
  noneOpen: (hours: string) =>
    `Żaden checkout z ostatnich ${hours} h nie czeka na wynik: wszystkie są już ostateczne w raporcie.`,
  openNote: 'Raport poniżej liczy checkout dopiero, gdy minie jego okno atrybucji.',
  experimentsTitle: 'Eksperymenty: otwarte checkouty (wstępnie)',
  arm: (
    variation: string,
    n: number,
    count: string,
    orders: number,
    ordersCount: string,
    conversion: string,
  ) =>
    `${variation}: ${count} ${checkoutsPl(n)}, ${ordersCount} ${ordersPl(orders)} (${conversion}, wstępnie)`,
  updated: (time: string) => `Stan na ${time}`,
  paused: 'Wstrzymane, gdy karta jest w tle',
  failed: 'Nie udało się odświeżyć danych na żywo; spróbujemy ponownie za chwilę.',
  announce: (newOrders: number, newCount: string, inProgress: string, orders24h: string, revenue: string) =>
    newOrders > 0
      ? `Nowe zamówienia: ${newCount}. W ostatnich 24 h: ${orders24h}, ${revenue}. Checkouty w toku: ${inProgress}.`
      : `Checkouty w toku: ${inProgress}.`,
};

export type LiveMessages = typeof pl;

const en: LiveMessages = {
  title: 'Live',
  intro: (seconds: string) =>
    `Updates by itself every ${seconds} s while the tab is visible. Revenue is gross, with shipping and VAT.`,
  inProgress: 'Checkouts in progress',
  inProgressDetail: (minutes: string) => `active in the last ${minutes} min, no order yet`,
  lastHour: 'Last hour',
  last6Hours: 'Last 6 h',
  last24Hours: 'Last 24 h',
  orders: (n: number, count: string) => `${count} ${plural(n, 'order')}`,
  chartTitle: 'Orders per hour, last 24 h',
  chartAxis: 'orders',
  chartAlt: (busy: string) =>
    busy
      ? `Orders per hour in the last 24 h: ${busy}; none in the other hours.`
      : 'No orders in the last 24 h.',
  chartHour: (hour: string, count: string, n: number, revenue: string) =>
    `${hour}: ${count} ${plural(n, 'order')} (${revenue})`,
  chartNow: 'now',
  open: (n, count, hours, orders, ordersCount, conversion, first, all) => {
    const final =
      first.time === all.time && first.days === all.days
        ? `final ${atEn(all)}`
        : `the first final ${atEn(first)}, all ${atEn(all)}`;
    return `${count} ${plural(n, 'checkout')} from the last ${hours} h ${n === 1 ? 'is' : 'are'} still open: ${ordersCount} ${plural(orders, 'order')} so far (conversion ${conversion}, provisional); ${final}`;
  },
  noneOpen: (hours: string) =>
    `No checkout from the last ${hours} h is waiting for its outcome: all are final in the report.`,
  openNote: 'The report below counts a checkout only once its attribution window has passed.',
  experimentsTitle: 'Experiments: open checkouts (provisional)',
  arm: (variation, n, count, orders, ordersCount, conversion) =>
    `${variation}: ${count} ${plural(n, 'checkout')}, ${ordersCount} ${plural(orders, 'order')} (${conversion}, provisional)`,
  updated: (time: string) => `As of ${time}`,
  paused: 'Paused while the tab is in the background',
  failed: 'The live figures could not be updated; trying again shortly.',
  announce: (newOrders, newCount, inProgress, orders24h, revenue) =>
    newOrders > 0
      ? `New orders: ${newCount}. Last 24 h: ${orders24h}, ${revenue}. Checkouts in progress: ${inProgress}.`
      : `Checkouts in progress: ${inProgress}.`,
};

export const liveMessages = { pl, en };
