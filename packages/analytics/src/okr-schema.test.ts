import { describe, expect, it } from 'vitest';
import { OKR_ISSUE_MESSAGES, okrIssueCode, okrSchema } from './okr-schema.ts';

/** A configuration as written before initiatives had links. */
const written = () => ({
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
          period: { from: '2026-01-01', to: '2026-04-01' },
        },
      ],
      initiatives: [
        {
          key: 'multi-step',
          title: 'Checkout w krokach',
          experiment: 'checkout-layout',
          keyResults: ['abandonment'],
          ice: { impact: 8, confidence: 5, ease: 7 },
        } as Record<string, unknown>,
      ],
    },
  ],
});

const codes = (config: unknown) =>
  okrSchema.safeParse(config).error?.issues.map((issue) => `${issue.path.join('.')}: ${okrIssueCode(issue)}`);

describe('okrSchema links and issue codes', () => {
  it('keeps a configuration written before links valid, with no links', () => {
    expect(okrSchema.parse(written()).objectives[0]?.initiatives[0]?.links).toEqual([]);
  });

  it('keeps the task links of an initiative', () => {
    const config = written();
    const links = ['https://kasa.atlassian.net/browse/KASA-12', 'http://git.sklep.pl/a/shop/-/issues/3'];
    (config.objectives[0]?.initiatives[0] as Record<string, unknown>).links = links;
    expect(okrSchema.parse(config).objectives[0]?.initiatives[0]?.links).toEqual(links);
  });

  it('refuses links that are not http(s) addresses, and more than ten', () => {
    const config = written();
    const initiative = config.objectives[0]?.initiatives[0] as Record<string, unknown>;
    initiative.links = ['javascript:alert(1)', 'KASA-12', 'https://trello.com/c/abc'];
    expect(codes(config)).toEqual([
      'objectives.0.initiatives.0.links.0: link_url',
      'objectives.0.initiatives.0.links.1: link_url',
    ]);
    initiative.links = Array.from({ length: 11 }, (_, i) => `https://trello.com/c/card${i}`);
    expect(codes(config)).toEqual(['objectives.0.initiatives.0.links: links_max']);
  });

  it('gives every complaint of its own a stable code, with the English text as message', () => {
    const config = written();
    const objective = config.objectives[0] as any;
    objective.title = '';
    objective.keyResults[0].target = 0.7;
    objective.keyResults[0].period.to = '2025-12-01';
    objective.initiatives[0].ice.ease = 11;
    objective.initiatives[0].ice.impact = 2.5;
    objective.initiatives[0].key = 'multi step';
    const issues = okrSchema.safeParse(config).error?.issues ?? [];
    expect(issues.map((issue) => `${issue.path.join('.')}: ${okrIssueCode(issue)}`)).toEqual(
      expect.arrayContaining([
        'objectives.0.title: title_length',
        'objectives.0.keyResults.0.target: target_equals_baseline',
        'objectives.0.keyResults.0.period.to: period_order',
        'objectives.0.initiatives.0.ice.ease: ice_range',
        'objectives.0.initiatives.0.ice.impact: ice_range',
        'objectives.0.initiatives.0.key: key_format',
      ]),
    );
    const ease = issues.find((issue) => issue.path.join('.').endsWith('ice.ease'));
    expect(ease?.message).toBe(OKR_ISSUE_MESSAGES.ice_range);
  });

  it('codes unknown key result references, duplicate keys and an objective without key results', () => {
    const config = written();
    const objective = config.objectives[0] as any;
    objective.initiatives[0].keyResults = ['nope'];
    objective.initiatives.push({ ...objective.initiatives[0], keyResults: [] });
    config.objectives.push({ ...structuredClone(objective), keyResults: [] });
    const second = structuredClone(written().objectives[0]);
    config.objectives.push(second as any);
    expect(codes(config)).toEqual([
      'objectives.0.initiatives.1.key: key_duplicate',
      'objectives.0.initiatives.0.keyResults: key_result_unknown',
      'objectives.1.keyResults: key_results_required',
      'objectives.1.initiatives.1.key: key_duplicate',
      'objectives.1.initiatives.0.keyResults: key_result_unknown',
      'objectives.1.key: key_duplicate',
      'objectives.2.key: key_duplicate',
    ]);
  });

  it("falls back to zod's own code for issues the schema does not word", () => {
    const config = written() as any;
    config.objectives[0].keyResults[0].metric = 'nps';
    config.objectives[0].keyResults[0].baseline = '0.7';
    config.extra = true;
    expect(codes(config)).toEqual(
      expect.arrayContaining([
        'objectives.0.keyResults.0.metric: metric_unknown',
        'objectives.0.keyResults.0.baseline: invalid_type',
        ': unrecognized_keys',
      ]),
    );
  });
});
