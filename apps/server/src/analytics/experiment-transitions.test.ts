import { KasaError } from '@kasa/core';
import { type Experiment, type ExperimentConfig, experimentSchema } from '@kasa/experiments';
import { describe, expect, it } from 'vitest';
import {
  changeExperiment,
  createExperiment,
  shipExperiment,
  startExperiment,
  stopExperiment,
} from './experiment-transitions.ts';

const TODAY = '2026-12-05';
const layout = (overrides: Partial<ExperimentConfig> = {}): Experiment =>
  experimentSchema.parse({
    key: 'checkout-layout',
    variations: ['one-page', 'multi-step'],
    status: 'running',
    startDate: '2026-11-01',
    kr: 'checkout-abandonment',
    ...overrides,
  });

/** The KasaError a refused transition throws (fails the test when none is thrown). */
function refusal(run: () => unknown): KasaError {
  try {
    run();
  } catch (error) {
    if (error instanceof KasaError) return error;
    throw error;
  }
  throw new Error('the transition was not refused');
}

describe('createExperiment', () => {
  it('makes a draft of the template with its variations, phase 1 from today', () => {
    const { experiment, action, detail } = createExperiment(
      [],
      'payment-order',
      { kr: 'checkout-conversion', weights: [1, 3], coverage: 0.5, mde: 0.1 },
      TODAY,
    );
    expect(experiment).toMatchObject({
      key: 'payment-order',
      variations: ['blik-first', 'blik-among-others'],
      weights: [0.25, 0.75],
      coverage: 0.5,
      mde: 0.1,
      status: 'draft',
      startDate: TODAY,
      phase: 1,
      kr: 'checkout-conversion',
    });
    expect({ action, detail }).toEqual({ action: 'created', detail: { template: 'payment-order' } });
  });

  it('takes the next free key when the template key is taken, and refuses a given key that is', () => {
    const existing = [layout(), layout({ key: 'checkout-layout-2' })];
    expect(createExperiment(existing, 'checkout-layout', { kr: 'x' }, TODAY).experiment.key).toBe(
      'checkout-layout-3',
    );
    const error = refusal(() =>
      createExperiment(existing, 'checkout-layout', { key: 'checkout-layout', kr: 'x' }, TODAY),
    );
    expect(error.code).toBe('experiment_conflict');
    expect(error.details).toMatchObject({ reason: 'key_taken' });
  });

  it('names the field of an invalid plan', () => {
    const error = refusal(() => createExperiment([], 'delivery-order', { kr: 'x', weights: [1] }, TODAY));
    expect(error.code).toBe('body_invalid');
    expect(error.details?.issues).toEqual([
      { path: 'weights', message: expect.stringContaining('one weight per variation') },
    ]);
  });
});

describe('startExperiment', () => {
  it('starts a draft in its phase from today', () => {
    const draft = layout({ status: 'draft', phase: 1, startDate: '2026-12-01' });
    const { experiment, detail } = startExperiment([draft], draft, TODAY);
    expect(experiment).toMatchObject({ status: 'running', phase: 1, startDate: TODAY });
    expect(detail).toEqual({ phase: 1, startDate: TODAY });
  });

  it('restarts a stopped experiment as the next phase (a config without phase reads as 1)', () => {
    const stopped = layout({ status: 'stopped' });
    expect(startExperiment([stopped], stopped, TODAY).experiment).toMatchObject({
      status: 'running',
      phase: 2,
      startDate: TODAY,
    });
  });

  it('refuses while another experiment of the same template runs, naming it', () => {
    const running = layout();
    const draft = layout({ key: 'layout-again', status: 'draft' });
    const error = refusal(() => startExperiment([running, draft], draft, TODAY));
    expect(error.code).toBe('experiment_conflict');
    expect(error.details).toMatchObject({ reason: 'template_running', running: 'checkout-layout' });
    const other = layout({ key: 'blik', variations: ['blik-first', 'blik-among-others'], status: 'draft' });
    expect(startExperiment([running, other], other, TODAY).experiment.status).toBe('running');
  });

  it('refuses to start a running or shipped experiment', () => {
    expect(refusal(() => startExperiment([], layout(), TODAY)).code).toBe('experiment_conflict');
    const shipped = layout({ status: 'shipped', shipped: 'one-page' });
    expect(refusal(() => startExperiment([], shipped, TODAY)).details).toMatchObject({
      reason: 'not_startable',
    });
  });
});

