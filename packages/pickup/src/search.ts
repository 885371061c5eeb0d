import type { PickupPoint, PickupPointQuery } from '@kasa/core';
import { validatePostcode } from '@kasa/core';
import { centroid, distanceMetres, foldText } from './geo.ts';

/** The most points one search returns, whatever `limit` asks for. */
export const MAX_SEARCH_LIMIT = 50;

const byId = (a: PickupPoint, b: PickupPoint) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function matchesQuery(point: PickupPoint, tokens: readonly string[]): boolean {
  const { city, street = '', postcode } = point.address;
  const haystack = foldText(`${city} ${street} ${postcode} ${point.id}`);
  return tokens.every((token) => haystack.includes(token));
}

/** Exact postcode first, then the rest of its 2-digit area, nearest to the area's centre first. */
function rankByPostcode(points: readonly PickupPoint[], postcode: string): PickupPoint[] {
  const exact = points.filter((p) => p.address.postcode === postcode).sort(byId);
  const centre = centroid(points.map((p) => p.location));
  const distance = (p: PickupPoint) => (centre === undefined ? 0 : distanceMetres(centre, p.location));
  const rest = points
    .filter((p) => p.address.postcode !== postcode)
    .map((p) => ({ p, d: distance(p) }))
    .sort((a, b) => a.d - b.d || byId(a.p, b.p))
    .map(({ p }) => p);
  return [...exact, ...rest];
}

/**
 * Searches points by `postcode` (its 2-digit area), `query` (city, street, postcode or id, ignoring case
 * and Polish diacritics) and `near` (sorted by distance, with `distanceMetres` set). Criteria combine;
 * with none, or an invalid postcode, nothing is found. Only operating points are returned.
 *
 * @example searchPickupPoints(points, { query: 'lodz', limit: 5 }); // five points in Łódź
 */
export function searchPickupPoints(points: readonly PickupPoint[], q: PickupPointQuery): PickupPoint[] {
  const limit = Math.max(0, Math.min(MAX_SEARCH_LIMIT, Math.floor(q.limit)));
  const tokens = q.query === undefined ? [] : foldText(q.query).split(' ').filter(Boolean);
  const postcode = q.postcode === undefined ? undefined : validatePostcode(q.postcode);
  if (postcode?.ok === false) return [];
  if (postcode === undefined && tokens.length === 0 && q.near === undefined) return [];

  let found = points.filter((p) => p.status === 'operating');
  if (postcode?.ok)
    found = found.filter((p) => p.address.postcode.slice(0, 2) === postcode.value.slice(0, 2));
  if (tokens.length > 0) found = found.filter((p) => matchesQuery(p, tokens));

  const near = q.near;
  if (near !== undefined) {
    return found
      .map((p) => ({ ...p, distanceMetres: distanceMetres(near, p.location) }))
      .sort((a, b) => a.distanceMetres - b.distanceMetres || byId(a, b))
      .slice(0, limit);
  }
  const ranked = postcode?.ok ? rankByPostcode(found, postcode.value) : [...found].sort(byId);
  return ranked.slice(0, limit);
}
