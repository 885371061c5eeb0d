/**
 * The experiment controls' logic, apart from React and the network: which actions a status allows,
 * the settings form's fields and the request bodies made from them (weights, coverage and MDE edited
 * as percentages), the audit entry as a sentence, and the winner the report suggests shipping.
 * Pure: tested in experiment-controls.test.ts.
 */
import type { Issue } from './api.ts';
import type {
  AuditEntry,
  ChangeBody,
  ControlledExperiment,
  CreateBody,
  ExperimentStatus,
  TemplateKey,
} from './experiments-api.ts';
import { formatDate, type Locale } from './format.ts';
import type { ExperimentControlsMessages } from './messages/experiment-controls.ts';
import type { ExperimentResults } from './report.ts';

export interface Allowed {
  readonly start: boolean;
  readonly stop: boolean;
  readonly ship: boolean;
  readonly edit: boolean;
}

/**
 * What the merchant may do with an experiment in this status: start a draft or a stopped one, stop a
 * running one (or take back a shipped winner, which stops it), ship a running or stopped one, change
 * anything not yet shipped.
 *
 * @example allowedActions('running'); // { start: false, stop: true, ship: true, edit: true }
 */
export function allowedActions(status: ExperimentStatus): Allowed {
  return {
    start: status === 'draft' || status === 'stopped',
    stop: status === 'running' || status === 'shipped',
    ship: status === 'running' || status === 'stopped',
    edit: status !== 'shipped',
  };
}

/** The settings as typed: one weight per variation, all percentages as text. */
export interface SettingsFields {
  readonly kr: string;
  readonly weights: readonly string[];
  readonly coverage: string;
  readonly mde: string;
}

/** The create form: the settings plus the template and an optional key. */
export interface CreateFields extends SettingsFields {
  readonly template: TemplateKey;
  readonly key: string;
}

/** The MDE a planned experiment uses when none is set (@kasa/experiments' default). */
export const DEFAULT_MDE = 0.05;

/**
 * A share as a percentage to type over, at most two decimals, with the locale's decimal mark.
 *
 * @example percentField(0.125, 'pl'); // '12,5'
 */
export function percentField(share: number, lang: Locale): string {
  const text = String(Number((share * 100).toFixed(2)));
  return lang === 'pl' ? text.replace('.', ',') : text;
}

/** A typed number ('12,5', ' 70 ', '12.5'); null when it is not one. */
export function parseNumber(text: string): number | null {
  const normalized = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
}

/**
 * The fields of an existing experiment.
 *
 * @example settingsFields({ ...experiment, weights: [0.7, 0.3], coverage: 1 }, 'pl').weights; // ['70', '30']
 */
export function settingsFields(experiment: ControlledExperiment, lang: Locale): SettingsFields {
  return {
    kr: experiment.kr,
    weights: experiment.weights.map((w) => percentField(w, lang)),
    coverage: percentField(experiment.coverage, lang),
    mde: percentField(experiment.mde ?? DEFAULT_MDE, lang),
  };
}

/**
 * A new experiment's fields: an even split, all traffic, the default MDE.
 *
 * @example createFields('payment-order', 2, 'payments', 'pl'); // weights ['50', '50'], coverage '100', mde '5'
 */
export function createFields(
  template: TemplateKey,
  variations: number,
  kr: string,
  lang: Locale,
): CreateFields {
  const even = Array.from({ length: variations }, () => percentField(1 / variations, lang));
  return { template, key: '', kr, weights: even, coverage: '100', mde: percentField(DEFAULT_MDE, lang) };
}

type Validation = ExperimentControlsMessages['validation'];
const share = (percent: number) => Number((percent / 100).toFixed(6));

/** The settings as shares (0–1), with an issue per field that is not a valid percentage. */
function parseSettings(fields: SettingsFields, v: Validation, lang: Locale) {
  const issues: Issue[] = [];
  const weights = fields.weights.map((text, i) => {
    const n = parseNumber(text);
    if (n === null) issues.push({ path: ['weights', i], message: v.notANumber });
    else if (n < 0 || n > 100) issues.push({ path: ['weights', i], message: v.weightRange });
    return n;
  });
  if (issues.length === 0) {
    const total = weights.reduce<number>((sum, w) => sum + (w ?? 0), 0);
    if (total === 0) issues.push({ path: ['weights'], message: v.weightsZero });
    else if (Math.abs(total - 100) > 0.01) {
      const shown = String(Number(total.toFixed(2)));
      issues.push({
        path: ['weights'],
        message: v.weightsSum(lang === 'pl' ? shown.replace('.', ',') : shown),
      });
    }
  }
  const coverage = parseNumber(fields.coverage);
  if (coverage === null) issues.push({ path: ['coverage'], message: v.notANumber });
  else if (coverage <= 0 || coverage > 100) issues.push({ path: ['coverage'], message: v.coverageRange });
  const mde = parseNumber(fields.mde);
  if (mde === null) issues.push({ path: ['mde'], message: v.notANumber });
  else if (mde <= 0 || mde >= 100) issues.push({ path: ['mde'], message: v.mdeRange });
  if (!fields.kr.trim()) issues.push({ path: ['kr'], message: v.krRequired });
  return {
    issues,
    kr: fields.kr.trim(),
    weights: weights.map((w) => share(w ?? 0)),
    coverage: share(coverage ?? 0),
    mde: share(mde ?? 0),
  };
}

