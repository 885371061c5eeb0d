/**
 * The dashboard's view (date range, filters, language) as a URL query, so a link reproduces what the
 * merchant saw, and the merchant token taken from the URL fragment. Pure: tested in url-state.test.ts.
 */
import type { Locale } from './format.ts';

export const VARIANTS = ['one-page', 'multi-step'] as const;
export const DEVICES = ['mobile', 'tablet', 'desktop'] as const;
export type Device = (typeof DEVICES)[number];
export type Touch = 'first' | 'last';

export interface View {
  /** Inclusive UTC dates, YYYY-MM-DD; absent for an open range. */
  readonly from?: string;
  readonly to?: string;
  readonly variant?: string;
  readonly device?: Device;
  readonly source?: string;
  /** Which touch the source filter and the channel table use; 'last' by default. */
  readonly touch: Touch;
  /**
   * Which checkouts: real ones only when absent (the default, as the API's), only simulated ones
   * (true) or both ('both').
   */
  readonly simulated?: true | 'both';
  readonly lang: Locale;
}

export const DEFAULT_VIEW: View = { touch: 'last', lang: 'pl' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | null): s is string =>
  s !== null && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
// Sources are UTM values: keep them short and printable, as the API does.
const isSource = (s: string | null): s is string => s !== null && s.length > 0 && s.length <= 100;

/**
 * The view in a query string; unknown or malformed values fall back to the defaults.
 *
 * @example
 * parseView('?from=2026-01-01&device=mobile&lang=en'); // { from: '2026-01-01', device: 'mobile', touch: 'last', lang: 'en' }
 */
export function parseView(search: string): View {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  const variant = q.get('variant');
  const device = q.get('device');
  const source = q.get('source');
  const simulated = q.get('simulated');
  return {
    ...(isDate(from) ? { from } : {}),
    ...(isDate(to) ? { to } : {}),
    ...(variant !== null && (VARIANTS as readonly string[]).includes(variant) ? { variant } : {}),
    ...(device !== null && (DEVICES as readonly string[]).includes(device)
      ? { device: device as Device }
      : {}),
    ...(isSource(source) ? { source } : {}),
    touch: q.get('touch') === 'first' ? 'first' : 'last',
    // 'false' (real only) is the default, written by older links.
    ...(simulated === 'true' ? { simulated: true } : simulated === 'both' ? { simulated: 'both' } : {}),
    lang: q.get('lang') === 'en' ? 'en' : 'pl',
  };
}

/** The filter parameters in a fixed order, shared by the page URL and the API query. */
function filterParams(view: View): URLSearchParams {
  const q = new URLSearchParams();
  if (view.from) q.set('from', view.from);
  if (view.to) q.set('to', view.to);
  if (view.variant) q.set('variant', view.variant);
  if (view.device) q.set('device', view.device);
  if (view.source) q.set('source', view.source);
  if (view.touch === 'first') q.set('touch', 'first');
  if (view.simulated !== undefined) q.set('simulated', String(view.simulated));
  return q;
}

const withQuestionMark = (q: URLSearchParams) => {
  const text = q.toString();
  return text ? `?${text}` : '';
};

/**
 * The page's query for a view, defaults left out ('' for the default view).
 *
 * @example viewToSearch({ device: 'mobile', touch: 'last', lang: 'en' }); // '?device=mobile&lang=en'
 */
export function viewToSearch(view: View): string {
  const q = filterParams(view);
  if (view.lang !== 'pl') q.set('lang', view.lang);
  return withQuestionMark(q);
}

/**
 * GET /api/analytics/report's query for a view (no language: the report carries both).
 *
 * @example reportQuery({ from: '2026-01-01', touch: 'first', lang: 'pl' }); // '?from=2026-01-01&touch=first'
 */
export const reportQuery = (view: View): string => withQuestionMark(filterParams(view));

/** The view with one setting changed; `undefined` removes a filter. */
export function updateView<K extends keyof View>(view: View, key: K, value: View[K] | undefined): View {
  const next: Record<string, unknown> = { ...view };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return { ...DEFAULT_VIEW, ...(next as Partial<View>) };
}

/** The view without filters or range, keeping the language. */
export const clearFilters = (view: View): View => ({ ...DEFAULT_VIEW, lang: view.lang });

/** True when any filter, range or the first-touch setting is set. */
export const hasFilters = (view: View): boolean => reportQuery(view) !== '';

/**
 * Takes `token=…` out of a URL fragment (`#token=XYZ`), returning it and the fragment that remains.
 *
 * @example takeToken('#token=abc&x=1'); // { token: 'abc', hash: '#x=1' }
 */
export function takeToken(hash: string): { readonly token: string | null; readonly hash: string } {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const token = q.get('token');
  if (token === null) return { token: null, hash };
  q.delete('token');
  const rest = q.toString();
  return { token: token.trim() || null, hash: rest ? `#${rest}` : '' };
}
