import { describe, expect, it } from 'vitest';
import { backoffMs, pauseBeforeRetry, retryAfterMs } from './retry.ts';

const retry = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('3')).toBe(3_000);
    expect(retryAfterMs(' 2 ')).toBe(2_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 10:00:05 GMT', Date.parse('2026-11-27T10:00:00Z'))).toBe(5_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 09:59:00 GMT', Date.parse('2026-11-27T10:00:00Z'))).toBe(0);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('-1')).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles the ceiling each retry up to the cap, with the pause anywhere below it (full jitter)', () => {
    expect(backoffMs(retry, 1, () => 1)).toBe(100);
    expect(backoffMs(retry, 4, () => 1)).toBe(800);
    expect(backoffMs(retry, 11, () => 1)).toBe(1_000);
    expect(backoffMs(retry, 4, () => 0)).toBe(0);
    expect(backoffMs(retry, 4, () => 0.5)).toBe(400);
  });
});

describe('pauseBeforeRetry', () => {
  it('waits the longer of the backoff and Retry-After, capped at maxDelayMs', () => {
    expect(pauseBeforeRetry(retry, 1, 700, () => 1)).toBe(700);
    expect(pauseBeforeRetry(retry, 4, 100, () => 1)).toBe(800);
    expect(pauseBeforeRetry(retry, 1, 30_000, () => 1)).toBe(1_000);
  });

  it('with maxRetryAfterMs, waits longer than maxDelayMs when asked, and gives up past it', () => {
    const strict = { ...retry, maxRetryAfterMs: 5_000 };
    expect(pauseBeforeRetry(strict, 1, 4_000, () => 1)).toBe(4_000);
    expect(pauseBeforeRetry(strict, 1, 5_001, () => 1)).toBeUndefined();
    expect(pauseBeforeRetry(strict, 4, undefined, () => 1)).toBe(800);
  });
});
