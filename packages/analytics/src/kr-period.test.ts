import { describe, expect, it } from 'vitest';
import { DAY_MS } from './filters.ts';
import { krPeriodText, lastIncludedDay } from './kr-period.ts';

const quarter = { from: Date.UTC(2026, 9, 1), to: Date.UTC(2027, 0, 1) };

describe('a key result period in words', () => {
  it('ends on the last included day, as `to` is exclusive', () => {
    expect(krPeriodText(quarter, 'pl')).toBe('1.10–31.12.2026');
    expect(krPeriodText(quarter, 'en')).toBe('1\u00a0Oct–31\u00a0Dec\u00a02026');
  });

  it('writes both years when the period crosses one, and pads months in Polish', () => {
    const winter = { from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 2, 1) };
    expect(krPeriodText(winter, 'pl')).toBe('1.12.2026–28.02.2027');
    expect(krPeriodText(winter, 'en')).toBe('1\u00a0Dec\u00a02026–28\u00a0Feb\u00a02027');
  });

  it('includes the day a period ends in when it ends after midnight', () => {
    expect(lastIncludedDay(Date.UTC(2027, 0, 1))).toBe(Date.UTC(2026, 11, 31));
    expect(lastIncludedDay(Date.UTC(2027, 0, 1, 12))).toBe(Date.UTC(2027, 0, 1));
    const oneDay = { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 5) + DAY_MS };
    expect(krPeriodText(oneDay, 'pl')).toBe('5.01–5.01.2026');
  });
});
