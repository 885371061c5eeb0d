/**
 * InPost's parcel lockers from InPost's public Points API (reference/poland.md §2.2): the ShipX
 * host `GET /v1/points` answers without a token; the newer `api.inpost.pl` wants the Parcel
 * Manager's Bearer token, which is sent when configured. Answers are cached per query (TTL, at most
 * `maxQueries` of them); when the API does not answer, the last good answer for that query is given,
 * marked stale, so the shopper never faces an empty picker.
 */
import type { PickupPoint, PickupPointAnswer, PickupPointProvider, PickupPointQuery } from '@kasa/core';
import { KasaError, validatePostcode } from '@kasa/core';
import { createAnswerCache } from './answer-cache.ts';
import { foldText } from './geo.ts';
import { INPOST_CARRIER, parseInpostPoint, parseInpostPointsPage } from './inpost-points.ts';
import { MAX_SEARCH_LIMIT, searchPickupPoints } from './search.ts';

/** ShipX's points host (no token); its sandbox holds fewer points than production. */
export const INPOST_POINTS_URLS = {
  production: 'https://api-shipx-pl.easypack24.net',
  sandbox: 'https://sandbox-api-shipx-pl.easypack24.net',
} as const;

/** How far around coordinates lockers are looked for, in metres. */
export const NEAR_RADIUS_M = 10_000;

export interface InpostPickupOptions {
  /** Without a trailing slash; `/v1/points` is appended. Default: production ShipX. */
  readonly baseUrl?: string;
  /** Parcel Manager's API token, for the hosts that want one (`api.inpost.pl`). Never logged. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
  /** The clock of the cache. */
  readonly now?: () => number;
  /** How long an answer is used without asking InPost again. Default 10 minutes. */
  readonly ttlMs?: number;
  /** How many searches are remembered (and points, 20 times as many). Default 500. */
  readonly maxQueries?: number;
  /** How long InPost may take to answer. Default 4 s. */
  readonly timeoutMs?: number;
  /** Ids and codes only. */
  readonly log?: (level: 'warn', fields: Record<string, unknown>, message: string) => void;
}

export interface InpostPickupProvider extends PickupPointProvider {
  readonly carrier: typeof INPOST_CARRIER;
  searchAnswer(q: PickupPointQuery): Promise<PickupPointAnswer>;
}

/** An InPost point id, e.g. KRA010 or KZY01APP: 3 letters, 2 digits, then letters or digits. */
const POINT_ID = /^[A-Z]{3}\d{2}[A-Z0-9]{0,10}$/i;

const offered = (point: PickupPoint) => point.status === 'operating' && point.type === 'parcel_locker';

/** What is asked of InPost for a query: the criterion the API understands, and the cache key. */
function plan(q: PickupPointQuery): { params: URLSearchParams; key: string } | undefined {
  const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(q.limit)));
  const params = new URLSearchParams({
    type: 'parcel_locker',
    status: 'Operating',
    functions: 'parcel_collect',
    per_page: String(limit),
  });
  const text = q.query?.trim().replace(/\s+/g, ' ') ?? '';
  if (q.near) {
    // About 100 m of rounding: shoppers a street apart share an answer.
    const lat = q.near.lat.toFixed(3);
    const lng = q.near.lng.toFixed(3);
    params.set('relative_point', `${lat},${lng}`);
    params.set('max_distance', String(NEAR_RADIUS_M));
    params.set('sort_by', 'distance_to_relative_point');
    return { params, key: `near:${lat},${lng}:${limit}` };
  }
  if (q.postcode !== undefined) {
    const postcode = validatePostcode(q.postcode);
    if (!postcode.ok) return undefined;
    params.set('relative_post_code', postcode.value);
    params.set('sort_by', 'distance_to_relative_point');
    return { params, key: `postcode:${postcode.value}:${limit}` };
  }
  if (text === '') return undefined;
  if (POINT_ID.test(text)) {
    params.set('name', text.toUpperCase());
    return { params, key: `name:${text.toUpperCase()}:${limit}` };
  }
  params.set('city', text);
  params.set('sort_by', 'name');
  return { params, key: `city:${foldText(text)}:${limit}` };
}

/**
 * @example
 * const pickup = createInpostPickupProvider({ baseUrl: INPOST_POINTS_URLS.sandbox });
 * await pickup.search({ postcode: '31-564', limit: 10 }); // operating lockers, nearest first
 * await pickup.searchAnswer({ query: 'Kraków', limit: 10 }); // { points, stale? }
 * await pickup.get('KRA010'); // also when out of service (status 'disabled'); undefined when unknown
 */
