/**
 * Peeking: a merchant reads the experiment every day. Simulated A/A histories (no true difference)
 * must not produce a winner more often than alpha across all those looks, and a true lift of the
 * planned size must still be found by the planned sample. Seeded, so the figures are the same on every
 * run; they are printed for the release note.
 */
import { describe, expect, it } from 'vitest';
import type { Cells } from './aggregates.ts';
import { type ExperimentSpec, experimentFromCells } from './experiments.ts';
import { DAY_MS } from './filters.ts';
import { seededRandom } from './random.ts';

const HISTORIES = 100;
const FIRST_LOOK = 3;
const LAST_LOOK = 28;
const PER_DAY_PER_ARM = 400;
const BASELINE = 0.3;
const START = Date.UTC(2026, 10, 1);

interface Tally {
  n: number;
  conversions: number;
}

const cellsOf = (control: Tally, treatment: Tally): Cells => ({
  cells: [
    {
      key: { variation: 'one-page' },
      checkouts: control.n,
      conversions: control.conversions,
      revenue: 0,
      revenueSumSquares: 0,
    },
    {
      key: { variation: 'multi-step' },
      checkouts: treatment.n,
      conversions: treatment.conversions,
      revenue: 0,
      revenueSumSquares: 0,
    },
  ],
  pending: 0,
  windowMs: DAY_MS,
});

/**
 * Runs `HISTORIES` experiments day by day and reads each from day 3 to `lastLook` (or until the planned
 * sample when `untilPlanned`); returns how many were called (a winner either way, or only the
 * treatment with `treatmentOnly`) at some look, and at the last look.
 */
function peek(
  spec: ExperimentSpec,
  { seed, lift, untilPlanned = false }: { seed: number; lift: number; untilPlanned?: boolean },
) {
  const random = seededRandom(seed);
  let calledAnyLook = 0;
  let calledLastLook = 0;
  let treatmentWins = 0;
  for (let history = 0; history < HISTORIES; history++) {
    const control: Tally = { n: 0, conversions: 0 };
    const treatment: Tally = { n: 0, conversions: 0 };
    let called = false;
    let won = false;
    let last = false;
    for (let day = 1; day <= LAST_LOOK; day++) {
      for (let i = 0; i < PER_DAY_PER_ARM; i++) {
        control.n++;
        if (random() < BASELINE) control.conversions++;
        treatment.n++;
        if (random() < BASELINE * (1 + lift)) treatment.conversions++;
      }
      if (day < FIRST_LOOK) continue;
      const now = START + (day + 1) * DAY_MS;
      const r = experimentFromCells(spec, cellsOf(control, treatment), { now });
      const call = r.verdict.kind === 'winner' || r.verdict.kind === 'control-wins';
      called ||= call;
      won ||= r.verdict.kind === 'winner';
      last = call;
      if (untilPlanned && r.plan.more === 0) break;
    }
    if (called) calledAnyLook++;
    if (last) calledLastLook++;
    if (won) treatmentWins++;
  }
  return { calledAnyLook, calledLastLook, treatmentWins };
}

const spec: ExperimentSpec = {
  key: 'checkout-layout',
  variations: ['one-page', 'multi-step'],
  startDate: '2026-11-01',
};

describe('reading an experiment every day (seeded simulation, 100 histories, days 3 to 28)', () => {
  it('a fixed-horizon test read daily calls a winner in far more A/A histories than alpha', () => {
    const fixed = peek({ ...spec, sequential: false }, { seed: 2026, lift: 0 });
    console.info(
      `A/A, fixed-horizon read daily: winner at some look in ${fixed.calledAnyLook}/${HISTORIES}, at the last look in ${fixed.calledLastLook}/${HISTORIES}`,
    );
    expect(fixed.calledAnyLook).toBeGreaterThan(15);
  });

  it('the default (sequential) analysis keeps the A/A rate across all looks at or below alpha (5 of 100)', () => {
    const sequential = peek(spec, { seed: 2026, lift: 0 });
    console.info(
      `A/A, default sequential read daily: winner at some look in ${sequential.calledAnyLook}/${HISTORIES} (alpha 0.05)`,
    );
    expect(sequential.calledAnyLook).toBeLessThanOrEqual(5);
  });

  it('finds a true +10% lift by the planned sample (mde 10%, power 80%) in at least 80 of 100 histories', () => {
    const planned = { ...spec, mde: 0.1 };
    const ab = peek(planned, { seed: 7, lift: 0.1, untilPlanned: true });
    const perArm = experimentFromCells(planned, cellsOf({ n: 10, conversions: 3 }, { n: 10, conversions: 3 }))
      .plan.perArm;
    console.info(
      `A/B, true +10% lift, default sequential read daily until the planned ${perArm} checkouts per arm: treatment called the winner in ${ab.treatmentWins}/${HISTORIES}`,
    );
    expect(ab.treatmentWins).toBeGreaterThanOrEqual(80);
    expect(ab.calledAnyLook - ab.treatmentWins).toBe(0);
  });
});
