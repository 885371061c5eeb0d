import { readFileSync } from 'node:fs';
import type { PickupPoint } from '@kasa/core';
import { pickupPointSchema } from '@kasa/core';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_PICKUP_POINTS } from './demo-points.ts';
import { distanceMetres } from './geo.ts';
import { parseInpostPoint } from './inpost-points.ts';
import { createSandboxPickupProvider } from './sandbox-provider.ts';

const pickup = createSandboxPickupProvider();
const WARSAW_CENTRE = { lat: 52.2297, lng: 21.0122 };
const ids = (points: readonly PickupPoint[]) => points.map((p) => p.id);

describe('demo points', () => {
  it('are a few hundred valid, uniquely named InPost-style points, all but the real sample marked demo', () => {
    expect(DEMO_PICKUP_POINTS.length).toBeGreaterThan(250);
    expect(new Set(ids(DEMO_PICKUP_POINTS)).size).toBe(DEMO_PICKUP_POINTS.length);
    for (const point of DEMO_PICKUP_POINTS) {
      expect(pickupPointSchema.parse(point)).toEqual(point);
      expect(point.id).toMatch(/^[A-Z]{3}\d{2}[A-Z]$/);
      expect(point.carrier).toBe('inpost');
      expect(point.demo).toBe(point.id === 'KZY01A' ? undefined : true);
    }
  });

  it('are generated deterministically', async () => {
    vi.resetModules();
    const fresh = await import('./demo-points.ts');
    expect(fresh.DEMO_PICKUP_POINTS).not.toBe(DEMO_PICKUP_POINTS);
    expect(fresh.DEMO_PICKUP_POINTS).toEqual(DEMO_PICKUP_POINTS);
    expect(await pickup.search({ query: 'warszawa', limit: 20 })).toEqual(
      await createSandboxPickupProvider().search({ query: 'warszawa', limit: 20 }),
    );
  });

  it('include the real sample KZY01A, parsed from the raw fixture', async () => {
    expect(await pickup.get('KZY01A')).toMatchObject({
      id: 'KZY01A',
      address: { postcode: '43-340', city: 'Kozy' },
      open247: true,
    });
  });
});

