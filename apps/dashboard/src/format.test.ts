import { describe, expect, it } from 'vitest';
import {
  formatChance,
  formatDate,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPValue,
  formatRate,
  formatRoas,
  formatShare,
  formatSignedShare,
  isoDate,
} from './format.ts';

const nbsp = (s: string) => s.replaceAll(' ', '\u00a0');

describe('money', () => {
  it('writes grosze as złoty: Polish grouping and comma, English PLN prefix', () => {
    expect(formatMoney(123456, 'pl')).toBe(nbsp('1 234,56 zł'));
    expect(formatMoney(123456, 'en')).toBe(nbsp('PLN 1,234.56'));
    expect(formatMoney(189_00, 'pl')).toBe(nbsp('189,00 zł'));
    expect(formatMoney(1_234_567_89, 'en')).toBe(nbsp('PLN 1,234,567.89'));
  });

  it('rounds fractions of a grosz (revenue per visitor) and signs losses with a minus', () => {
    expect(formatMoney(5432.6, 'pl')).toBe(nbsp('54,33 zł'));
    expect(formatMoney(-1050, 'en')).toBe(nbsp('PLN −10.50'));
    expect(formatMoney(-0.2, 'pl')).toBe(nbsp('0,00 zł'));
  });
});

describe('numbers and shares', () => {
  it('groups thousands by locale', () => {
    expect(formatNumber(1234567.891, 1, 'pl')).toBe(nbsp('1 234 567,9'));
    expect(formatNumber(1234567.891, 0, 'en')).toBe('1,234,568');
  });

  it('writes shares as percentages with one decimal, tiny ones as below the last digit', () => {
    expect(formatShare(0.6423, 'pl')).toBe('64,2%');
    expect(formatShare(0.6423, 'en')).toBe('64.2%');
    expect(formatShare(1, 'pl', 0)).toBe('100%');
    expect(formatShare(0, 'en')).toBe('0.0%');
    expect(formatShare(0.0002, 'pl')).toBe('<0,1%');
    expect(formatShare(0.003, 'en', 0)).toBe('<1%');
    expect(formatRate(null, 'pl')).toBe('—');
  });

  it('signs changes, without a sign when they round to zero', () => {
    expect(formatSignedShare(0.1234, 'pl')).toBe('+12,3%');
    expect(formatSignedShare(-0.04, 'en')).toBe('−4.0%');
    expect(formatSignedShare(-0.00001, 'en')).toBe('0.0%');
  });

  it('writes p-values, ROAS and durations', () => {
    expect(formatChance(0.99998, 'pl')).toBe('99,9%');
    expect(formatChance(0.5, 'en')).toBe('50.0%');
    expect(formatPValue(0.0123, 'pl')).toBe('0,012');
    expect(formatPValue(0.00001, 'en')).toBe(nbsp('< 0.001'));
    expect(formatRoas(8, 'pl')).toBe('8,0×');
    expect(formatRoas(null, 'en')).toBe('—');
    expect(formatDuration(154_000)).toBe(nbsp('2 min 34 s'));
    expect(formatDuration(45_400)).toBe(nbsp('45 s'));
    expect(formatDuration(3_900_000)).toBe(nbsp('1 h 05 min'));
    expect(formatDuration(null)).toBe('—');
  });

  it('writes UTC dates', () => {
    const jan5 = Date.UTC(2026, 0, 5, 23, 30);
    expect(isoDate(jan5)).toBe('2026-01-05');
    expect(formatDate(jan5, 'pl')).toBe(nbsp('5 sty 2026'));
    expect(formatDate(jan5, 'en')).toBe(nbsp('5 Jan 2026'));
  });
});
