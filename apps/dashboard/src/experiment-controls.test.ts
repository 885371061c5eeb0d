import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  auditDetail,
  auditSentence,
  auditTime,
  changeBody,
  createBody,
  createFields,
  issueField,
  issuesAt,
  parseNumber,
  percentField,
  refusalReason,
  settingsFields,
  suggestedWinner,
  variationLabel,
} from './experiment-controls.ts';
import type { ControlledExperiment } from './experiments-api.ts';
import { experimentControlsMessages } from './messages/experiment-controls.ts';
import type { ExperimentResults } from './report.ts';

const { pl, en } = experimentControlsMessages;

const experiment: ControlledExperiment = {
  key: 'payment-order',
  variations: ['blik-first', 'blik-among-others'],
  weights: [0.7, 0.3],
  coverage: 1,
  status: 'running',
  startDate: '2026-12-05',
  kr: 'payments',
  alpha: 0.05,
  mde: 0.1,
  phase: 1,
  template: 'payment-order',
};

type Verdict = ExperimentResults['verdict'];
const verdict = (kind: Verdict['kind'], variation: string | null): Verdict => ({
  kind,
  variation,
  chance: variation ? 0.97 : null,
  moreCheckouts: null,
  pl: `${variation} wygrywa`,
  en: `${variation} wins`,
});

describe('allowed actions', () => {
  it('starts drafts and stopped experiments, stops running ones, ships running or stopped ones, takes back a shipped one', () => {
    expect(allowedActions('draft')).toEqual({ start: true, stop: false, ship: false, edit: true });
    expect(allowedActions('running')).toEqual({ start: false, stop: true, ship: true, edit: true });
    expect(allowedActions('stopped')).toEqual({ start: true, stop: false, ship: true, edit: true });
    expect(allowedActions('shipped')).toEqual({ start: false, stop: true, ship: false, edit: false });
  });
});

