/**
 * The OKR configuration as an editable draft and back: every value as the text of its input (rates as
 * percentages, 70 for 0.7; the time metric in seconds; periods as dates; ICE scores as integers), and
 * each item with a `uid` that stays put while its key is edited. The draft's arrays mirror the
 * configuration's, so a field's path ('objectives.0.keyResults.1.target') is the path the API's
 * validation issues name. Pure: tested in okr-form.test.ts.
 */
import type { OkrIssueCode } from '@kasa/analytics';
import type { Issue, OkrDocument, OkrInitiative, OkrKeyResult, OkrObjective } from './api.ts';
import { isoDate } from './format.ts';

export interface KrDraft {
  readonly uid: number;
  readonly key: string;
  readonly metric: string;
  readonly baseline: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
  /** The period as the configuration wrote it, kept when its date is not edited. */
  readonly written?: OkrKeyResult['period'];
}

export interface InitiativeDraft {
  readonly uid: number;
  readonly key: string;
  readonly title: string;
  /** '' for none. */
  readonly experiment: string;
  readonly keyResults: readonly string[];
  readonly impact: string;
  readonly confidence: string;
  readonly ease: string;
  readonly links: readonly string[];
}

export interface ObjectiveDraft {
  readonly uid: number;
  readonly key: string;
  readonly title: string;
  readonly keyResults: readonly KrDraft[];
  readonly initiatives: readonly InitiativeDraft[];
}

export interface OkrDraft {
  readonly objectives: readonly ObjectiveDraft[];
  /** The uid the next new item gets. */
  readonly nextUid: number;
}

/** What the form itself refuses before asking the server. */
export type FormIssueCode = 'not_a_number' | 'not_a_date';
/** Every code the editor words: the server's and its own. */
export type IssueCode = OkrIssueCode | FormIssueCode;

export type Unit = 'percent' | 'seconds';
export const unitOf = (metric: string): Unit =>
  metric === 'median_time_to_purchase' ? 'seconds' : 'percent';

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

const trim = (x: number) => String(Number(x.toFixed(6)));
const toField = (value: number, unit: Unit) => trim(unit === 'percent' ? value * 100 : value / 1000);
const fromField = (value: number, unit: Unit) =>
  unit === 'percent' ? Number((value / 100).toFixed(8)) : Math.round(value * 1000);

/** An instant as written (epoch ms or ISO text) as the value of a date input. */
export function dateField(value: number | string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? '' : isoDate(ms);
}

/**
 * The configuration as a draft to edit.
 *
 * @example okrToDraft(config).objectives[0]?.keyResults[0]?.baseline; // '70' for a baseline of 0.7
 */
export function okrToDraft(doc: OkrDocument): OkrDraft {
  let uid = 0;
  const objectives = doc.objectives.map(
    (objective): ObjectiveDraft => ({
      uid: uid++,
      key: objective.key,
      title: objective.title,
      keyResults: objective.keyResults.map((kr): KrDraft => {
        const unit = unitOf(kr.metric);
        return {
          uid: uid++,
          key: kr.key,
          metric: kr.metric,
          baseline: toField(kr.baseline, unit),
          target: toField(kr.target, unit),
          from: dateField(kr.period.from),
          to: dateField(kr.period.to),
          written: kr.period,
        };
      }),
      initiatives: (objective.initiatives ?? []).map(
        (initiative): InitiativeDraft => ({
          uid: uid++,
          key: initiative.key,
          title: initiative.title,
          experiment: initiative.experiment ?? '',
          keyResults: initiative.keyResults ?? [],
          impact: String(initiative.ice.impact),
          confidence: String(initiative.ice.confidence),
          ease: String(initiative.ice.ease),
          links: initiative.links ?? [],
        }),
      ),
    }),
  );
  return { objectives, nextUid: uid };
}

const parseNumber = (text: string): number | null => {
  const normalized = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
};