/** The server's rule for a key (apps/server/src/http/experiment-routes.ts). */
const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The body of POST /api/analytics/experiments, or the fields' issues (then `body` is null).
 *
 * @example
 * createBody({ template: 'payment-order', key: '', kr: 'payments', weights: ['70', '30'], coverage: '100', mde: '10' }, v, 'pl').body;
 * // { template: 'payment-order', kr: 'payments', weights: [0.7, 0.3], coverage: 1, mde: 0.1 }
 */
export function createBody(
  fields: CreateFields,
  v: Validation,
  lang: Locale,
): { readonly body: CreateBody | null; readonly issues: readonly Issue[] } {
  const { issues, kr, weights, coverage, mde } = parseSettings(fields, v, lang);
  const key = fields.key.trim();
  const all = key && !KEY.test(key) ? [{ path: ['key'], message: v.keyInvalid }, ...issues] : issues;
  if (all.length) return { body: null, issues: all };
  return {
    body: { template: fields.template, ...(key ? { key } : {}), kr, weights, coverage, mde },
    issues: [],
  };
}

/**
 * The body of PATCH /api/analytics/experiments/:key with only the fields the merchant changed (as
 * typed against `before`), or the issues; `newPhase` when the change starts a new phase (weights or
 * coverage of an experiment that has started).
 *
 * @example
 * changeBody(experiment, before, { ...before, weights: ['60', '40'] }, v, 'pl');
 * // { body: { weights: [0.6, 0.4] }, issues: [], newPhase: true } for a running experiment
 */
export function changeBody(
  experiment: Pick<ControlledExperiment, 'status'>,
  before: SettingsFields,
  fields: SettingsFields,
  v: Validation,
  lang: Locale,
): { readonly body: ChangeBody | null; readonly issues: readonly Issue[]; readonly newPhase: boolean } {
  const parsed = parseSettings(fields, v, lang);
  if (parsed.issues.length) return { body: null, issues: parsed.issues, newPhase: false };
  const weightsChanged = fields.weights.some((w, i) => w.trim() !== before.weights[i]);
  const body: ChangeBody = {
    ...(fields.kr.trim() !== before.kr ? { kr: parsed.kr } : {}),
    ...(weightsChanged ? { weights: parsed.weights } : {}),
    ...(fields.coverage.trim() !== before.coverage ? { coverage: parsed.coverage } : {}),
    ...(fields.mde.trim() !== before.mde ? { mde: parsed.mde } : {}),
  };
  const newPhase = hasStarted(experiment.status) && ('weights' in body || 'coverage' in body);
  return { body, issues: [], newPhase };
}

/** Whether the experiment has had traffic (so a change of split starts a new phase). */
export const hasStarted = (status: ExperimentStatus): boolean => status === 'running' || status === 'stopped';

/**
 * The field an issue belongs to: 'weights.0' for the first weight, 'weights' for their sum, else
 * the first part of its path ('kr', 'coverage', 'mde', 'key', 'template').
 *
 * @example issueField({ path: ['weights', 1], message: '…' }); // 'weights.1'
 */
export function issueField(issue: Issue): string {
  const [head, next] = issue.path;
  if (head === 'weights' && typeof next === 'number') return `weights.${next}`;
  return String(head ?? '');
}

/** Messages of the issues that belong to a field. */
export const issuesAt = (issues: readonly Issue[], field: string): string[] =>
  issues.filter((issue) => issueField(issue) === field).map((issue) => issue.message);

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * When a change happened, on the merchant's clock: '12.11 14:03' / '12 Nov 14:03'. `offsetMinutes`
 * is `Date#getTimezoneOffset()` of that instant (−60 in Warsaw in winter).
 *
 * @example auditTime(Date.UTC(2026, 10, 12, 13, 3), -60, 'pl'); // '12.11 14:03'
 */
