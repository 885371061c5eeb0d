import { readFileSync } from 'node:fs';
import { KasaError, type PickupPoint } from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PICKUP_POINTS } from './demo-points.ts';
import { type FakeInpostPoints, startFakeInpostPoints } from './fake/index.ts';
import { distanceMetres } from './geo.ts';
import { createInpostPickupProvider, type InpostPickupOptions } from './inpost-provider.ts';

const raw = JSON.parse(
  readFileSync(new URL('./data/shipx-points-list-KZY01A.raw.json', import.meta.url), 'utf8'),
) as { items: Record<string, unknown>[] };
const KOZY = raw.items[0] ?? {};

let inpost: FakeInpostPoints;
let clock: number;
const MINUTE = 60_000;

beforeEach(async () => {
  inpost = await startFakeInpostPoints();
  clock = Date.parse('2026-11-20T10:00:00Z');
});
afterEach(() => inpost.close());

const provider = (options: InpostPickupOptions = {}) =>
  createInpostPickupProvider({ baseUrl: inpost.url, now: () => clock, timeoutMs: 1_000, ...options });
const ids = (points: readonly PickupPoint[]) => points.map((p) => p.id);
const pointsCalls = () => inpost.requests.filter((r) => r.startsWith('/v1/points?')).length;
const krakowPoint = DEMO_PICKUP_POINTS.find((p) => p.address.city === 'Kraków' && p.status === 'operating');

