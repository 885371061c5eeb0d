/**
 * What every part of the OKR editor gets from the editor: the draft, the choices for its selects,
 * field ids and messages by configuration path, and one way to change the draft.
 */
import type { OkrDraft } from '../../okr-form.ts';

export interface Editing {
  readonly draft: OkrDraft;
  /** Metric names a key result can measure. */
  readonly metrics: readonly string[];
  /** Experiment keys an initiative can be tested by. */
  readonly experiments: readonly string[];
  /** The input id for a configuration path ('objectives.0.title'). */
  readonly idFor: (path: string) => string;
  /** The localised messages for a configuration path. */
  readonly errorsAt: (path: string) => readonly string[];
  /** A changed draft; `structural` when items were added or removed (old messages no longer fit). */
  readonly change: (next: (draft: OkrDraft) => OkrDraft, structural?: boolean) => void;
  /** Removes an item, after asking `question` first when `ask`. */
  readonly remove: (ask: boolean, question: string, next: (draft: OkrDraft) => OkrDraft) => void;
}
