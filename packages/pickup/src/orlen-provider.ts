/**
 * ORLEN Paczka's pickup points through the same port as InPost's: ORLEN Paczka sends its whole list
 * in one answer (no search by postcode or place), so the list is kept in memory (one list: bounded)
 * for a TTL and searched here. When the service does not answer, the last list is used, marked
 * stale; only before any list arrived is the carrier unavailable.
 */
import type { PickupPoint, PickupPointAnswer, PickupPointProvider, PickupPointQuery } from '@kasa/core';
import { KasaError } from '@kasa/core';
import { createAnswerCache } from './answer-cache.ts';
import { ORLEN_CARRIER, orlenPointsRequest, parseOrlenPoints } from './orlen-points.ts';
import { searchPickupPoints } from './search.ts';

/** The web service's addresses, as the public clients use them. */
export const ORLEN_POINTS_URLS = {
  production: 'https://api.orlenpaczka.pl/WebServicePwRProd/WebServicePwR.asmx',
  sandbox: 'https://api-test.orlenpaczka.pl/WebServicePwR/WebServicePwR.asmx',
} as const;

export interface OrlenPickupOptions {
  /** The service's address (…/WebServicePwR.asmx). Default: production. */
  readonly url?: string;
  readonly partnerId: string;
  /** Never logged. */
  readonly partnerKey: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** How long a list is used before it is asked for again. Default 6 hours. */
  readonly ttlMs?: number;
  /** The list is large; default 15 s. */
  readonly timeoutMs?: number;
  readonly log?: (level: 'warn', fields: Record<string, unknown>, message: string) => void;
}

export interface OrlenPickupProvider extends PickupPointProvider {
  readonly carrier: typeof ORLEN_CARRIER;
  searchAnswer(q: PickupPointQuery): Promise<PickupPointAnswer>;
}

interface PointList {
  readonly points: readonly PickupPoint[];
  readonly byId: ReadonlyMap<string, PickupPoint>;
}

/**
 * @example
 * const pickup = createOrlenPickupProvider({ partnerId: '…', partnerKey: '…' });
 * await pickup.search({ postcode: '03-236', limit: 10 });
 * await pickup.get('WS-100001-27-26');
 */
export function createOrlenPickupProvider(options: OrlenPickupOptions): OrlenPickupProvider {
  const url = options.url ?? ORLEN_POINTS_URLS.production;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const lists = createAnswerCache<PointList>({
    ttlMs: options.ttlMs ?? 6 * 60 * 60_000,
    max: 1,
    ...(options.now ? { now: options.now } : {}),
  });
  let pending: Promise<PointList> | undefined;

  async function download(): Promise<PointList> {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      body: orlenPointsRequest(options.partnerId, options.partnerKey),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok && !text.includes('<PointPwR')) throw new Error(`HTTP ${response.status}`);
    const points = parseOrlenPoints(text);
    return { points, byId: new Map(points.map((point) => [point.id.toUpperCase(), point])) };
  }

  /** The list and, when it is an old one because the service did not answer, since when. */
  async function list(): Promise<{ list: PointList; staleSince?: number }> {
    const fresh = lists.fresh('all');
    if (fresh) return { list: fresh.value };
    pending ??= download().finally(() => {
      pending = undefined;
    });
    try {
      const downloaded = await pending;
      lists.set('all', downloaded);
      return { list: downloaded };
    } catch (error) {
      options.log?.(
        'warn',
        { carrier: ORLEN_CARRIER, error: error instanceof Error ? error.message : String(error) },
        'ORLEN Paczka did not give its points; serving the last list where there is one',
      );
      const last = lists.last('all');
      if (last) return { list: last.value, staleSince: last.fetchedAt };
      throw new KasaError('upstream_unavailable', { details: { carrier: ORLEN_CARRIER }, cause: error });
    }
  }

  async function searchAnswer(q: PickupPointQuery): Promise<PickupPointAnswer> {
    const { list: current, staleSince } = await list();
    const points = searchPickupPoints(current.points, q).map((point) => structuredClone(point));
    return staleSince === undefined
      ? { points }
      : { points, stale: { fetchedAt: new Date(staleSince).toISOString() } };
  }

  return {
    carrier: ORLEN_CARRIER,
    searchAnswer,
    async search(q) {
      return (await searchAnswer(q)).points;
    },
    async get(id) {
      const point = (await list()).list.byId.get(id.trim().toUpperCase());
      return point ? structuredClone(point) : undefined;
    },
  };
}