describe('search by postcode', () => {
  it('puts the exact postcode first, then its 2-digit area by distance from the area centre', async () => {
    const target = DEMO_PICKUP_POINTS.find((p) => p.address.city === 'Kraków' && p.status === 'operating');
    const postcode = target?.address.postcode ?? '';
    const found = await pickup.search({ postcode, limit: 50 });
    expect(found[0]?.address.postcode).toBe(postcode);
    expect(found.every((p) => p.address.postcode.startsWith(postcode.slice(0, 3)))).toBe(true);
    const area = DEMO_PICKUP_POINTS.filter(
      (p) => p.status === 'operating' && p.address.postcode.startsWith(postcode.slice(0, 3)),
    );
    expect(found).toHaveLength(Math.min(50, area.length));
    const centre = {
      lat: area.reduce((acc, p) => acc + p.location.lat, 0) / area.length,
      lng: area.reduce((acc, p) => acc + p.location.lng, 0) / area.length,
    };
    const rest = found
      .filter((p) => p.address.postcode !== postcode)
      .map((p) => distanceMetres(centre, p.location));
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it('accepts a postcode typed without the dash, and finds nothing for an invalid one', async () => {
    // Kozy shares the 43 area with Bielsko-Biała and Tychy; its exact postcode comes first.
    expect((await pickup.search({ postcode: '43340', limit: 5 }))[0]).toMatchObject({ id: 'KZY01A' });
    expect(await pickup.search({ postcode: '4-33', limit: 5 })).toEqual([]);
  });
});

describe('search by text', () => {
  it.each([
    ['lodz', 'Łódź'],
    ['ŁÓDŹ', 'Łódź'],
    ['krakow', 'Kraków'],
    ['zielona gora', 'Zielona Góra'],
    ['Bialystok', 'Białystok'],
  ])('finds %j in %s, ignoring case and diacritics', async (query, city) => {
    const found = await pickup.search({ query, limit: 50 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.address.city === city)).toBe(true);
  });

  // The 32 most populous Polish towns (GUS), and Sopot, where a demo shopper found nothing.
  it.each([
    'Warszawa',
    'Kraków',
    'Wrocław',
    'Łódź',
    'Poznań',
    'Gdańsk',
    'Szczecin',
    'Lublin',
    'Bydgoszcz',
    'Białystok',
    'Katowice',
    'Gdynia',
    'Częstochowa',
    'Rzeszów',
    'Radom',
    'Toruń',
    'Sosnowiec',
    'Kielce',
    'Gliwice',
    'Olsztyn',
    'Bielsko-Biała',
    'Zabrze',
    'Bytom',
    'Zielona Góra',
    'Rybnik',
    'Ruda Śląska',
    'Opole',
    'Tychy',
    'Gorzów Wielkopolski',
    'Elbląg',
    'Płock',
    'Dąbrowa Górnicza',
    'Sopot',
  ])('finds a demo parcel locker in %s by its name', async (city) => {
    const found = await pickup.search({ query: city, limit: 50 });
    const lockers = found.filter((p) => p.address.city === city && p.type === 'parcel_locker');
    expect(lockers.length).toBeGreaterThan(0);
    expect(lockers.every((p) => p.demo === true)).toBe(true);
  });

  it('finds streets too, and city plus street together', async () => {
    const found = await pickup.search({ query: 'kosciuszki', limit: 50 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.address.street === 'Kościuszki')).toBe(true);
    expect(await pickup.search({ query: 'kozy gajowa', limit: 5 })).toMatchObject([{ id: 'KZY01A' }]);
  });

  it('finds nothing for an empty search', async () => {
    expect(await pickup.search({ query: '  ', limit: 5 })).toEqual([]);
    expect(await pickup.search({ limit: 5 })).toEqual([]);
  });
});

describe('search near a position', () => {
  it('sorts by distance and sets distanceMetres', async () => {
    const found = await pickup.search({ near: WARSAW_CENTRE, limit: 10 });
    expect(found).toHaveLength(10);
    const distances = found.map((p) => p.distanceMetres ?? -1);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(
      found.every((p, i) => p.distanceMetres === distanceMetres(WARSAW_CENTRE, p.location) && i >= 0),
    ).toBe(true);
    expect(distances[0]).toBeLessThan(3_000);
  });

  it('finds KZY01A first next to it', async () => {
    const [first] = await pickup.search({ near: { lat: 49.8457, lng: 19.1713 }, limit: 1 });
    expect(first).toMatchObject({ id: 'KZY01A' });
    expect(first?.distanceMetres).toBeLessThan(20);
  });
});

describe('search limits and filters', () => {
  it('returns at most limit points, and never more than 50', async () => {
    expect(await pickup.search({ query: 'warszawa', limit: 3 })).toHaveLength(3);
    expect(await pickup.search({ query: 'warszawa', limit: 500 })).toHaveLength(50);
    expect(await pickup.search({ query: 'warszawa', limit: 0 })).toEqual([]);
  });

  it('returns only operating points', async () => {
    const all = await pickup.search({ near: WARSAW_CENTRE, limit: 50 });
    expect(all.every((p) => p.status === 'operating')).toBe(true);
    expect(DEMO_PICKUP_POINTS.some((p) => p.status === 'disabled')).toBe(true);
  });

  it('excludes a non-operating point parsed from the fixture', async () => {
    const raw = JSON.parse(
      readFileSync(new URL('./data/shipx-points-list-KZY01A.raw.json', import.meta.url), 'utf8'),
    );
    const closed = parseInpostPoint({ ...raw.items[0], name: 'KZY02A', status: 'NonOperating' });
    const provider = createSandboxPickupProvider({ points: [...DEMO_PICKUP_POINTS, closed] });
    expect(ids(await provider.search({ query: 'kozy', limit: 10 }))).toEqual(['KZY01A']);
    const byPostcode = ids(await provider.search({ postcode: '43-340', limit: 50 }));
    expect(byPostcode[0]).toBe('KZY01A');
    expect(byPostcode).not.toContain('KZY02A');
    expect(await provider.get('KZY02A')).toMatchObject({ status: 'disabled' });
  });
});

describe('get', () => {
  it('finds a point by its exact id, ignoring case', async () => {
    expect((await pickup.get('kzy01a'))?.id).toBe('KZY01A');
    expect((await pickup.get('WAW01N'))?.address.city).toBe(DEMO_PICKUP_POINTS[0]?.address.city);
    expect(await pickup.get('KZY01')).toBeUndefined();
  });

  it('hands out copies, so callers cannot change the data', async () => {
    const point = await pickup.get('KZY01A');
    if (point) (point as { description?: string }).description = 'changed';
    expect((await pickup.get('KZY01A'))?.description).toBe('obok sklepu');
  });
});
