import { KR_METRICS } from '@kasa/analytics';
import { describe, expect, it } from 'vitest';
import { KR_METRIC_CHOICES } from './kr-metrics.ts';

describe('KR_METRIC_CHOICES', () => {
  it('offers exactly the metrics the OKR schema accepts', () => {
    expect([...KR_METRIC_CHOICES].sort()).toEqual([...KR_METRICS].sort());
  });
});