describe('InPost points provider: search', () => {
  it('asks InPost for operating lockers that hand parcels out, nearest a postcode first', async () => {
    const postcode = krakowPoint?.address.postcode ?? '';
    const found = await provider().search({ postcode, limit: 10 });
    expect(found).toHaveLength(10);
    expect(found.every((p) => p.status === 'operating' && p.type === 'parcel_locker')).toBe(true);
    const distances = found.map((p) => p.distanceMetres ?? -1);
    expect(distances.every((d) => d >= 0)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const asked = new URLSearchParams(inpost.requests[0]?.split('?')[1]);
    expect(Object.fromEntries(asked)).toMatchObject({
      relative_post_code: postcode,
      type: 'parcel_locker',
      status: 'Operating',
      functions: 'parcel_collect',
      per_page: '10',
    });
  });

  it('finds the lockers of a town, and one locker by its id', async () => {
    const pickup = provider();
    const sopot = await pickup.search({ query: 'Sopot', limit: 50 });
    expect(sopot.length).toBeGreaterThan(0);
    expect(sopot.every((p) => p.address.city === 'Sopot' && p.type === 'parcel_locker')).toBe(true);
    expect(ids(await pickup.search({ query: 'kzy01a', limit: 5 }))).toEqual(['KZY01A']);
  });

  it('finds lockers within 10 km of coordinates, nearest first', async () => {
    // Three decimals: what the provider sends (about 100 m of rounding).
    const near = { lat: 50.061, lng: 19.937 };
    const found = await provider().search({ near, limit: 20 });
    expect(found.length).toBeGreaterThan(5);
    const distances = found.map((p) => distanceMetres(near, p.location));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(10_000);
  });

  it('drops points that are not operating lockers even when the API sends them', async () => {
    const page = {
      items: [
        KOZY,
        { ...KOZY, name: 'KZY02A', status: 'NonOperating' },
        { ...KOZY, name: 'KZY03P', type: ['pop'] },
        { ...KOZY, name: 'KZY04A', functions: ['parcel_send'] },
      ],
    };
    const pickup = createInpostPickupProvider({ fetch: async () => Response.json(page) });
    expect(ids(await pickup.search({ postcode: '43-340', limit: 10 }))).toEqual(['KZY01A']);
  });

  it('keeps what the shopper needs: 24/7, payment at the locker, opening hours, description', async () => {
    expect(await provider().get('KZY01A')).toMatchObject({
      id: 'KZY01A',
      carrier: 'inpost',
      open247: true,
      acceptsCashOnDelivery: true,
      openingHours: '24/7',
      description: 'obok sklepu',
      address: { street: 'Gajowa', buildingNumber: '27', postcode: '43-340', city: 'Kozy' },
    });
  });

  it('finds nothing, without asking, for an invalid postcode or an empty query', async () => {
    const pickup = provider();
    expect(await pickup.search({ postcode: '4-33', limit: 5 })).toEqual([]);
    expect(await pickup.search({ query: '  ', limit: 5 })).toEqual([]);
    expect(inpost.requests).toEqual([]);
  });
});

describe('InPost points provider: cache', () => {
  it('answers the same search from memory for the TTL, then asks InPost again', async () => {
    const pickup = provider({ ttlMs: 10 * MINUTE });
    const first = await pickup.search({ query: 'Sopot', limit: 10 });
    clock += 9 * MINUTE;
    expect(await pickup.search({ query: 'sopot', limit: 10 })).toEqual(first);
    expect(pointsCalls()).toBe(1);
    clock += 2 * MINUTE;
    await pickup.search({ query: 'Sopot', limit: 10 });
    expect(pointsCalls()).toBe(2);
  });

  it('remembers at most maxQueries searches, forgetting the least recently used', async () => {
    const pickup = provider({ maxQueries: 2 });
    await pickup.search({ query: 'Sopot', limit: 5 });
    await pickup.search({ query: 'Gdynia', limit: 5 });
    await pickup.search({ query: 'Sopot', limit: 5 }); // used again: Gdynia is now the oldest
    await pickup.search({ query: 'Gdańsk', limit: 5 });
    expect(pointsCalls()).toBe(3);
    await pickup.search({ query: 'Sopot', limit: 5 });
    expect(pointsCalls()).toBe(3);
    await pickup.search({ query: 'Gdynia', limit: 5 });
    expect(pointsCalls()).toBe(4);
  });

  it('asks once for the same search made by several shoppers at the same moment', async () => {
    const pickup = provider();
    const answers = await Promise.all([1, 2, 3].map(() => pickup.search({ query: 'Sopot', limit: 5 })));
    expect(answers[1]).toEqual(answers[0]);
    expect(pointsCalls()).toBe(1);
  });

  it('looks up a point seen in a search without asking InPost again', async () => {
    const pickup = provider();
    const [first] = await pickup.search({ query: 'Sopot', limit: 1 });
    const before = inpost.requests.length;
    expect(await pickup.get(first?.id ?? '')).toEqual(first);
    expect(inpost.requests.length).toBe(before);
  });
});

describe('InPost points provider: InPost down', () => {
  it.each([
    ['HTTP 503', { kind: 'status', status: 503 } as const],
    ['a timeout', { kind: 'timeout' } as const],
    ['a reset connection', { kind: 'reset', after: false } as const],
  ])('gives the last good answer for the query, marked stale, after %s', async (_name, fault) => {
    const pickup = provider({ ttlMs: MINUTE, timeoutMs: 300 });
    const fetchedAt = new Date(clock).toISOString();
    const good = await pickup.searchAnswer({ query: 'Sopot', limit: 10 });
    expect(good.stale).toBeUndefined();
    clock += 5 * MINUTE;
    inpost.faults.inject({ ...fault, atCall: 0 });
    const answer = await pickup.searchAnswer({ query: 'Sopot', limit: 10 });
    expect(answer.points.length).toBeGreaterThan(0);
    expect(answer).toEqual({ points: good.points, stale: { fetchedAt } });
    // InPost back: a fresh answer again.
    expect((await pickup.searchAnswer({ query: 'Sopot', limit: 10 })).stale).toBeUndefined();
  });

  it('answers a search it never made from the points it knows, nearest first, marked stale', async () => {
    const pickup = provider();
    await pickup.search({ query: 'Kraków', limit: 50 });
    inpost.faults.inject({ kind: 'status', status: 502, atCall: 0 });
    const near = krakowPoint?.location ?? { lat: 50.06, lng: 19.94 };
    const answer = await pickup.searchAnswer({ near, limit: 5 });
    expect(answer.stale?.fetchedAt).toBe(new Date(clock).toISOString());
    expect(answer.points).toHaveLength(5);
    expect(answer.points.every((p) => p.address.city === 'Kraków')).toBe(true);
  });

  it('says InPost is unavailable (upstream_unavailable) when it knows nothing to show', async () => {
    inpost.faults.inject({ kind: 'status', status: 500, atCall: 0 });
    const error = await provider()
      .search({ query: 'Sopot', limit: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KasaError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', details: { carrier: 'inpost' } });
  });

  it('still returns a point seen earlier when InPost is down; unknown ones are an error, not "not found"', async () => {
    const pickup = provider({ ttlMs: MINUTE });
    const kozy = await pickup.get('KZY01A');
    clock += 2 * MINUTE;
    inpost.faults.inject({ kind: 'status', status: 503, atCall: 0 });
    expect(await pickup.get('KZY01A')).toEqual(kozy);
    inpost.faults.inject({ kind: 'status', status: 503, atCall: 0 });
    await expect(pickup.get('KRA01M')).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });
});

describe('InPost points provider: get', () => {
  it('returns undefined for a point InPost does not know, and a point out of service as disabled', async () => {
    const pickup = provider();
    expect(await pickup.get('XYZ99Q')).toBeUndefined();
    expect(await pickup.get('not an id')).toBeUndefined();
    inpost.update('KZY01A', { status: 'NonOperating' });
    expect(await pickup.get('kzy01a')).toMatchObject({ id: 'KZY01A', status: 'disabled' });
  });

  it('sends the Parcel Manager token as a Bearer token when one is configured', async () => {
    let seen: string | null = null;
    const pickup = createInpostPickupProvider({
      token: 'eyJ.test.token',
      fetch: async (_url, init) => {
        seen = new Headers(init?.headers).get('authorization');
        return Response.json(KOZY);
      },
    });
    await pickup.get('KZY01A');
    expect(seen).toBe('Bearer eyJ.test.token');
  });
});