export function createInpostPickupProvider(options: InpostPickupOptions = {}): InpostPickupProvider {
  const baseUrl = (options.baseUrl ?? INPOST_POINTS_URLS.production).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxQueries = options.maxQueries ?? 500;
  const timeoutMs = options.timeoutMs ?? 4_000;
  const cacheOptions = { ttlMs, ...(options.now ? { now: options.now } : {}) };
  const answers = createAnswerCache<PickupPoint[]>({ ...cacheOptions, max: maxQueries });
  // Every point seen, by id: get() after a search asks InPost nothing, and answers while it is down.
  const points = createAnswerCache<PickupPoint>({ ...cacheOptions, max: maxQueries * 20 });
  const inFlight = new Map<string, Promise<PickupPoint[]>>();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  async function call(path: string): Promise<Response> {
    return doFetch(`${baseUrl}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
  }

  const unavailable = (operation: string, cause: unknown) => {
    options.log?.(
      'warn',
      { carrier: INPOST_CARRIER, operation, error: cause instanceof Error ? cause.message : String(cause) },
      'InPost Points API did not answer; serving the last good answer where there is one',
    );
    return new KasaError('upstream_unavailable', { details: { carrier: INPOST_CARRIER, operation }, cause });
  };

  async function fetchSearch(params: URLSearchParams): Promise<PickupPoint[]> {
    const response = await call(`/v1/points?${params}`);
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const found = parseInpostPointsPage(await response.json()).filter(offered);
    for (const point of found) points.set(point.id.toUpperCase(), point);
    return found;
  }

  /** The nearest offered points among those seen before, for a query InPost never answered. */
  function fromKnown(q: PickupPointQuery): PickupPointAnswer | undefined {
    const known = [...points.values()];
    const found = searchPickupPoints(known.map((entry) => entry.value).filter(offered), q);
    if (found.length === 0) return undefined;
    const ids = new Set(found.map((point) => point.id));
    const oldest = Math.min(...known.filter((e) => ids.has(e.value.id)).map((e) => e.fetchedAt));
    return { points: found, stale: { fetchedAt: new Date(oldest).toISOString() } };
  }

  async function searchAnswer(q: PickupPointQuery): Promise<PickupPointAnswer> {
    const planned = plan(q);
    if (!planned) return { points: [] };
    const fresh = answers.fresh(planned.key);
    if (fresh) return { points: structuredClone(fresh.value) };
    let pending = inFlight.get(planned.key);
    if (!pending) {
      pending = fetchSearch(planned.params).finally(() => inFlight.delete(planned.key));
      inFlight.set(planned.key, pending);
    }
    try {
      const found = await pending;
      answers.set(planned.key, found);
      return { points: structuredClone(found) };
    } catch (error) {
      const failure = unavailable('search', error);
      const last = answers.last(planned.key);
      if (last) {
        return {
          points: structuredClone(last.value),
          stale: { fetchedAt: new Date(last.fetchedAt).toISOString() },
        };
      }
      const known = fromKnown(q);
      if (known) return known;
      throw failure;
    }
  }

  return {
    carrier: INPOST_CARRIER,
    searchAnswer,
    async search(q) {
      return (await searchAnswer(q)).points;
    },
    async get(id) {
      const name = id.trim().toUpperCase();
      if (!POINT_ID.test(name)) return undefined;
      const fresh = points.fresh(name);
      if (fresh) return structuredClone(fresh.value);
      try {
        const response = await call(`/v1/points/${encodeURIComponent(name)}`);
        if (response.status === 404) {
          await response.body?.cancel();
          points.delete(name);
          return undefined;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new Error(`HTTP ${response.status}`);
        }
        const body: unknown = await response.json();
        let point: PickupPoint;
        try {
          point = parseInpostPoint(body);
        } catch {
          // Not a Polish InPost point (e.g. an Italian one): nothing a shopper here can choose.
          return undefined;
        }
        points.set(name, point);
        return structuredClone(point);
      } catch (error) {
        // A point seen operating earlier stays choosable while InPost is down.
        const last = points.last(name);
        if (last) return structuredClone(last.value);
        throw unavailable('get', error);
      }
    },
  };
}
