import { describe, expect, it } from 'vitest';
import type { OkrDocument } from './api.ts';
import { MESSAGES } from './messages.ts';
import { dateField, draftPath, draftToOkr, issueText, okrToDraft, pathKey } from './okr-form.ts';

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
          links: ['https://kasa.atlassian.net/browse/KASA-12'],
        },
      ],
    },
  ],
};

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing in the test configuration');
  return value;
}

describe('OKR draft', () => {
  it('shows rates as percentages, times in seconds and periods as dates', () => {
    const [objective] = okrToDraft(config).objectives;
    expect(objective?.keyResults.map((kr) => [kr.baseline, kr.target, kr.from, kr.to])).toEqual([
      ['70', '50', '2026-01-01', '2026-04-01'],
      ['180', '120', '2026-01-01', '2026-04-01'],
    ]);
    expect(objective?.initiatives[0]).toMatchObject({
      title: 'Checkout w krokach',
      experiment: 'checkout-layout',
      keyResults: ['abandonment'],
      impact: '8',
      confidence: '5',
      ease: '7',
      links: ['https://kasa.atlassian.net/browse/KASA-12'],
    });
  });

  it('gives every item its own uid, and the next one free', () => {
    const draft = okrToDraft(config);
    const uids = draft.objectives.flatMap((o) => [
      o.uid,
      ...o.keyResults.map((k) => k.uid),
      ...o.initiatives.map((i) => i.uid),
    ]);
    expect(new Set(uids).size).toBe(4);
    expect(draft.nextUid).toBeGreaterThan(Math.max(...uids));
  });

  it('writes an unchanged draft back exactly as it was', () => {
    expect(draftToOkr(okrToDraft(config))).toEqual({ config, issues: [] });
  });

  it('writes edits back in the configuration units, dropping blank links and an empty experiment', () => {
    const draft = okrToDraft(config);
    const [objective] = draft.objectives;
    if (!objective) throw new Error('no objective');
    const [abandonment, speed] = objective.keyResults;
    const edited = {
      ...draft,
      objectives: [
        {
          ...objective,
          title: '  Więcej zamówień  ',
          keyResults: [
            { ...must(abandonment), target: '52,5', to: '2026-07-01' },
            { ...must(speed), target: '90', metric: 'median_time_to_purchase' },
          ],
          initiatives: [
            {
              ...must(objective.initiatives[0]),
              ease: '9',
              experiment: '',
              links: [' https://trello.com/c/abc ', ''],
            },
          ],
        },
      ],
    };
    const { config: written, issues } = draftToOkr(edited);
    expect(issues).toEqual([]);
    const [back] = written.objectives;
    expect(back?.title).toBe('Więcej zamówień');
    expect(back?.keyResults[0]).toMatchObject({
      target: 0.525,
      period: { from: '2026-01-01', to: '2026-07-01' },
    });
    expect(back?.keyResults[1]?.target).toBe(90_000);
    expect(back?.initiatives?.[0]).toEqual({
      key: 'multi-step',
      title: 'Checkout w krokach',
      keyResults: ['abandonment'],
      ice: { impact: 8, confidence: 5, ease: 9 },
      links: ['https://trello.com/c/abc'],
    });
  });

  it('names the fields that are not numbers or dates by their configuration path, with a code', () => {
    const draft = okrToDraft(config);
    const objective = must(draft.objectives[0]);
    const edited = {
      ...draft,
      objectives: [
        {
          ...objective,
          keyResults: [
            { ...must(objective.keyResults[0]), baseline: 'siedemdziesiąt', from: '' },
            must(objective.keyResults[1]),
          ],
          initiatives: [{ ...must(objective.initiatives[0]), impact: 'dużo' }],
        },
      ],
    };
    const { issues } = draftToOkr(edited);
    expect(issues.map((i) => [pathKey(i.path), i.code])).toEqual([
      ['objectives.0.keyResults.0.baseline', 'not_a_number'],
      ['objectives.0.keyResults.0.period.from', 'not_a_date'],
      ['objectives.0.initiatives.0.ice.impact', 'not_a_number'],
    ]);
  });

  it("moves the API's index of a task link back to its input when blank inputs were left out", () => {
    const draft = okrToDraft(config);
    const objective = must(draft.objectives[0]);
    const initiative = must(objective.initiatives[0]);
    const links = ['', 'https://trello.com/c/a', ' ', 'ftp://x'];
    const edited = { ...draft, objectives: [{ ...objective, initiatives: [{ ...initiative, links }] }] };
    expect(draftToOkr(edited).config.objectives[0]?.initiatives?.[0]?.links).toEqual([
      'https://trello.com/c/a',
      'ftp://x',
    ]);
    expect(draftPath(edited, ['objectives', 0, 'initiatives', 0, 'links', 1])).toEqual([
      'objectives',
      0,
      'initiatives',
      0,
      'links',
      3,
    ]);
    const other = ['objectives', 0, 'initiatives', 0, 'ice', 'ease'];
    expect(draftPath(edited, other)).toEqual(other);
  });

  it('reads instants written as epoch ms or ISO text', () => {
    expect(dateField(Date.UTC(2026, 1, 3))).toBe('2026-02-03');
    expect(dateField('2026-02-03T10:00:00+01:00')).toBe('2026-02-03');
    expect(dateField('not a date')).toBe('');
  });
});

describe('issue texts', () => {
  const issue = (code?: string) => ({
    path: ['objectives', 0],
    ...(code ? { code } : {}),
    message: 'ICE scores run from 1 to 10',
  });

  it('words each code in the page language', () => {
    expect(issueText(MESSAGES.pl.okr, issue('ice_range'))).toBe('Ocena ICE to liczba całkowita od 1 do 10.');
    expect(issueText(MESSAGES.en.okr, issue('ice_range'))).toBe('ICE scores are whole numbers from 1 to 10.');
    expect(issueText(MESSAGES.pl.okr, issue('not_a_number'))).toBe('Wpisz liczbę, np. 52,5.');
  });

  it("falls back to a general message, never the server's English, for a code it does not know or none", () => {
    for (const unknown of [issue('invalid_type'), issue('toString'), issue()]) {
      expect(issueText(MESSAGES.pl.okr, unknown)).toBe(MESSAGES.pl.okr.invalidValue);
      expect(issueText(MESSAGES.en.okr, unknown)).toBe(MESSAGES.en.okr.invalidValue);
    }
  });

  it('has a text in both languages for every code the schema can send', async () => {
    const { OKR_ISSUE_MESSAGES } = await import('@kasa/analytics');
    for (const code of Object.keys(OKR_ISSUE_MESSAGES)) {
      expect(MESSAGES.pl.okr.issues[code]).toBeTruthy();
      expect(MESSAGES.en.okr.issues[code]).toBeTruthy();
      expect(MESSAGES.pl.okr.issues[code]).not.toBe(MESSAGES.en.okr.issues[code]);
    }
  });
});
