import { describe, expect, it } from 'vitest';
import type { OkrDocument } from './api.ts';
import { MESSAGES } from './messages.ts';
import { dateField, fieldsToOkr, okrToFields, pathKey } from './okr-form.ts';

const config: OkrDocument = {
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień',
      keyResults: [
        {
          key: 'abandonment',
          metric: 'checkout_abandonment',
          baseline: 0.7,
          target: 0.5,
          period: { from: '2026-01-01', to: Date.UTC(2026, 3, 1) },
        },
        {
          key: 'speed',
          metric: 'median_time_to_purchase',
          baseline: 180_000,
          target: 120_000,
          period: { from: '2026-01-01T00:00:00Z', to: '2026-04-01' },
        },
      ],
      initiatives: [
        {
          key: 'multi-step',
          title: 'Checkout w krokach',
          experiment: 'checkout-layout',
          keyResults: ['abandonment'],
          ice: { impact: 8, confidence: 5, ease: 7 },
        },
      ],
    },
  ],
};

describe('OKR form fields', () => {
  it('shows rates as percentages, times in seconds and periods as dates', () => {
    expect(okrToFields(config)).toEqual({
      'objectives.0.keyResults.0.baseline': '70',
      'objectives.0.keyResults.0.target': '50',
      'objectives.0.keyResults.0.period.from': '2026-01-01',
      'objectives.0.keyResults.0.period.to': '2026-04-01',
      'objectives.0.keyResults.1.baseline': '180',
      'objectives.0.keyResults.1.target': '120',
      'objectives.0.keyResults.1.period.from': '2026-01-01',
      'objectives.0.keyResults.1.period.to': '2026-04-01',
      'objectives.0.initiatives.0.ice.impact': '8',
      'objectives.0.initiatives.0.ice.confidence': '5',
      'objectives.0.initiatives.0.ice.ease': '7',
    });
  });

  it('writes unchanged fields back exactly as they were', () => {
    expect(fieldsToOkr(config, okrToFields(config), MESSAGES.en.okr)).toEqual({ config, issues: [] });
  });

  it('writes edits back in the configuration units, keeping every other property', () => {
    const fields = {
      ...okrToFields(config),
      'objectives.0.keyResults.0.target': '52,5',
      'objectives.0.keyResults.1.target': '90',
      'objectives.0.keyResults.0.period.to': '2026-07-01',
      'objectives.0.initiatives.0.ice.ease': '9',
    };
    const { config: edited, issues } = fieldsToOkr(config, fields, MESSAGES.pl.okr);
    expect(issues).toEqual([]);
    const [objective] = edited.objectives;
    expect(objective?.keyResults[0]).toMatchObject({
      target: 0.525,
      period: { from: '2026-01-01', to: '2026-07-01' },
    });
    expect(objective?.keyResults[1]?.target).toBe(90_000);
    expect(objective?.initiatives?.[0]).toEqual({
      ...config.objectives[0]?.initiatives?.[0],
      ice: { impact: 8, confidence: 5, ease: 9 },
    });
  });

  it('names the fields that are not numbers or dates, by their configuration path', () => {
    const fields = {
      ...okrToFields(config),
      'objectives.0.keyResults.0.baseline': 'siedemdziesiąt',
      'objectives.0.keyResults.0.period.from': '',
    };
    const { issues } = fieldsToOkr(config, fields, MESSAGES.pl.okr);
    expect(issues.map((i) => [pathKey(i.path), i.message])).toEqual([
      ['objectives.0.keyResults.0.baseline', MESSAGES.pl.okr.notANumber],
      ['objectives.0.keyResults.0.period.from', MESSAGES.pl.okr.notADate],
    ]);
  });

  it('reads instants written as epoch ms or ISO text', () => {
    expect(dateField(Date.UTC(2026, 1, 3))).toBe('2026-02-03');
    expect(dateField('2026-02-03T10:00:00+01:00')).toBe('2026-02-03');
    expect(dateField('not a date')).toBe('');
  });
});
