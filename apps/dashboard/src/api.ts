/**
 * The dashboard's calls to the Kasa API, with the merchant token as a Bearer header. Every answer
 * becomes an {@link ApiResult}, so screens branch on `kind` instead of catching.
 */
import type { DashboardReport } from './report.ts';
import { reportQuery, type View } from './url-state.ts';

export interface Issue {
  readonly path: readonly (string | number)[];
  /** The issue's stable code ('ice_range'), for the dashboard to word it in the page's language. */
  readonly code?: string;
  readonly message: string;
}

export type ApiResult<T> =
  | { readonly kind: 'ok'; readonly data: T }
  | { readonly kind: 'unauthorized'; readonly message: string | null }
  | {
      readonly kind: 'error';
      readonly status: number;
      /** The server's message in the page's language, and its (English) note on what to do. */
      readonly message: string | null;
      readonly merchantMessage: string | null;
      readonly issues: readonly Issue[];
    };

/**
 * The server's error body: `{ error: { code, message, merchantMessage, details?: { issues? } } }`,
 * `message` in the language asked for, each issue's path dotted (`objectives.0.keyResults.0.target`).
 */
interface ErrorBody {
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly merchantMessage?: string;
    readonly details?: {
      readonly issues?: readonly {
        readonly path?: unknown;
        readonly code?: unknown;
        readonly message?: unknown;
      }[];
    };
  };
}

/** Issues with their dotted paths split back into keys and indexes. */
function issuesOf(error: ErrorBody['error']): Issue[] {
  const issues = error?.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue) => ({
    path: String(issue.path ?? '')
      .split('.')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    ...(typeof issue.code === 'string' ? { code: issue.code } : {}),
    message: String(issue.message ?? ''),
  }));
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * One JSON request; network failures become `{ kind: 'error', status: 0 }`.
 *
 * @example
 * const r = await request<{ objectives: unknown[] }>('/api/analytics/okr', token);
 * if (r.kind === 'unauthorized') showSignIn();
 */
export async function request<T>(
  path: string,
  token: string,
  init: RequestInit & { readonly lang?: 'pl' | 'en' } = {},
  fetchImpl: Fetch = (input, options) => fetch(input, options),
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      ...init,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(init.lang ? { 'accept-language': init.lang } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { kind: 'error', status: 0, merchantMessage: null, message: null, issues: [] };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { kind: 'ok', data: body as T };
  const error = (body as ErrorBody | null)?.error;
  if (response.status === 401) return { kind: 'unauthorized', message: error?.message ?? null };
  return {
    kind: 'error',
    status: response.status,
    message: error?.message ?? null,
    merchantMessage: error?.merchantMessage ?? null,
    issues: issuesOf(error),
  };
}

export const getReport = (view: View, token: string, signal?: AbortSignal) =>
  request<DashboardReport>(`/api/analytics/report${reportQuery(view)}`, token, {
    lang: view.lang,
    ...(signal ? { signal } : {}),
  });

/** The OKR configuration as the merchant wrote it: `{ objectives: [...] }`. */
export type OkrDocument = { readonly objectives: readonly OkrObjective[] } & Record<string, unknown>;
export interface OkrObjective {
  readonly key: string;
  readonly title: string;
  readonly keyResults: readonly OkrKeyResult[];
  readonly initiatives?: readonly OkrInitiative[];
}
export interface OkrKeyResult {
  readonly key: string;
  readonly metric: string;
  readonly baseline: number;
  readonly target: number;
  /** Epoch ms or ISO date strings, as written. */
  readonly period: { readonly from: number | string; readonly to: number | string };
}
export interface OkrInitiative {
  readonly key: string;
  readonly title: string;
  readonly experiment?: string;
  readonly keyResults?: readonly string[];
  readonly ice: { readonly impact: number; readonly confidence: number; readonly ease: number };
  /** Task links (Jira, Trello, GitLab…). */
  readonly links?: readonly string[];
}

/** An alert about money from `GET /api/alerts` (apps/server/src/checkout/alerts.ts), ids only. */
export interface MerchantAlert {
  readonly code: 'order_unconfirmed' | 'refund_due' | 'payment_refunded' | 'refund_failed' | 'refund_pending';
  readonly checkoutId: string;
  readonly orderId: string;
  readonly paymentId: string;
  readonly provider: string;
  readonly providerRef?: string;
  readonly since: string;
  /** Who asked for the refund; absent for Kasa's own refund of an order the shop never confirmed. */
  readonly requestedBy?: 'shop_webhook' | 'merchant';
  /** The provider's id of the refund. */
  readonly refundRef?: string;
  /** Why the last try failed, as an error code. */
  readonly cause?: string;
}

export const getAlerts = (token: string, fetchImpl?: Fetch) =>
  request<{ alerts: MerchantAlert[] }>('/api/alerts', token, {}, fetchImpl);

export const getOkr = (token: string, lang: 'pl' | 'en') =>
  request<OkrDocument>('/api/analytics/okr', token, { lang });

export const putOkr = (token: string, config: OkrDocument, lang: 'pl' | 'en') =>
  request<OkrDocument>('/api/analytics/okr', token, { method: 'PUT', body: JSON.stringify(config), lang });
