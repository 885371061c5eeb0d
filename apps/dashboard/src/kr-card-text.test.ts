import { describe, expect, it } from 'vitest';
import { krPeriodLabel, krStatusText } from './kr-card-text.ts';
import { MESSAGES } from './messages.ts';

const card = (status: Parameters<typeof krStatusText>[0]['status'], sample = 400, progress = 0.4) => ({
  status,
  sample,
  minSample: 100,
  progress,
});

describe('key-result card words', () => {
  it('says "not enough data yet (n of 100)" before the minimum sample, whatever the progress', () => {
    expect(krStatusText(card('not-enough-data', 40, 1.3), MESSAGES.en, 'en')).toBe(
      'not enough data yet (40 of 100)',
    );
    expect(krStatusText(card('not-enough-data', 99, 1.3), MESSAGES.pl, 'pl')).toBe(
      'za mało danych (99 z 100)',
    );
  });

  it('judges a sampled key result', () => {
    expect(krStatusText(card('reached', 400, 1.1), MESSAGES.pl, 'pl')).toBe('cel osiągnięty');
    expect(krStatusText(card('wrong-way', 400, -0.2), MESSAGES.en, 'en')).toBe(MESSAGES.en.krs.wrongWay);
    expect(krStatusText(card('in-progress', 400, 0.4), MESSAGES.pl, 'pl')).toBe('40% drogi do celu');
    expect(krStatusText(card('no-data', 0), MESSAGES.en, 'en')).toBe(MESSAGES.en.noData);
  });

  it('writes the period to its last included day', () => {
    const quarter = { from: Date.UTC(2026, 9, 1), to: Date.UTC(2027, 0, 1) };
    expect(krPeriodLabel(quarter, MESSAGES.pl, 'pl')).toBe('okres 1.10–31.12.2026');
    expect(krPeriodLabel(quarter, MESSAGES.en, 'en')).toBe('period 1\u00a0Oct–31\u00a0Dec\u00a02026');
  });

  it('names the BLIK key result in both languages', () => {
    expect(MESSAGES.pl.metrics.blik_failure_rate).toBe('Nieudane płatności BLIK');
    expect(MESSAGES.en.metrics.blik_failure_rate).toBe('BLIK payment failures');
  });
});
