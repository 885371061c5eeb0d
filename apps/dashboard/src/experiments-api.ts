/**
 * The dashboard's calls that control experiments (GET/POST/PATCH /api/analytics/experiments…), each
 * an {@link ApiResult} through the shared `request`, in the page's language so errors come back in it.
 */
import { type ApiResult, request } from './api.ts';

export type ExperimentStatus = 'draft' | 'running' | 'stopped' | 'shipped';
export type TemplateKey = 'checkout-layout' | 'payment-order' | 'delivery-order';
export type AuditAction = 'seeded' | 'created' | 'started' | 'stopped' | 'shipped' | 'changed';
export type AuditActor = 'config' | 'dashboard' | 'cli';
type Lang = 'pl' | 'en';

/** An experiment as the server stores it (weights sum to 1, coverage and mde as shares). */
export interface ControlledExperiment {
  readonly key: string;
  readonly variations: readonly string[];
  readonly weights: readonly number[];
  readonly coverage: number;
  readonly status: ExperimentStatus;
  readonly shipped?: string;
  /** The start of the current phase, 'YYYY-MM-DD'. */
  readonly startDate: string;
  readonly kr: string;
  readonly alpha: number;
  readonly mde?: number;
  readonly power?: number;
  /** 1 when absent. */
  readonly phase?: number;
  readonly template: TemplateKey | null;
}

export interface ExperimentTemplate {
  readonly key: TemplateKey;
  readonly variations: readonly string[];
}

/** One change, newest first in the list. */
export interface AuditEntry {
  /** Epoch ms. */
  readonly at: number;
  readonly experiment: string;
  readonly action: AuditAction;
  readonly actor: AuditActor;
  /** What changed: `{ template }`, `{ phase, startDate }`, `{ variation }`, `{ changed: { weights: { from, to } }, phase? }`. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface ExperimentsState {
  readonly experiments: readonly ControlledExperiment[];
  readonly templates: readonly ExperimentTemplate[];
  readonly audit: readonly AuditEntry[];
}

/** What a new experiment takes: shares (0–1) for weights, coverage and mde. */
export interface CreateBody {
  readonly template: TemplateKey;
  readonly key?: string;
  readonly kr: string;
  readonly weights?: readonly number[];
  readonly coverage?: number;
  readonly mde?: number;
}

export type ChangeBody = Partial<Pick<CreateBody, 'kr' | 'weights' | 'coverage' | 'mde'>>;

/** An answer as {@link ApiResult}, an error also carrying the server's `details` (why a 409 refused). */
export type ControlResult<T> =
  | Exclude<ApiResult<T>, { readonly kind: 'error' }>
  | (Extract<ApiResult<T>, { readonly kind: 'error' }> & {
      readonly details: Readonly<Record<string, unknown>>;
    });

/**
 * `request`, keeping the error's `details` (`{ reason: 'template_running', running: 'checkout-layout' }`)
 * that ApiResult leaves out, so the page can say what to do.
 */
async function send<T>(path: string, token: string, init: RequestInit & { readonly lang: Lang }) {
  let details: Record<string, unknown> = {};
  const keepDetails = async (input: string, options?: RequestInit) => {
    const response = await fetch(input, options);
    if (!response.ok) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      const found = (body as { error?: { details?: unknown } } | null)?.error?.details;
      if (found && typeof found === 'object') details = found as Record<string, unknown>;
    }
    return response;
  };
  const result = await request<T>(path, token, init, keepDetails);
  return (result.kind === 'error' ? { ...result, details } : result) as ControlResult<T>;
}

const BASE = '/api/analytics/experiments';
const path = (key: string, action?: string) =>
  `${BASE}/${encodeURIComponent(key)}${action ? `/${action}` : ''}`;
const post = (body?: unknown): RequestInit =>
  body === undefined ? { method: 'POST' } : { method: 'POST', body: JSON.stringify(body) };

/**
 * The experiments, the templates a new one can follow and the audit list.
 *
 * @example const r = await getExperiments(token, 'pl'); if (r.kind === 'ok') r.data.audit[0]?.action;
 */
export const getExperiments = (token: string, lang: Lang) => send<ExperimentsState>(BASE, token, { lang });

/** A draft from a template. @example await createExperiment(token, { template: 'payment-order', kr: 'payments' }, 'pl'); */
export const createExperiment = (token: string, body: CreateBody, lang: Lang) =>
  send<ControlledExperiment>(BASE, token, { ...post(body), lang });

/** KR, weights, coverage or MDE; weights or coverage of a started experiment start a new phase. */
export const changeExperiment = (token: string, key: string, body: ChangeBody, lang: Lang) =>
  send<ControlledExperiment>(path(key), token, { method: 'PATCH', body: JSON.stringify(body), lang });

/** Start or stop. @example await runExperiment(token, 'payment-order', 'start', 'pl'); */
export const runExperiment = (token: string, key: string, action: 'start' | 'stop', lang: Lang) =>
  send<ControlledExperiment>(path(key, action), token, { ...post(), lang });

/** Everyone gets `variation` from now on. */
export const shipExperiment = (token: string, key: string, variation: string, lang: Lang) =>
  send<ControlledExperiment>(path(key, 'ship'), token, { ...post({ variation }), lang });
