/**
 * The experiment verdict and the sample-ratio warning in plain Polish and English, for merchants who
 * should not have to read a p-value.
 */
import type { Comparison, Remaining } from '@kasa/experiments';
import { formatCount, formatDecimal, formatPercent, polishPlural, roughly, type Text } from './format.ts';

export type VerdictKind = 'winner' | 'control-wins' | 'more-data' | 'no-difference' | 'srm';

export interface Verdict extends Text {
  readonly kind: VerdictKind;
  /** The winning variation for 'winner' and 'control-wins'. */
  readonly variation: string | null;
  /** Its chance to win (flat prior), for 'winner' and 'control-wins'. */
  readonly chance: number | null;
  /** About how many more checkouts (both arms, rounded) for 'more-data'; null when unknown. */
  readonly moreCheckouts: number | null;
}

interface Arm {
  readonly variation: string;
  readonly sessions: number;
  readonly conversion: Comparison | null;
  readonly remaining: Remaining | null;
}

const result = (kind: VerdictKind, text: Text, extra: Partial<Verdict> = {}): Verdict => ({
  kind,
  ...text,
  variation: null,
  chance: null,
  moreCheckouts: null,
  ...extra,
});

const wins = (variation: string, chance: number): Text => ({
  pl: `${variation} wygrywa z prawdopodobieństwem ${formatPercent(chance)}`,
  en: `${variation} wins with ${formatPercent(chance)} chance`,
});

/**
 * The verdict on conversion: a treatment that is significantly better wins (the most likely one if
 * several are); else the control wins over a significantly worse treatment; else "not enough data"
 * with the checkouts still needed, or "no clear difference" once the planned sample is reached. A
 * sample ratio mismatch overrides all of these.
 *
 * @example
 * verdict(arms, 'one-page', 0.05, false).pl; // 'za mało danych: jeszcze około 3 400 checkoutów'
 */
export function verdict(arms: readonly Arm[], control: string, alpha: number, mismatch: boolean): Verdict {
  if (mismatch) {
    return result('srm', {
      pl: 'nie odczytuj wyników: podział ruchu nie zgadza się z ustawieniami eksperymentu',
      en: 'do not read the results: the traffic split does not match the experiment settings',
    });
  }
  const compared = arms.flatMap((a) =>
    a.conversion && !a.conversion.reason ? [{ ...a, c: a.conversion }] : [],
  );
  const significant = compared.filter((a) => a.c.pValue < alpha);
  const better = significant
    .filter((a) => a.c.effect > 0)
    .sort((a, b) => b.c.chanceToWin - a.c.chanceToWin)[0];
  if (better) {
    const chance = better.c.chanceToWin;
    return result('winner', wins(better.variation, chance), { variation: better.variation, chance });
  }
  const worse = significant
    .filter((a) => a.c.effect < 0)
    .sort((a, b) => a.c.chanceToWin - b.c.chanceToWin)[0];
  if (worse) {
    const chance = 1 - worse.c.chanceToWin;
    return result('control-wins', wins(control, chance), { variation: control, chance });
  }
  const needs = arms.flatMap((a) => (a.remaining ? [a.remaining.more] : []));
  if (needs.some((more) => more === null) || compared.length < arms.length - 1) {
    return result('more-data', {
      pl: 'za mało danych, by ocenić, ile jeszcze checkoutów potrzeba',
      en: 'not enough data yet to estimate how many more checkouts are needed',
    });
  }
  const more = roughly(Math.max(0, ...needs.map((n) => n ?? 0)));
  if (more === 0) {
    return result('no-difference', {
      pl: 'brak wyraźnej różnicy między wariantami',
      en: 'no clear difference between the variants',
    });
  }
  const noun = polishPlural(more, ['checkout', 'checkouty', 'checkoutów']);
  return result(
    'more-data',
    {
      pl: `za mało danych: jeszcze około ${formatCount(more, 'pl')} ${noun}`,
      en: `not enough data: about ${formatCount(more, 'en')} more ${more === 1 ? 'checkout' : 'checkouts'}`,
    },
    { moreCheckouts: more },
  );
}

/**
 * What to tell the merchant when the sample ratio check fails.
 *
 * @example
 * srmWarning([{ variation: 'a', sessions: 4600 }, { variation: 'b', sessions: 5400 }], [1, 1], 1e-15).en;
 * // 'The traffic split does not match the settings: expected a 50.0% / b 50.0%, got a 46.0% / b 54.0% (p < 0.0001). …'
 */
export function srmWarning(
  arms: readonly { readonly variation: string; readonly sessions: number }[],
  weights: readonly number[],
  pValue: number,
): Text {
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const total = arms.reduce((s, a) => s + a.sessions, 0);
  const split = (locale: 'pl' | 'en', share: (a: (typeof arms)[number], i: number) => number) =>
    arms.map((a, i) => `${a.variation} ${formatDecimal(share(a, i) * 100, 1, locale)}%`).join(' / ');
  const expected = (locale: 'pl' | 'en') => split(locale, (_, i) => (weights[i] ?? 0) / totalWeight);
  const got = (locale: 'pl' | 'en') => split(locale, (a) => (total ? a.sessions / total : 0));
  const p = (locale: 'pl' | 'en') =>
    pValue < 0.0001 ? `p < ${formatDecimal(0.0001, 4, locale)}` : `p = ${formatDecimal(pValue, 4, locale)}`;
  return {
    pl:
      `Podział ruchu nie zgadza się z ustawieniami: oczekiwano ${expected('pl')}, jest ${got('pl')} (${p('pl')}). ` +
      'Zanim odczytasz wyniki, sprawdź przypisywanie wariantów i zbieranie zdarzeń (np. czy przekierowanie nie gubi części kupujących).',
    en:
      `The traffic split does not match the settings: expected ${expected('en')}, got ${got('en')} (${p('en')}). ` +
      'Before reading the results, check variant assignment and event collection (e.g. a redirect losing some shoppers).',
  };
}
