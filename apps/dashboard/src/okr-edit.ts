/**
 * Edits of an OKR draft: add, remove and change objectives, key results, initiatives and their task
 * links. Each returns a new draft; new items get keys unused in their list ('kr-2'). Renaming a key
 * result renames it in the initiatives that serve it; removing one drops it from them. Pure: tested
 * in okr-edit.test.ts.
 */
import { isoDate } from './format.ts';
import type { InitiativeDraft, KrDraft, ObjectiveDraft, OkrDraft } from './okr-form.ts';

const DAY_MS = 86_400_000;
/** How long a new key result's period runs: about a quarter. */
const NEW_PERIOD_DAYS = 90;

/**
 * `base` if no item uses it, else the first free `base-2`, `base-3`…
 *
 * @example uniqueKey('kr', ['kr', 'kr-2']); // 'kr-3'
 */
export function uniqueKey(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

const keysOf = (items: readonly { readonly key: string }[]) => items.map((item) => item.key);
const replaceAt = <T>(items: readonly T[], index: number, next: (item: T) => T): T[] =>
  items.map((item, i) => (i === index ? next(item) : item));
const withoutAt = <T>(items: readonly T[], index: number): T[] => items.filter((_, i) => i !== index);

function newKeyResult(uid: number, key: string, metric: string, now: number): KrDraft {
  return {
    uid,
    key,
    metric,
    baseline: '',
    target: '',
    from: isoDate(now),
    to: isoDate(now + NEW_PERIOD_DAYS * DAY_MS),
  };
}

/** What a new item needs from outside: the metric a new key result starts with, and today. */
export interface NewItemDefaults {
  readonly metric: string;
  readonly now: number;
}

/**
 * A new objective at the end, with one key result (an objective needs one) and no initiatives.
 *
 * @example addObjective(draft, { metric: 'checkout_abandonment', now: Date.now() });
 */
export function addObjective(draft: OkrDraft, defaults: NewItemDefaults): OkrDraft {
  const objective: ObjectiveDraft = {
    uid: draft.nextUid,
    key: uniqueKey('objective', keysOf(draft.objectives)),
    title: '',
    keyResults: [newKeyResult(draft.nextUid + 1, 'kr', defaults.metric, defaults.now)],
    initiatives: [],
  };
  return { objectives: [...draft.objectives, objective], nextUid: draft.nextUid + 2 };
}

/** The draft with objective `o` changed by `next`. */
const atObjective = (
  draft: OkrDraft,
  o: number,
  next: (objective: ObjectiveDraft) => ObjectiveDraft,
): OkrDraft => ({
  ...draft,
  objectives: replaceAt(draft.objectives, o, next),
});

/** @example updateObjective(draft, 0, { title: 'Więcej zamówień' }); */
export const updateObjective = (
  draft: OkrDraft,
  o: number,
  patch: Partial<Pick<ObjectiveDraft, 'title'>>,
): OkrDraft => atObjective(draft, o, (objective) => ({ ...objective, ...patch }));

/** @example removeObjective(draft, 1); */
export const removeObjective = (draft: OkrDraft, o: number): OkrDraft => ({
  ...draft,
  objectives: withoutAt(draft.objectives, o),
});

/** @example addKeyResult(draft, 0, { metric: 'checkout_conversion', now: Date.now() }); */
export function addKeyResult(draft: OkrDraft, o: number, defaults: NewItemDefaults): OkrDraft {
  const next = atObjective(draft, o, (objective) => ({
    ...objective,
    keyResults: [
      ...objective.keyResults,
      newKeyResult(
        draft.nextUid,
        uniqueKey('kr', keysOf(objective.keyResults)),
        defaults.metric,
        defaults.now,
      ),
    ],
  }));
  return { ...next, nextUid: draft.nextUid + 1 };
}

/**
 * Key result `k` of objective `o` changed; a new key is carried into the initiatives that served
 * the old one.
 *
 * @example updateKeyResult(draft, 0, 0, { key: 'abandonment-q2' });
 */
export function updateKeyResult(
  draft: OkrDraft,
  o: number,
  k: number,
  patch: Partial<Omit<KrDraft, 'uid' | 'written'>>,
): OkrDraft {
  return atObjective(draft, o, (objective) => {
    const old = objective.keyResults[k]?.key;
    const renamed = patch.key !== undefined && old !== undefined && patch.key !== old;
    return {
      ...objective,
      keyResults: replaceAt(objective.keyResults, k, (kr) => ({ ...kr, ...patch })),
      initiatives: renamed
        ? objective.initiatives.map((initiative) => ({
            ...initiative,
            keyResults: initiative.keyResults.map((key) => (key === old ? (patch.key ?? key) : key)),
          }))
        : objective.initiatives,
    };
  });
}

/** Key result `k` of objective `o` gone, and gone from the initiatives that served it. */
export function removeKeyResult(draft: OkrDraft, o: number, k: number): OkrDraft {
  return atObjective(draft, o, (objective) => {
    const key = objective.keyResults[k]?.key;
    return {
      ...objective,
      keyResults: withoutAt(objective.keyResults, k),
      initiatives: objective.initiatives.map((initiative) => ({
        ...initiative,
        keyResults: initiative.keyResults.filter((served) => served !== key),
      })),
    };
  });
}

/** @example addInitiative(draft, 0); // ICE 5 × 5 × 5, serving no key result yet */
export function addInitiative(draft: OkrDraft, o: number): OkrDraft {
  const next = atObjective(draft, o, (objective) => ({
    ...objective,
    initiatives: [
      ...objective.initiatives,
      {
        uid: draft.nextUid,
        key: uniqueKey('initiative', keysOf(objective.initiatives)),
        title: '',
        experiment: '',
        keyResults: [],
        impact: '5',
        confidence: '5',
        ease: '5',
        links: [],
      },
    ],
  }));
  return { ...next, nextUid: draft.nextUid + 1 };
}

/** @example updateInitiative(draft, 0, 1, { experiment: 'checkout-layout' }); */
export const updateInitiative = (
  draft: OkrDraft,
  o: number,
  i: number,
  patch: Partial<Omit<InitiativeDraft, 'uid' | 'key'>>,
): OkrDraft =>
  atObjective(draft, o, (objective) => ({
    ...objective,
    initiatives: replaceAt(objective.initiatives, i, (initiative) => ({ ...initiative, ...patch })),
  }));

/** @example removeInitiative(draft, 0, 1); */
export const removeInitiative = (draft: OkrDraft, o: number, i: number): OkrDraft =>
  atObjective(draft, o, (objective) => ({ ...objective, initiatives: withoutAt(objective.initiatives, i) }));

/**
 * The initiative serving key result `krKey`, or no longer serving it.
 *
 * @example toggleServedKeyResult(draft, 0, 0, 'abandonment', true);
 */
export function toggleServedKeyResult(
  draft: OkrDraft,
  o: number,
  i: number,
  krKey: string,
  on: boolean,
): OkrDraft {
  const initiative = draft.objectives[o]?.initiatives[i];
  if (!initiative) return draft;
  const rest = initiative.keyResults.filter((key) => key !== krKey);
  return updateInitiative(draft, o, i, { keyResults: on ? [...rest, krKey] : rest });
}

/** A blank task link to fill in, at the end. */
export function addLink(draft: OkrDraft, o: number, i: number): OkrDraft {
  const initiative = draft.objectives[o]?.initiatives[i];
  return initiative ? updateInitiative(draft, o, i, { links: [...initiative.links, ''] }) : draft;
}

/** @example setLink(draft, 0, 0, 1, 'https://trello.com/c/AbCd1234'); */
export function setLink(draft: OkrDraft, o: number, i: number, l: number, url: string): OkrDraft {
  const initiative = draft.objectives[o]?.initiatives[i];
  return initiative
    ? updateInitiative(draft, o, i, { links: replaceAt(initiative.links, l, () => url) })
    : draft;
}

/** @example removeLink(draft, 0, 0, 1); */
export function removeLink(draft: OkrDraft, o: number, i: number, l: number): OkrDraft {
  const initiative = draft.objectives[o]?.initiatives[i];
  return initiative ? updateInitiative(draft, o, i, { links: withoutAt(initiative.links, l) }) : draft;
}

/**
 * Whether removing the item would lose more than the item: an objective with key results or
 * initiatives, a key result an initiative serves, an initiative linked to key results, an experiment
 * or tasks. The editor asks before removing these.
 *
 * @example removalNeedsConfirmation(draft, { objective: 0, keyResult: 0 }); // true if an initiative serves it
 */
export function removalNeedsConfirmation(
  draft: OkrDraft,
  at: { readonly objective: number; readonly keyResult?: number; readonly initiative?: number },
): boolean {
  const objective = draft.objectives[at.objective];
  if (!objective) return false;
  if (at.keyResult !== undefined) {
    const key = objective.keyResults[at.keyResult]?.key;
    return objective.initiatives.some(
      (initiative) => key !== undefined && initiative.keyResults.includes(key),
    );
  }
  if (at.initiative !== undefined) {
    const initiative = objective.initiatives[at.initiative];
    return Boolean(
      initiative &&
        (initiative.experiment ||
          initiative.keyResults.length > 0 ||
          initiative.links.some((link) => link.trim())),
    );
  }
  return objective.keyResults.length > 0 || objective.initiatives.length > 0;
}
