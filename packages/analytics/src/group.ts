/**
 * Splitting summaries by layout, device and channel, shared by the funnel and the channel report.
 */
import type { CheckoutSummary } from './types.ts';

export type GroupDimension = 'layout' | 'device' | 'source' | 'medium' | 'campaign';
/** The value of each grouped dimension, e.g. { layout: 'multi-step', device: 'mobile' }. */
export type GroupKey = Readonly<Partial<Record<GroupDimension, string>>>;

/** Shown for a checkout whose layout or device was never reported. */
export const UNKNOWN = '(unknown)';

/** The value of one dimension for a checkout; channel dimensions read the first or last touch. */
export function dimensionValue(
  s: CheckoutSummary,
  dimension: GroupDimension,
  touch: 'first' | 'last',
): string {
  const channel = touch === 'first' ? s.firstTouch : s.lastTouch;
  switch (dimension) {
    case 'layout':
      return s.layout ?? UNKNOWN;
    case 'device':
      return s.device ?? UNKNOWN;
    default:
      return channel[dimension];
  }
}

/**
 * Groups summaries by the given dimensions (one group of everything for none), sorted by label.
 *
 * @example
 * groupSummaries(summaries, ['layout', 'device'], 'last')[0]?.label; // 'multi-step / desktop'
 */
export function groupSummaries(
  summaries: readonly CheckoutSummary[],
  dimensions: readonly GroupDimension[],
  touch: 'first' | 'last' = 'last',
): { readonly key: GroupKey; readonly label: string; readonly summaries: readonly CheckoutSummary[] }[] {
  const groups = new Map<string, { key: GroupKey; label: string; summaries: CheckoutSummary[] }>();
  for (const s of summaries) {
    const values = dimensions.map((d) => dimensionValue(s, d, touch));
    // Campaign names are free text and may contain the label's separator, so the map key is JSON.
    const id = JSON.stringify(values);
    const group: { key: GroupKey; label: string; summaries: CheckoutSummary[] } = groups.get(id) ?? {
      key: Object.fromEntries(dimensions.map((d, i) => [d, values[i] ?? UNKNOWN])),
      label: dimensions.length ? values.join(' / ') : 'all',
      summaries: [],
    };
    groups.set(id, group);
    group.summaries.push(s);
  }
  return [...groups.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