describe('stopExperiment and shipExperiment', () => {
  it('stops a running experiment, or takes back a shipped winner (everyone gets the control)', () => {
    expect(stopExperiment(layout()).experiment.status).toBe('stopped');
    const unshipped = stopExperiment(layout({ status: 'shipped', shipped: 'multi-step' }));
    expect(unshipped.experiment.status).toBe('stopped');
    expect(unshipped.experiment).not.toHaveProperty('shipped');
    expect(experimentSchema.safeParse(unshipped.experiment).success).toBe(true);
    expect(unshipped.detail).toEqual({ unshipped: 'multi-step' });
    expect(refusal(() => stopExperiment(layout({ status: 'draft' }))).code).toBe('experiment_conflict');
  });

  it('ships one of the variations of a running or stopped experiment', () => {
    const shipped = shipExperiment([], layout({ status: 'stopped' }), 'multi-step');
    expect(shipped.experiment).toMatchObject({ status: 'shipped', shipped: 'multi-step' });
    expect(experimentSchema.safeParse(shipped.experiment).success).toBe(true);
    expect(shipped.detail).toEqual({ variation: 'multi-step' });
    expect(refusal(() => shipExperiment([], layout(), 'two-page')).code).toBe('body_invalid');
    expect(refusal(() => shipExperiment([], layout({ status: 'draft' }), 'one-page')).code).toBe(
      'experiment_conflict',
    );
  });

  it('refuses to ship, or start, beside another deciding experiment of the same template', () => {
    const stopped = layout({ key: 'layout-b', status: 'stopped' });
    const running = layout();
    expect(refusal(() => shipExperiment([running, stopped], stopped, 'one-page')).details).toMatchObject({
      reason: 'template_running',
      running: 'checkout-layout',
    });
    const shipped = layout({ status: 'shipped', shipped: 'multi-step' });
    expect(refusal(() => startExperiment([shipped, stopped], stopped, TODAY)).details).toMatchObject({
      reason: 'template_shipped',
      shipped: 'checkout-layout',
    });
  });
});

describe('changeExperiment', () => {
  it('starts a new phase from today when the weights of a running experiment change', () => {
    const { experiment, detail } = changeExperiment(layout({ phase: 2 }), { weights: [1, 3] }, TODAY);
    expect(experiment).toMatchObject({ weights: [0.25, 0.75], phase: 3, startDate: TODAY });
    expect(detail).toEqual({
      changed: { weights: { from: [0.5, 0.5], to: [0.25, 0.75] } },
      phase: 3,
      startDate: TODAY,
    });
  });

  it('starts a new phase when the coverage of a stopped experiment changes', () => {
    expect(
      changeExperiment(layout({ status: 'stopped' }), { coverage: 0.5 }, TODAY).experiment,
    ).toMatchObject({
      coverage: 0.5,
      phase: 2,
      startDate: TODAY,
    });
  });

  it('keeps the phase when only the KR or MDE change, or when the same weights are sent again', () => {
    const running = layout();
    const read = changeExperiment(running, { kr: 'checkout-conversion', mde: 0.1, weights: [50, 50] }, TODAY);
    expect(read.experiment).toMatchObject({
      kr: 'checkout-conversion',
      mde: 0.1,
      phase: 1,
      startDate: '2026-11-01',
    });
    expect(read.detail).toEqual({
      changed: {
        kr: { from: 'checkout-abandonment', to: 'checkout-conversion' },
        mde: { from: null, to: 0.1 },
      },
    });
  });

  it('marks a change to the same values as no change (nothing to store or audit)', () => {
    const running = layout({ mde: 0.1 });
    const same = changeExperiment(running, { weights: [1, 1], mde: 0.1, kr: running.kr }, TODAY);
    expect(same).toMatchObject({ experiment: running, unchanged: true });
    expect(changeExperiment(running, { mde: 0.2 }, TODAY)).not.toHaveProperty('unchanged');
  });

  it('keeps a draft in phase 1 whatever changes, and refuses to change a shipped experiment', () => {
    expect(changeExperiment(layout({ status: 'draft' }), { weights: [1, 2] }, TODAY).experiment.phase).toBe(
      1,
    );
    const shipped = layout({ status: 'shipped', shipped: 'one-page' });
    expect(refusal(() => changeExperiment(shipped, { kr: 'x' }, TODAY)).code).toBe('experiment_conflict');
    expect(refusal(() => changeExperiment(layout(), { coverage: 2 }, TODAY)).code).toBe('body_invalid');
  });
});
