import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import cases from './cases.json';
import { assignVariation, type ExperimentConfig, experimentSchema } from './experiment.ts';

// GrowthBook experiments from cases.json (see its `_source`), mapped onto our config: key is the seed,
// variation values become names, a missing hashVersion means GrowthBook's experiment default 1.
const growthbookExperiment = z.object({
  key: z.string(),
  variations: z.array(z.union([z.string(), z.number()])),
  weights: z.array(z.number()).optional(),
  coverage: z.number().optional(),
  hashVersion: z.union([z.literal(1), z.literal(2)]).optional(),
  namespace: z.tuple([z.string(), z.number(), z.number()]).optional(),
  active: z.boolean().optional(),
});
const rows = z
  .array(
    z.tuple([z.string(), growthbookExperiment, z.string(), z.number(), z.boolean(), z.number().nullable()]),
  )
  .min(40)
  .parse(cases.assignVariation);

const base: ExperimentConfig = {
  key: 'checkout-layout',
  variations: ['one-page', 'multi-step'],
  status: 'running',
  startDate: '2025-03-01',
  kr: 'checkout-conversion',
};

describe('assignVariation matches GrowthBook', () => {
  it.each(rows)('%s', (_name, gb, unitId, index, inExperiment, bucket) => {
    const experiment = experimentSchema.parse({
      ...base,
      key: gb.key,
      variations: gb.variations.map(String),
      weights: gb.weights,
      coverage: gb.coverage,
      hashVersion: gb.hashVersion ?? 1,
      namespace: gb.namespace,
      status: gb.active === false ? 'stopped' : 'running',
    });
    const result = assignVariation(experiment, unitId);
    expect(result).toMatchObject({ index, inExperiment, variation: String(gb.variations[index]) });
    if (bucket !== null) expect(result.hashValue).toBe(bucket);
  });
});

