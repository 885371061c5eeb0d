import type { LatLng } from '@kasa/core';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in whole metres (haversine).
 *
 * @example distanceMetres({ lat: 52.2297, lng: 21.0122 }, { lat: 50.0647, lng: 19.945 }); // ≈ 252 000
 */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/**
 * The mean position of some points; fine for the few kilometres of one postcode area.
 *
 * @example centroid([{ lat: 0, lng: 0 }, { lat: 2, lng: 2 }]); // { lat: 1, lng: 1 }
 */
export function centroid(points: readonly LatLng[]): LatLng | undefined {
  if (points.length === 0) return undefined;
  const lat = points.reduce((acc, p) => acc + p.lat, 0) / points.length;
  const lng = points.reduce((acc, p) => acc + p.lng, 0) / points.length;
  return { lat, lng };
}

/**
 * Folds text for search: lower case, no diacritics, single spaces. `ł` has no Unicode decomposition,
 * so it is mapped by hand.
 *
 * @example foldText('  Łódź  Piotrkowska '); // 'lodz piotrkowska'
 */
export function foldText(text: string): string {
  return text
    .replace(/[łŁ]/g, 'l')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
