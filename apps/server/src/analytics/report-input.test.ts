import { experimentSchema } from '@kasa/experiments';
import { describe, expect, it } from 'vitest';
import { reportInput } from './report-input.ts';

const experiment = (extra: Record<string, unknown>) =>
  experimentSchema.parse({
    key: 'checkout-layout',
    variations: ['one-page', 'multi-step'],
    status: 'running',
    startDate: '2026-11-01',
    kr: 'checkout-abandonment',
    ...extra,
  });

describe('reportInput', () => {
  it('reads each experiment as configured: weights, alpha, sequential analysis and status', () => {
    const input = reportInput({
      now: 0,
      windowMs: 1,
      filters: {},
      okr: { objectives: [] },
      experiments: [
        experiment({ weights: [1, 3], alpha: 0.01, sequential: { tuning: 2000 } }),
        experiment({}),
      ],
      costs: [],
    });
    expect(input.experiments[0]).toEqual({
      key: 'checkout-layout',
      variations: ['one-page', 'multi-step'],
      weights: [0.25, 0.75],
      alpha: 0.01,
      sequential: { tuning: 2000 },
      startDate: expect.any(String),
      coverage: 1,
      status: 'running',
    });
    expect(input.experiments[1]).not.toHaveProperty('sequential');
    expect(input.experiments[1]?.alpha).toBe(0.05);
  });
});