describe('experimentSchema', () => {
  it('fills defaults: equal weights, full coverage, hash version 2', () => {
    expect(experimentSchema.parse(base)).toMatchObject({ weights: [0.5, 0.5], coverage: 1, hashVersion: 2 });
  });

  it('accepts sequential (or false for fixed-horizon), mde and power, leaving their defaults to the reader', () => {
    const plain = experimentSchema.parse(base);
    expect(plain.alpha).toBe(0.05);
    expect(plain).not.toHaveProperty('sequential');
    expect(
      experimentSchema.parse({ ...base, alpha: 0.01, sequential: {}, mde: 0.1, power: 0.9 }),
    ).toMatchObject({ alpha: 0.01, sequential: { tuning: 5000 }, mde: 0.1, power: 0.9 });
    expect(experimentSchema.parse({ ...base, sequential: false }).sequential).toBe(false);
    expect(experimentSchema.safeParse({ ...base, sequential: true }).error?.issues[0]?.message).toBe(
      'sequential must be false or { "tuning": 5000 }',
    );
    expect(experimentSchema.safeParse({ ...base, mde: 0 }).error?.issues[0]?.message).toBe(
      'mde must be above 0, e.g. 0.05 for 5%',
    );
    const refused = experimentSchema.safeParse({ ...base, alpha: 5 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('alpha must be below 0.5');
  });

  it('rescales weights given on another scale', () => {
    expect(experimentSchema.parse({ ...base, weights: [30, 70] }).weights).toEqual([0.3, 0.7]);
  });

  it('keeps weights that already sum to 1 within GrowthBook tolerance verbatim', () => {
    expect(experimentSchema.parse({ ...base, weights: [0.4, 0.5999] }).weights).toEqual([0.4, 0.5999]);
  });

  it.each([
    ['one variation', { variations: ['one-page'] }, 'variations', 'at least two'],
    ['duplicate names', { variations: ['a', 'a'] }, 'variations', 'unique'],
    ['weights of the wrong length', { weights: [1, 1, 1] }, 'weights', 'one weight per variation'],
    ['all-zero weights', { weights: [0, 0] }, 'weights', 'above 0'],
    ['coverage above 1', { coverage: 1.5 }, 'coverage', 'at most 1'],
    ['hash version 3', { hashVersion: 3 }, 'hashVersion', '2 (recommended)'],
    ['unknown status', { status: 'paused' }, 'status', '"running"'],
    ['a non-date start', { startDate: 'next monday' }, 'startDate', '2025-03-01'],
    ['missing key result', { kr: '' }, 'kr', 'key result'],
    ['inverted namespace', { namespace: ['checkout', 0.5, 0.2] }, 'namespace', 'below its end'],
  ])('rejects %s with a message naming the field and the fix', (_name, patch, field, hint) => {
    const result = experimentSchema.safeParse({ ...base, ...patch });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toContain(hint);
  });
});

describe('assignVariation', () => {
  const running = experimentSchema.parse(base);
  const ids = Array.from({ length: 2000 }, (_, i) => `shopper-${i}`);

  it('is deterministic and serves the named variation for the index', () => {
    for (const id of ids.slice(0, 50)) {
      const a = assignVariation(running, id);
      expect(assignVariation(running, id)).toEqual(a);
      expect(a.variation).toBe(running.variations[a.index]);
    }
  });

  it('splits traffic close to the weights', () => {
    const multiStep = ids.filter((id) => assignVariation(running, id).index === 1).length;
    // 2000 fair coin flips: ±4 standard deviations is 1000 ± 89.
    expect(Math.abs(multiStep - 1000)).toBeLessThan(90);
  });

  it.each(['draft', 'stopped'] as const)('serves control and enrols nobody while %s', (status) => {
    const experiment = experimentSchema.parse({ ...base, status });
    for (const id of ids.slice(0, 100)) {
      expect(assignVariation(experiment, id)).toMatchObject({
        variation: 'one-page',
        index: 0,
        inExperiment: false,
      });
    }
  });

  it('enrols nobody outside coverage and nobody with an empty id', () => {
    const none = experimentSchema.parse({ ...base, coverage: 0 });
    expect(ids.some((id) => assignVariation(none, id).inExperiment)).toBe(false);
    expect(assignVariation(running, '')).toEqual({
      variation: 'one-page',
      index: 0,
      inExperiment: false,
      hashValue: null,
    });
  });

  it('gives experiments in disjoint slices of one namespace disjoint units', () => {
    const first = experimentSchema.parse({ ...base, key: 'a', namespace: ['checkout', 0, 0.5] });
    const second = experimentSchema.parse({ ...base, key: 'b', namespace: ['checkout', 0.5, 1] });
    const both = ids.filter(
      (id) => assignVariation(first, id).inExperiment && assignVariation(second, id).inExperiment,
    );
    expect(both).toEqual([]);
    expect(ids.filter((id) => assignVariation(first, id).inExperiment).length).toBeGreaterThan(800);
  });
});

describe('shipped experiments', () => {
  it('serves the shipped variation to everyone, enrolling nobody', () => {
    const shipped = experimentSchema.parse({ ...base, status: 'shipped', shipped: 'multi-step' });
    for (const unit of ['anon-1', 'anon-2', 'anon-3', 'anon-4', '']) {
      expect(assignVariation(shipped, unit)).toMatchObject({
        variation: 'multi-step',
        index: 1,
        inExperiment: false,
      });
    }
  });

  it('requires the shipped variation exactly when shipped, and one of the variations', () => {
    const issue = (config: ExperimentConfig) => experimentSchema.safeParse(config).error?.issues[0];
    expect(issue({ ...base, status: 'shipped' })?.path).toEqual(['shipped']);
    expect(issue({ ...base, status: 'running', shipped: 'one-page' })?.path).toEqual(['shipped']);
    expect(issue({ ...base, status: 'shipped', shipped: 'two-page' })?.message).toBe(
      'shipped must be one of the variations',
    );
  });

  it('keeps configs written before valid, phase absent', () => {
    const parsed = experimentSchema.parse(base);
    expect(parsed).not.toHaveProperty('phase');
    expect(parsed).not.toHaveProperty('shipped');
    expect(experimentSchema.parse({ ...base, phase: 3 }).phase).toBe(3);
    expect(experimentSchema.safeParse({ ...base, phase: 0 }).success).toBe(false);
  });
});
