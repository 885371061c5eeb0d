import { describe, expect, it } from 'vitest';
import type { OkrDocument } from './api.ts';
import {
  addInitiative,
  addKeyResult,
  addLink,
  addObjective,
  removalNeedsConfirmation,
  removeInitiative,
  removeKeyResult,
  removeLink,
  removeObjective,
  setLink,
  toggleServedKeyResult,
  uniqueKey,
  updateInitiative,
  updateKeyResult,
  updateObjective,
} from './okr-edit.ts';
import { draftToOkr, okrToDraft } from './okr-form.ts';

const NOW = Date.UTC(2026, 0, 15);
const defaults = { metric: 'checkout_conversion', now: NOW };

const config: OkrDocument = {
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień',
      keyResults: [
        {
          key: 'kr',
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
          keyResults: ['kr'],
          ice: { impact: 8, confidence: 5, ease: 7 },
        },
      ],
    },
  ],
};
const draft = okrToDraft(config);
const allUids = (d: typeof draft) =>
  d.objectives.flatMap((o) => [o.uid, ...o.keyResults.map((k) => k.uid), ...o.initiatives.map((i) => i.uid)]);

describe('uniqueKey', () => {
  it('keeps a free key and numbers a taken one past every used number', () => {
    expect(uniqueKey('kr', ['abandonment'])).toBe('kr');
    expect(uniqueKey('kr', ['kr'])).toBe('kr-2');
    expect(uniqueKey('kr', ['kr', 'kr-2', 'kr-3'])).toBe('kr-4');
  });
});

describe('OKR draft edits', () => {
  it('adds an objective with one key result of the given metric and a quarter-long period, and unique uids', () => {
    const next = addObjective(addObjective(draft, defaults), defaults);
    expect(next.objectives.map((o) => o.key)).toEqual(['checkout', 'objective', 'objective-2']);
    expect(next.objectives[1]?.keyResults).toEqual([
      expect.objectContaining({
        key: 'kr',
        metric: 'checkout_conversion',
        from: '2026-01-15',
        to: '2026-04-15',
      }),
    ]);
    const uids = allUids(next);
    expect(new Set(uids).size).toBe(uids.length);
    expect(next.nextUid).toBeGreaterThan(Math.max(...uids));
    expect(draft.objectives).toHaveLength(1);
  });

  it('adds key results and initiatives under unused keys', () => {
    let next = addKeyResult(draft, 0, defaults);
    next = addKeyResult(next, 0, defaults);
    next = addInitiative(addInitiative(next, 0), 0);
    const [objective] = next.objectives;
    expect(objective?.keyResults.map((k) => k.key)).toEqual(['kr', 'kr-2', 'kr-3']);
    expect(objective?.initiatives.map((i) => i.key)).toEqual(['multi-step', 'initiative', 'initiative-2']);
    expect(objective?.initiatives[1]).toMatchObject({ impact: '5', confidence: '5', ease: '5', links: [] });
    const uids = allUids(next);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('carries a renamed key result into the initiatives that serve it', () => {
    const next = updateKeyResult(draft, 0, 0, { key: 'abandonment' });
    expect(next.objectives[0]?.keyResults[0]?.key).toBe('abandonment');
    expect(next.objectives[0]?.initiatives[0]?.keyResults).toEqual(['abandonment']);
    expect(updateKeyResult(draft, 0, 0, { target: '45' }).objectives[0]?.keyResults[0]?.target).toBe('45');
  });

  it('drops a removed key result from the initiatives that served it', () => {
    const withTwo = addKeyResult(draft, 0, defaults);
    const next = removeKeyResult(toggleServedKeyResult(withTwo, 0, 0, 'kr-2', true), 0, 0);
    expect(next.objectives[0]?.keyResults.map((k) => k.key)).toEqual(['kr-2']);
    expect(next.objectives[0]?.initiatives[0]?.keyResults).toEqual(['kr-2']);
  });

  it('toggles served key results without doubling them', () => {
    const on = toggleServedKeyResult(draft, 0, 0, 'kr', true);
    expect(on.objectives[0]?.initiatives[0]?.keyResults).toEqual(['kr']);
    expect(toggleServedKeyResult(on, 0, 0, 'kr', false).objectives[0]?.initiatives[0]?.keyResults).toEqual(
      [],
    );
  });

  it('adds, sets and removes task links at their position', () => {
    let next = addLink(addLink(draft, 0, 0), 0, 0);
    next = setLink(next, 0, 0, 0, 'https://kasa.atlassian.net/browse/KASA-12');
    next = setLink(next, 0, 0, 1, 'https://gitlab.com/acme/shop/-/issues/4');
    expect(removeLink(next, 0, 0, 0).objectives[0]?.initiatives[0]?.links).toEqual([
      'https://gitlab.com/acme/shop/-/issues/4',
    ]);
  });

  it('edits titles and the experiment, and removes initiatives and objectives', () => {
    let next = updateObjective(draft, 0, { title: 'Szybszy checkout' });
    next = updateInitiative(next, 0, 0, { title: 'Kroki', experiment: 'checkout-layout' });
    const { config: written } = draftToOkr(next);
    expect(written.objectives[0]).toMatchObject({
      title: 'Szybszy checkout',
      initiatives: [{ title: 'Kroki', experiment: 'checkout-layout' }],
    });
    expect(removeInitiative(next, 0, 0).objectives[0]?.initiatives).toEqual([]);
    expect(removeObjective(next, 0).objectives).toEqual([]);
  });

  it('asks before removing what has children or links, not before removing a bare item', () => {
    expect(removalNeedsConfirmation(draft, { objective: 0 })).toBe(true);
    expect(removalNeedsConfirmation(draft, { objective: 0, keyResult: 0 })).toBe(true);
    expect(removalNeedsConfirmation(draft, { objective: 0, initiative: 0 })).toBe(true);
    const bare = addInitiative(addKeyResult(draft, 0, defaults), 0);
    expect(removalNeedsConfirmation(bare, { objective: 0, keyResult: 1 })).toBe(false);
    expect(removalNeedsConfirmation(bare, { objective: 0, initiative: 1 })).toBe(false);
    const linked = setLink(addLink(bare, 0, 1), 0, 1, 0, 'https://trello.com/c/x');
    expect(removalNeedsConfirmation(linked, { objective: 0, initiative: 1 })).toBe(true);
    expect(removalNeedsConfirmation(addLink(bare, 0, 1), { objective: 0, initiative: 1 })).toBe(false);
    const tested = updateInitiative(bare, 0, 1, { experiment: 'checkout-layout' });
    expect(removalNeedsConfirmation(tested, { objective: 0, initiative: 1 })).toBe(true);
  });
});
