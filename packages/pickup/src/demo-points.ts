/**
 * DEMO DATA. Apart from KZY01A (a real locker in Kozy, parsed from a Points API response in `data/`),
 * every point here is made up: ids, streets, postcodes and positions are generated, deterministically,
 * from the small city table in `demo-cities.ts`, and each one is marked `demo: true`. Never ship a
 * parcel to a demo point; use the real InPost provider for that.
 */
import { deepFreeze, type PickupPoint } from '@kasa/core';
import kozy from './data/shipx-points-list-KZY01A.raw.json' with { type: 'json' };
import type { DemoCity } from './demo-cities.ts';
import { DEMO_CITIES, DEMO_DESCRIPTIONS, DEMO_STREETS } from './demo-cities.ts';
import { INPOST_CARRIER, parseInpostPointsPage } from './inpost-points.ts';

/** A tiny seeded PRNG (mulberry32): the same seed always yields the same points. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const seedOf = (text: string) =>
  [...text].reduce((acc, ch) => Math.imul(acc, 31) + (ch.codePointAt(0) ?? 0), 7);
const round5 = (value: number) => Math.round(value * 100_000) / 100_000;

function pick<T>(list: readonly T[], random: () => number, fallback: T): T {
  return list[Math.floor(random() * list.length)] ?? fallback;
}

function cityPoints(city: DemoCity): PickupPoint[] {
  const random = seededRandom(seedOf(city.code));
  const points: PickupPoint[] = [];
  for (let i = 0; i < city.points; i += 1) {
    const [prefix, lat, lng] = city.areas[i % city.areas.length] ?? ['00', 52.23, 21.01];
    // sqrt spreads points evenly over a disc of about 2.5 km around the area centre.
    const km = 2.5 * Math.sqrt(random());
    const angle = 2 * Math.PI * random();
    const isPop = i % 9 === 8;
    const description = isPop ? 'PaczkoPunkt w sklepie osiedlowym' : pick(DEMO_DESCRIPTIONS, random, '');
    const indoor = description.includes('galerii');
    const open247 = !isPop && !indoor;
    points.push({
      id: `${city.code}${String(i + 1).padStart(2, '0')}${isPop ? 'P' : pick(['M', 'A', 'N'], random, 'M')}`,
      carrier: INPOST_CARRIER,
      type: isPop ? 'pop' : 'parcel_locker',
      // A few points are out of service, as in real data, so filtering is exercised.
      status: i % 23 === 22 ? 'disabled' : 'operating',
      address: {
        street: pick(DEMO_STREETS, random, 'Długa'),
        buildingNumber: String(1 + Math.floor(random() * 120)),
        postcode: `${prefix}-${String(Math.floor(random() * 1000)).padStart(3, '0')}`,
        city: city.name,
        province: city.province,
      },
      location: {
        lat: round5(lat + (km * Math.cos(angle)) / 111.32),
        lng: round5(lng + (km * Math.sin(angle)) / (111.32 * Math.cos((lat * Math.PI) / 180))),
      },
      description,
      openingHours: open247 ? '24/7' : isPop ? 'pn–sb 7:00–22:00' : 'pn–sb 9:00–21:00, nd 10:00–20:00',
      open247,
      acceptsCashOnDelivery: random() < 0.85,
      demo: true,
    });
  }
  return points;
}

/** About 370 made-up InPost points in 33 Polish towns, plus the real sample KZY01A. Frozen. */
export const DEMO_PICKUP_POINTS: readonly PickupPoint[] = deepFreeze([
  ...DEMO_CITIES.flatMap(cityPoints),
  ...parseInpostPointsPage(kozy),
]);
