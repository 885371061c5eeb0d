/**
 * A key-result card's words, pure so they are tested without a DOM: where it stands (judged only
 * once its period holds the minimum sample) and its period, written as `kasa report` writes it.
 */
import { krPeriodText } from '@kasa/analytics';
import { formatCount, formatShare, type Locale } from './format.ts';
import type { Messages } from './messages.ts';
import type { KrCard } from './report.ts';

/**
 * Where the key result stands, in words.
 *
 * @example
 * krStatusText({ status: 'not-enough-data', sample: 40, minSample: 100, progress: 1.2 }, MESSAGES.en, 'en');
 * // 'not enough data yet (40 of 100)'
 */
export function krStatusText(
  card: Pick<KrCard, 'status' | 'sample' | 'minSample' | 'progress'>,
  m: Messages,
  lang: Locale,
): string {
  switch (card.status) {
    case 'no-data':
      return m.noData;
    case 'not-enough-data':
      return m.krSim.notEnough(formatCount(card.sample, lang), formatCount(card.minSample, lang));
    case 'reached':
      return m.krs.reached;
    case 'wrong-way':
      return m.krs.wrongWay;
    case 'in-progress':
      return m.krs.progressText(formatShare(card.progress ?? 0, lang, 0));
  }
}

/**
 * The period from its first to its last included day (its `to` is exclusive), as `kasa report` prints it.
 *
 * @example
 * krPeriodLabel({ from: Date.UTC(2026, 9, 1), to: Date.UTC(2027, 0, 1) }, MESSAGES.pl, 'pl'); // 'okres 1.10–31.12.2026'
 */
export const krPeriodLabel = (
  period: { readonly from: number; readonly to: number },
  m: Messages,
  lang: Locale,
): string => m.krSim.period(krPeriodText(period, lang));