/**
 * The configuration the draft describes, and the fields that are not numbers or dates (coded, by
 * their configuration path). Blank task links are left out.
 *
 * @example
 * const { config, issues } = draftToOkr(draft);
 * if (issues.length === 0) await putOkr(token, config, lang);
 */
export function draftToOkr(draft: OkrDraft): {
  readonly config: OkrDocument;
  readonly issues: readonly Issue[];
} {
  const issues: Issue[] = [];
  const refuse = (path: string, code: FormIssueCode) =>
    issues.push({ path: path.split('.'), code, message: code });
  const number = (path: string, text: string, unit: Unit | 'integer'): number => {
    const parsed = parseNumber(text);
    if (parsed === null) {
      refuse(path, 'not_a_number');
      return Number.NaN;
    }
    return unit === 'integer' ? parsed : fromField(parsed, unit);
  };
  const date = (path: string, text: string, written: number | string | undefined): number | string => {
    if (written !== undefined && text === dateField(written)) return written;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) refuse(path, 'not_a_date');
    return text;
  };
  const objectives = draft.objectives.map((objective, o): OkrObjective => {
    const at = `objectives.${o}`;
    return {
      key: objective.key,
      title: objective.title.trim(),
      keyResults: objective.keyResults.map((kr, k): OkrKeyResult => {
        const path = `${at}.keyResults.${k}`;
        const unit = unitOf(kr.metric);
        return {
          key: kr.key.trim(),
          metric: kr.metric,
          baseline: number(`${path}.baseline`, kr.baseline, unit),
          target: number(`${path}.target`, kr.target, unit),
          period: {
            from: date(`${path}.period.from`, kr.from, kr.written?.from),
            to: date(`${path}.period.to`, kr.to, kr.written?.to),
          },
        };
      }),
      initiatives: objective.initiatives.map((initiative, i): OkrInitiative => {
        const path = `${at}.initiatives.${i}.ice`;
        return {
          key: initiative.key,
          title: initiative.title.trim(),
          ...(initiative.experiment ? { experiment: initiative.experiment } : {}),
          keyResults: initiative.keyResults,
          ice: {
            impact: number(`${path}.impact`, initiative.impact, 'integer'),
            confidence: number(`${path}.confidence`, initiative.confidence, 'integer'),
            ease: number(`${path}.ease`, initiative.ease, 'integer'),
          },
          links: initiative.links.map((link) => link.trim()).filter(Boolean),
        };
      }),
    };
  });
  return { config: { objectives }, issues };
}

/**
 * An issue in the page's language: the text for its code, or a general "invalid value" for a code the
 * dashboard does not know (never the server's English sentence).
 *
 * @example issueText(MESSAGES.pl.okr, { path: ['objectives', 0], code: 'ice_range', message: '…' });
 */
export const issueText = (
  texts: { readonly issues: Readonly<Record<string, string>>; readonly invalidValue: string },
  issue: Issue,
): string =>
  (issue.code !== undefined && Object.hasOwn(texts.issues, issue.code)
    ? texts.issues[issue.code]
    : undefined) ?? texts.invalidValue;

/**
 * A path the API names in the configuration {@link draftToOkr} wrote, as the draft's path: blank task
 * links were left out there, so a link's index moves back to its input.
 *
 * @example draftPath(draft, ['objectives', 0, 'initiatives', 0, 'links', 0]); // [..., 'links', 1] after a blank first input
 */
export function draftPath(draft: OkrDraft, path: readonly (string | number)[]): readonly (string | number)[] {
  const [, o, , i, , l] = path;
  const isLink = path[0] === 'objectives' && path[2] === 'initiatives' && path[4] === 'links';
  if (!isLink || typeof o !== 'number' || typeof i !== 'number' || typeof l !== 'number') return path;
  const links = draft.objectives[o]?.initiatives[i]?.links ?? [];
  const filled = links.flatMap((link, n) => (link.trim() ? [n] : []));
  return [...path.slice(0, 5), filled[l] ?? l, ...path.slice(6)];
}