export function auditTime(at: number, offsetMinutes: number, lang: Locale): string {
  const d = new Date(at - offsetMinutes * 60_000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return lang === 'pl'
    ? `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)} ${time}`
    : `${d.getUTCDate()} ${MONTHS_EN[d.getUTCMonth()]} ${time}`;
}

const percents = (value: unknown, lang: Locale): string => {
  if (typeof value === 'number') return `${percentField(value, lang)}%`;
  if (Array.isArray(value)) return value.map((v) => percents(v, lang)).join(' / ');
  return String(value);
};

/**
 * What an audit entry's detail says, in words: the template a draft came from, the phase a start or
 * a change of split began, who gets what after shipping, each changed setting from → to.
 *
 * @example
 * auditDetail({ action: 'changed', detail: { changed: { weights: { from: [0.5, 0.5], to: [0.7, 0.3] } }, phase: 2, startDate: '2026-12-05' } }, m, 'pl');
 * // 'wagi 50% / 50% → 70% / 30%, faza 2 od 5 gru 2026'
 */
export function auditDetail(
  entry: Pick<AuditEntry, 'action' | 'detail'>,
  m: ExperimentControlsMessages,
  lang: Locale,
): string {
  const detail = entry.detail ?? {};
  const d = m.auditDetail;
  const phase =
    typeof detail.phase === 'number' && typeof detail.startDate === 'string'
      ? d.phase(String(detail.phase), formatDate(Date.parse(`${detail.startDate}T00:00:00Z`), lang))
      : null;
  switch (entry.action) {
    case 'created':
      return typeof detail.template === 'string' ? d.template(detail.template) : '';
    case 'started':
      return phase ?? '';
    case 'shipped':
      return typeof detail.variation === 'string' ? d.everyone(detail.variation) : '';
    case 'stopped':
      return typeof detail.unshipped === 'string' ? d.unshipped(detail.unshipped) : '';
    case 'changed': {
      const changed = (detail.changed ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
      const parts = Object.entries(changed).map(([name, { from, to }]) => {
        const show = (value: unknown) =>
          value === null || value === undefined
            ? d.defaultMde
            : name === 'kr'
              ? String(value)
              : percents(value, lang);
        return `${d.fields[name] ?? name} ${show(from)} → ${show(to)}`;
      });
      return [...parts, ...(phase ? [phase] : [])].join(', ');
    }
    default:
      return '';
  }
}

/**
 * An audit entry as a sentence.
 *
 * @example
 * auditSentence({ at: Date.UTC(2026, 10, 12, 13, 3), experiment: 'checkout-layout', action: 'stopped', actor: 'dashboard', detail: {} }, m, -60, 'pl');
 * // '12.11 14:03 — checkout-layout: zatrzymany (panel)'
 */
export function auditSentence(
  entry: AuditEntry,
  m: ExperimentControlsMessages,
  offsetMinutes: number,
  lang: Locale,
): string {
  const action = m.audit.actions[entry.action] ?? entry.action;
  const actor = m.audit.actors[entry.actor] ?? entry.actor;
  const detail = auditDetail(entry, m, lang);
  return `${auditTime(entry.at, offsetMinutes, lang)} — ${entry.experiment}: ${action}${detail ? `, ${detail}` : ''} (${actor})`;
}

/**
 * The variation the report's verdict says won, when it names one of the experiment's variations;
 * null while the results do not decide (the merchant then chooses).
 *
 * @example suggestedWinner(experiment, report.experiments); // 'blik-among-others'
 */
export function suggestedWinner(
  experiment: Pick<ControlledExperiment, 'key' | 'variations'>,
  results: readonly Pick<ExperimentResults, 'key' | 'verdict'>[],
): { readonly variation: string; readonly verdict: ExperimentResults['verdict'] } | null {
  const found = results.find((r) => r.key === experiment.key);
  const verdict = found?.verdict;
  if (!verdict || (verdict.kind !== 'winner' && verdict.kind !== 'control-wins')) return null;
  const { variation } = verdict;
  return variation && experiment.variations.includes(variation) ? { variation, verdict } : null;
}

/**
 * Why the server refused, in words that say what to do, from the error's `details`; null when its
 * message says enough.
 *
 * @example refusalReason({ reason: 'template_running', running: 'checkout-layout' }, m); // 'Eksperyment checkout-layout …'
 */
export function refusalReason(
  details: Readonly<Record<string, unknown>>,
  m: ExperimentControlsMessages,
): string | null {
  if (details.reason === 'template_running' && typeof details.running === 'string') {
    return m.reasons.templateRunning(details.running);
  }
  if (details.reason === 'template_shipped' && typeof details.shipped === 'string') {
    return m.reasons.templateShipped(details.shipped);
  }
  if (details.reason === 'key_taken' && typeof details.key === 'string')
    return m.reasons.keyTaken(details.key);
  return null;
}

/**
 * A variation as the merchant reads it: its name in the page language with the configured name.
 *
 * @example variationLabel('blik-first', m); // 'BLIK na początku (blik-first)'
 */
export function variationLabel(variation: string, m: ExperimentControlsMessages): string {
  const name = m.variations[variation];
  return name ? `${name} (${variation})` : variation;
}
