import { describe, expect, it } from 'vitest';
import { formatMetric, mergeSources, remainingText } from './derive.ts';
import { MESSAGES } from './messages.ts';
import type { DashboardReport, VariantResult } from './report.ts';

const variant = (remaining: VariantResult['remaining']) => ({ remaining }) as VariantResult;
const remaining = (more: number | null) => ({ perArm: more, more, baseline: 0.5, mde: 0.1 });

describe('report readings', () => {
  it('says how many more checkouts a treatment needs, rounded as the verdict rounds them', () => {
    expect(remainingText(variant(remaining(3412)), MESSAGES.pl, 'pl')).toBe(
      'jeszcze około 3\u00a0400 checkoutów',
    );
    expect(remainingText(variant(remaining(3)), MESSAGES.pl, 'pl')).toBe('jeszcze około 3 checkouty');
    expect(remainingText(variant(remaining(1)), MESSAGES.en, 'en')).toBe('about 1 more checkout');
    expect(remainingText(variant(remaining(0)), MESSAGES.en, 'en')).toBe('enough data');
    expect(remainingText(variant(remaining(null)), MESSAGES.pl, 'pl')).toBe('za mało danych');
    expect(remainingText(variant(null), MESSAGES.pl, 'pl')).toBe('—');
  });

  it('shows a key result in its unit', () => {
    expect(formatMetric('checkout_abandonment', 0.4184, 'pl')).toBe('41,8%');
    expect(formatMetric('median_time_to_purchase', 150_574, 'en')).toBe('2\u00a0min\u00a031\u00a0s');
    expect(formatMetric('payment_failure_rate', null, 'en')).toBe('—');
  });

  it('remembers every source seen, so choosing one still offers the others', () => {
    const report = (sources: string[]) =>
      ({
        channels: {
          firstTouch: sources.map((source) => ({ source, sessions: 1 })),
          lastTouch: [{ source: 'tiktok', sessions: 0 }],
        },
      }) as unknown as DashboardReport;
    const seen = mergeSources([], report(['google', '(direct)']));
    expect(seen).toEqual(['(direct)', 'google']);
    expect(mergeSources(seen, report(['google']))).toBe(seen);
    expect(mergeSources(seen, report(['facebook']))).toEqual(['(direct)', 'facebook', 'google']);
  });
});