describe('percent fields', () => {
  it('shows shares as percentages with the locale decimal mark and reads both marks back', () => {
    expect(percentField(0.125, 'pl')).toBe('12,5');
    expect(percentField(0.125, 'en')).toBe('12.5');
    expect(percentField(1 / 3, 'en')).toBe('33.33');
    expect(parseNumber(' 12,5 ')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('fills an existing experiment and a new one', () => {
    expect(settingsFields(experiment, 'pl')).toEqual({
      kr: 'payments',
      weights: ['70', '30'],
      coverage: '100',
      mde: '10',
    });
    expect(settingsFields({ ...experiment, mde: undefined, coverage: 0.5 }, 'en')).toMatchObject({
      coverage: '50',
      mde: '5',
    });
    expect(createFields('delivery-order', 2, 'payments', 'pl')).toEqual({
      template: 'delivery-order',
      key: '',
      kr: 'payments',
      weights: ['50', '50'],
      coverage: '100',
      mde: '5',
    });
  });
});

describe('create body', () => {
  const fields = { ...createFields('payment-order', 2, 'payments', 'pl'), weights: ['70', '30'], mde: '10' };

  it('turns percentages into shares and leaves an empty key out', () => {
    expect(createBody(fields, pl.validation, 'pl')).toEqual({
      body: { template: 'payment-order', kr: 'payments', weights: [0.7, 0.3], coverage: 1, mde: 0.1 },
      issues: [],
    });
    expect(
      createBody({ ...fields, key: ' blik-test ', coverage: '12,5' }, pl.validation, 'pl').body,
    ).toMatchObject({
      key: 'blik-test',
      coverage: 0.125,
    });
  });

  it('names every wrong field in the page language', () => {
    const { body, issues } = createBody(
      { ...fields, key: 'Blik_Test', weights: ['70', 'x'], coverage: '0', mde: '100', kr: '' },
      pl.validation,
      'pl',
    );
    expect(body).toBeNull();
    expect(issues.map((i) => [issueField(i), i.message])).toEqual([
      ['key', pl.validation.keyInvalid],
      ['weights.1', pl.validation.notANumber],
      ['coverage', pl.validation.coverageRange],
      ['mde', pl.validation.mdeRange],
      ['kr', pl.validation.krRequired],
    ]);
  });

  it('requires the weights to add up to 100, saying what they add up to', () => {
    const pl90 = createBody({ ...fields, weights: ['60,5', '30'] }, pl.validation, 'pl');
    expect(issuesAt(pl90.issues, 'weights')).toEqual(['Wagi muszą dawać razem 100% (teraz 90,5%).']);
    const en90 = createBody({ ...fields, weights: ['60.5', '30'] }, en.validation, 'en');
    expect(issuesAt(en90.issues, 'weights')).toEqual(['Weights must add up to 100% (now 90.5%).']);
    expect(
      issuesAt(createBody({ ...fields, weights: ['0', '0'] }, en.validation, 'en').issues, 'weights'),
    ).toEqual([en.validation.weightsZero]);
    expect(
      issuesAt(createBody({ ...fields, weights: ['120', '-20'] }, en.validation, 'en').issues, 'weights.0'),
    ).toEqual([en.validation.weightRange]);
  });
});

describe('change body', () => {
  const before = settingsFields(experiment, 'pl');

  it('sends only what changed and warns of a new phase for a split change of a started experiment', () => {
    expect(changeBody(experiment, before, { ...before, weights: ['60', '40'] }, pl.validation, 'pl')).toEqual(
      {
        body: { weights: [0.6, 0.4] },
        issues: [],
        newPhase: true,
      },
    );
    expect(changeBody(experiment, before, { ...before, coverage: '50' }, pl.validation, 'pl')).toMatchObject({
      body: { coverage: 0.5 },
      newPhase: true,
    });
    expect(
      changeBody(experiment, before, { ...before, mde: '2', kr: 'abandonment' }, pl.validation, 'pl'),
    ).toEqual({
      body: { kr: 'abandonment', mde: 0.02 },
      issues: [],
      newPhase: false,
    });
    expect(
      changeBody({ status: 'draft' }, before, { ...before, weights: ['60', '40'] }, pl.validation, 'pl')
        .newPhase,
    ).toBe(false);
    expect(changeBody(experiment, before, before, pl.validation, 'pl').body).toEqual({});
  });

  it('refuses invalid settings without a body', () => {
    const result = changeBody(experiment, before, { ...before, weights: ['60', '30'] }, pl.validation, 'pl');
    expect(result.body).toBeNull();
    expect(issuesAt(result.issues, 'weights')).toHaveLength(1);
  });
});

describe('audit sentence', () => {
  const at = Date.UTC(2026, 10, 12, 13, 3);

  it('reads the time on the merchant clock', () => {
    expect(auditTime(at, -60, 'pl')).toBe('12.11 14:03');
    expect(auditTime(at, 0, 'pl')).toBe('12.11 13:03');
    expect(auditTime(Date.UTC(2026, 0, 5, 23, 30), -60, 'en')).toBe('6 Jan 00:30');
  });

  it('says what happened, to which experiment and by whom', () => {
    const entry = {
      at,
      experiment: 'checkout-layout',
      action: 'stopped',
      actor: 'dashboard',
      detail: {},
    } as const;
    expect(auditSentence(entry, pl, -60, 'pl')).toBe('12.11 14:03 — checkout-layout: zatrzymany (panel)');
    expect(auditSentence(entry, en, -60, 'en')).toBe('12 Nov 14:03 — checkout-layout: stopped (dashboard)');
    expect(
      auditSentence({ ...entry, action: 'shipped', detail: { variation: 'multi-step' } }, pl, 0, 'pl'),
    ).toBe('12.11 13:03 — checkout-layout: wdrożony, wszyscy dostają multi-step (panel)');
  });

  it('spells out what each kind of change did', () => {
    expect(auditDetail({ action: 'created', detail: { template: 'payment-order' } }, pl, 'pl')).toBe(
      'z szablonu payment-order',
    );
    expect(auditDetail({ action: 'started', detail: { phase: 1, startDate: '2026-12-05' } }, en, 'en')).toBe(
      'phase 1 from 5\u00a0Dec\u00a02026',
    );
    expect(auditDetail({ action: 'stopped', detail: {} }, pl, 'pl')).toBe('');
    expect(auditDetail({ action: 'stopped', detail: { unshipped: 'multi-step' } }, pl, 'pl')).toBe(
      'cofnięto wdrożenie multi-step',
    );
    const changed = {
      changed: {
        weights: { from: [0.5, 0.5], to: [0.7, 0.3] },
        mde: { from: null, to: 0.125 },
        kr: { from: 'payments', to: 'abandonment' },
      },
      phase: 2,
      startDate: '2026-12-05',
    };
    expect(auditDetail({ action: 'changed', detail: changed }, pl, 'pl')).toBe(
      'wagi 50% / 50% → 70% / 30%, MDE domyślne → 12,5%, KR payments → abandonment, faza 2 od 5\u00a0gru\u00a02026',
    );
    expect(
      auditDetail({ action: 'changed', detail: { changed: { coverage: { from: 1, to: 0.5 } } } }, en, 'en'),
    ).toBe('traffic included 100% → 50%');
  });

  it('explains the refusals the server gives a reason for', () => {
    expect(refusalReason({ reason: 'template_running', running: 'checkout-layout' }, pl)).toContain(
      'Eksperyment checkout-layout z tego samego szablonu już trwa',
    );
    expect(refusalReason({ reason: 'key_taken', key: 'payment-order' }, en)).toContain(
      'The key payment-order is taken',
    );
    expect(refusalReason({ reason: 'template_shipped', shipped: 'payment-order' }, pl)).toContain(
      'Eksperyment payment-order z tego samego szablonu jest wdrożony dla wszystkich',
    );
    expect(refusalReason({ reason: 'not_running', status: 'draft' }, pl)).toBeNull();
    expect(variationLabel('blik-among-others', pl)).toBe('BLIK wśród innych metod (blik-among-others)');
    expect(variationLabel('custom', en)).toBe('custom');
  });
});

describe('suggested winner', () => {
  it('takes the variation the verdict names, only when it decides and the variation is the experiment’s', () => {
    const results = [{ key: 'payment-order', verdict: verdict('winner', 'blik-among-others') }];
    expect(suggestedWinner(experiment, results)?.variation).toBe('blik-among-others');
    expect(
      suggestedWinner(experiment, [{ key: 'payment-order', verdict: verdict('control-wins', 'blik-first') }])
        ?.variation,
    ).toBe('blik-first');
    expect(
      suggestedWinner(experiment, [{ key: 'payment-order', verdict: verdict('more-data', null) }]),
    ).toBeNull();
    expect(
      suggestedWinner(experiment, [{ key: 'other', verdict: verdict('winner', 'blik-first') }]),
    ).toBeNull();
    expect(
      suggestedWinner(experiment, [{ key: 'payment-order', verdict: verdict('winner', 'multi-step') }]),
    ).toBeNull();
  });
});
