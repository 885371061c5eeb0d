/**
 * A local fake of InPost's Points API (`GET /v1/points`, `GET /v1/points/{name}`) over real HTTP on
 * 127.0.0.1, with the fault plan of @kasa/adapter-testing. FAKE DATA: apart from KZY01A (a real
 * locker, verbatim from a Points API response in `../data/`), every point is made up: the demo
 * points of `demo-points.ts` written back in InPost's item shape, each description starting
 * "FAKE". It plays the filters Kasa sends, as InPost documents them (reference/poland.md §2.2);
 * what it does beyond the documentation is a guess, listed in the package README.
 */
import {
  createFaultPlan,
  type FakeRequest,
  type FakeResponse,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import type { LatLng, PickupPoint } from '@kasa/core';
import kozy from '../data/shipx-points-list-KZY01A.raw.json' with { type: 'json' };
import { DEMO_PICKUP_POINTS } from '../demo-points.ts';
import { centroid, distanceMetres, foldText } from '../geo.ts';

/** One item of the Points API, as the fake serves it. */
export type InpostPointItem = Record<string, unknown> & {
  readonly name: string;
  readonly status: string;
  readonly type: readonly string[];
  readonly functions: readonly string[];
  readonly location: { readonly latitude: number; readonly longitude: number };
  readonly address_details: { readonly city: string; readonly post_code: string } & Record<string, unknown>;
};

/** A demo point in InPost's item shape: what the Points API would send for it. */
export function toInpostItem(
  point: PickupPoint,
  baseUrl = 'https://api-shipx-pl.easypack24.net',
): InpostPointItem {
  const { street = null, buildingNumber = null, postcode, city, province = null } = point.address;
  return {
    href: `${baseUrl}/v1/points/${point.id}`,
    name: point.id,
    type: [point.type],
    status: point.status === 'operating' ? 'Operating' : 'NonOperating',
    location: { latitude: point.location.lat, longitude: point.location.lng },
    location_type: 'Outdoor',
    location_description: `FAKE · ${point.description ?? 'punkt testowy'}`,
    distance: null,
    opening_hours: point.openingHours ?? null,
    address: { line1: [street, buildingNumber].filter(Boolean).join(' '), line2: `${postcode} ${city}` },
    address_details: {
      city,
      province,
      post_code: postcode,
      street,
      building_number: buildingNumber,
      flat_number: null,
    },
    functions: ['parcel', 'parcel_collect', 'parcel_send'],
    partner_id: 0,
    payment_available: point.acceptsCashOnDelivery,
    location_247: point.open247,
    operating_hours_extended: { customer: null },
  };
}

/** The fake's points: the real KZY01A and the made-up demo points (about 370 in 33 towns). */
export function fakeInpostItems(): InpostPointItem[] {
  const real = (kozy as { items: InpostPointItem[] }).items;
  return [...DEMO_PICKUP_POINTS.filter((p) => p.demo).map((p) => toInpostItem(p)), ...real];
}

export interface FakeInpostPointsOptions {
  readonly items?: readonly InpostPointItem[];
  readonly faults?: FaultPlan;
  readonly port?: number;
}

export interface FakeInpostPoints {
  /** `http://127.0.0.1:<port>`: the provider's `baseUrl`. */
  readonly url: string;
  readonly faults: FaultPlan;
  /** Every request's path and query, in order. */
  readonly requests: string[];
  /** Changes a point, e.g. `{ status: 'NonOperating' }`, as InPost would between two searches. */
  update(name: string, change: Partial<InpostPointItem>): void;
  close(): Promise<void>;
}

const locationOf = (item: InpostPointItem): LatLng => ({
  lat: item.location.latitude,
  lng: item.location.longitude,
});

const error = (status: number, key: string, description: string): FakeResponse => ({
  status,
  body: { status, error: key, message: description, details: {} },
});

const INTEGER = /^\d+$/;
const DOUBLE = /^-?\d+(\.\d+)?$/;

/**
 * Starts the fake on a free port.
 *
 * @example
 * const inpost = await startFakeInpostPoints();
 * const pickup = createInpostPickupProvider({ baseUrl: inpost.url });
 * inpost.faults.inject({ kind: 'status', status: 503, atCall: 0 }); // the next request fails
 */
export async function startFakeInpostPoints(
  options: FakeInpostPointsOptions = {},
): Promise<FakeInpostPoints> {
  const items = new Map<string, InpostPointItem>();
  for (const item of options.items ?? fakeInpostItems()) items.set(item.name, structuredClone(item));
  const faults = options.faults ?? createFaultPlan();
  const requests: string[] = [];

  function list(query: URLSearchParams, baseUrl: string): FakeResponse {
    // Since v1.7.0 a bad number is an error, not ignored.
    for (const key of ['per_page', 'page', 'max_distance']) {
      const value = query.get(key);
      if (value !== null && !INTEGER.test(value)) return error(400, 'invalid_parameter', `${key}: ${value}`);
    }
    let found = [...items.values()];
    const equals = (key: string, read: (item: InpostPointItem) => unknown) => {
      const wanted = query.get(key);
      if (wanted !== null) found = found.filter((item) => read(item) === wanted);
    };
    const includes = (key: string, read: (item: InpostPointItem) => readonly string[]) => {
      const wanted = query.get(key)?.split(',');
      if (wanted) found = found.filter((item) => wanted.some((w) => read(item).includes(w)));
    };
    equals('name', (item) => item.name);
    equals('status', (item) => item.status);
    equals('post_code', (item) => item.address_details.post_code);
    includes('type', (item) => item.type);
    includes('functions', (item) => item.functions);
    const city = query.get('city');
    if (city !== null) found = found.filter((item) => foldText(item.address_details.city) === foldText(city));

    let relative: LatLng | undefined;
    const point = query.get('relative_point');
    if (point !== null) {
      const [lat, lng] = point.split(',');
      if (!lat || !lng || !DOUBLE.test(lat) || !DOUBLE.test(lng)) {
        return error(400, 'invalid_parameter', `relative_point: ${point}`);
      }
      relative = { lat: Number(lat), lng: Number(lng) };
    }
    const postCode = query.get('relative_post_code');
    if (postCode !== null) {
      // The fake knows a postcode by its points: their centre, else that of its 3- or 2-digit area.
      const all = [...items.values()];
      for (const length of [6, 4, 2]) {
        relative = centroid(
          all
            .filter((item) => item.address_details.post_code.startsWith(postCode.slice(0, length)))
            .map(locationOf),
        );
        if (relative) break;
      }
      if (!relative) return error(400, 'invalid_parameter', `relative_post_code: ${postCode}`);
    }
    let withDistance = found.map((item) => ({
      item,
      distance: relative ? distanceMetres(relative, locationOf(item)) : null,
    }));
    const maxDistance = query.get('max_distance');
    if (relative && maxDistance !== null) {
      withDistance = withDistance.filter(({ distance }) => (distance ?? 0) <= Number(maxDistance));
    }
    const byName = (a: { item: InpostPointItem }, b: { item: InpostPointItem }) =>
      a.item.name < b.item.name ? -1 : a.item.name > b.item.name ? 1 : 0;
    withDistance.sort(
      query.get('sort_by') === 'distance_to_relative_point' && relative
        ? (a, b) => (a.distance ?? 0) - (b.distance ?? 0) || byName(a, b)
        : byName,
    );
    const perPage = Math.min(500, Number(query.get('per_page') ?? 25));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    const slice = withDistance.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      body: {
        href: `${baseUrl}/v1/points`,
        count: withDistance.length,
        page,
        per_page: perPage,
        total_pages: Math.max(1, Math.ceil(withDistance.length / perPage)),
        items: slice.map(({ item, distance }) => ({ ...item, distance })),
      },
    };
  }

  let baseUrl = '';
  const server = await serveFake({
    ...(options.port === undefined ? {} : { port: options.port }),
    faults,
    errorResponse: (status) => error(status, 'fake_upstream_fault', `Injected HTTP ${status}.`),
    handler(req: FakeRequest) {
      requests.push(`${req.url.pathname}${req.url.search}`);
      if (req.method !== 'GET') return error(405, 'method_not_allowed', req.method);
      const path = req.url.pathname.replace(/\/+$/, '');
      if (path === '/v1/points') return list(req.url.searchParams, baseUrl);
      const one = /^\/v1\/points\/([^/]+)$/.exec(path);
      if (one?.[1]) {
        const item = items.get(decodeURIComponent(one[1]).toUpperCase());
        return item ? { status: 200, body: item } : error(404, 'resource_not_found', 'Point not found');
      }
      return error(404, 'not_found', path);
    },
  });
  baseUrl = server.url;

  return {
    url: server.url,
    faults,
    requests,
    update(name, change) {
      const item = items.get(name);
      if (!item) throw new RangeError(`The fake has no point ${name}.`);
      items.set(name, { ...item, ...change });
    },
    close: () => server.close(),
  };
}
