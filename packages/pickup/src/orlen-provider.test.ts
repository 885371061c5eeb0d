import type { PickupPoint } from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOrlenPaczka, startFakeOrlenPaczka } from './fake/index.ts';
import { parseOrlenPoint, parseOrlenPointsAnswer } from './orlen-points.ts';
import { createOrlenPickupProvider, type OrlenPickupOptions } from './orlen-provider.ts';

/** The point public clients show as the service's answer (a test point of ORLEN Paczka's). */
const ANNOPOL = {
  DestinationCode: 'WS-100001-27-26',
  StreetName: 'ANNOPOL 17 TEST',
  City: 'Warszawa',
  District: 'Warszawa',
  Latitude: '52.311519',
  Longitude: '21.013830',
  Province: 'Mazowieckie',
  CashOnDelivery: 'true',
  OpeningHours: 'Pn-Pt:00:00-24:00, So:00:00-24:00, Nd:00:00-24:00',
  Location: 'Punkt testowy',
  PSD: '100001',
  PointType: 'PSD',
  Filled: 'false',
  Available: 'true',
  ZipCode: '03-236',
};

let orlen: FakeOrlenPaczka;
let clock: number;
const HOUR = 3_600_000;

beforeEach(async () => {
  orlen = await startFakeOrlenPaczka();
  clock = Date.parse('2026-11-20T10:00:00Z');
});
afterEach(() => orlen.close());

const provider = (options: Partial<OrlenPickupOptions> = {}) =>
  createOrlenPickupProvider({
    url: orlen.url,
    partnerId: orlen.partnerId,
    partnerKey: orlen.partnerKey,
    now: () => clock,
    timeoutMs: 1_000,
    ...options,
  });
const ids = (points: readonly PickupPoint[]) => points.map((p) => p.id);

describe('ORLEN Paczka points', () => {
  it('maps a point of the service to a PickupPoint carried by orlen', () => {
    expect(parseOrlenPoint(ANNOPOL)).toEqual({
      id: 'WS-100001-27-26',
      carrier: 'orlen',
      type: 'pop',
      status: 'operating',
      address: { street: 'ANNOPOL 17 TEST', postcode: '03-236', city: 'Warszawa', province: 'Mazowieckie' },
      location: { lat: 52.311519, lng: 21.01383 },
      description: 'Punkt testowy',
      openingHours: 'Pn-Pt:00:00-24:00, So:00:00-24:00, Nd:00:00-24:00',
      open247: true,
      acceptsCashOnDelivery: true,
    });
  });

  it.each([
    [{ Available: 'false' }, 'disabled'],
    [{ Filled: 'true' }, 'disabled'],
    [{ PointType: 'APM' }, 'operating'],
  ])('reads %j as %s', (change, status) => {
    expect(parseOrlenPoint({ ...ANNOPOL, ...change }).status).toBe(status);
  });

  it('reads a locker (APM) and hours that are not round the clock', () => {
    const point = parseOrlenPoint({
      ...ANNOPOL,
      PointType: 'APM',
      OpeningHours: 'Pn-Pt:07:00-20:00, So:08:00-15:00',
    });
    expect(point).toMatchObject({ type: 'parcel_locker', open247: false });
  });

  it("names the service's error when an answer has no points", () => {
    const answer =
      '<soap:Envelope><soap:Body><R><Err>1</Err><ErrDes>Niepoprawny PartnerKey</ErrDes></R></soap:Body></soap:Envelope>';
    expect(() => parseOrlenPointsAnswer(answer)).toThrow('1 Niepoprawny PartnerKey');
  });
});

describe('ORLEN Paczka provider', () => {
  it('searches the list by postcode, town and coordinates, offering only points that operate', async () => {
    const pickup = provider();
    const [first] = await pickup.search({ query: 'Kraków', limit: 50 });
    expect(first).toMatchObject({ carrier: 'orlen', address: { city: 'Kraków' } });
    const byPostcode = await pickup.search({ postcode: first?.address.postcode ?? '', limit: 5 });
    expect(byPostcode[0]?.address.postcode).toBe(first?.address.postcode);
    const near = await pickup.search({ near: first?.location ?? { lat: 0, lng: 0 }, limit: 5 });
    expect(near[0]?.id).toBe(first?.id);
    expect(near.map((p) => p.distanceMetres)).toEqual(
      [...near.map((p) => p.distanceMetres)].sort((a = 0, b = 0) => a - b),
    );
    const all = await pickup.search({ query: 'a', limit: 50 });
    expect(all.every((p) => p.status === 'operating')).toBe(true);
    // One list answered all of it.
    expect(orlen.calls()).toBe(1);
  });

  it('looks up one point, also one out of service, and nothing for an unknown code', async () => {
    const pickup = provider();
    const [point] = await pickup.search({ query: 'Sopot', limit: 1 });
    orlen.update(point?.id ?? '', { Available: 'false' });
    clock += 7 * HOUR;
    expect(await pickup.get(point?.id ?? '')).toMatchObject({ id: point?.id, status: 'disabled' });
    expect(await pickup.get('XX-999999-00-00')).toBeUndefined();
  });

  it('keeps the list for its TTL, then asks again; the service down → the last list, marked stale', async () => {
    const pickup = provider({ ttlMs: 6 * HOUR });
    const fetchedAt = new Date(clock).toISOString();
    const fresh = await pickup.searchAnswer({ query: 'Gdynia', limit: 5 });
    clock += 5 * HOUR;
    await pickup.search({ query: 'Sopot', limit: 5 });
    expect(orlen.calls()).toBe(1);
    clock += 2 * HOUR;
    orlen.faults.inject({ kind: 'status', status: 503, atCall: 0 });
    const stale = await pickup.searchAnswer({ query: 'Gdynia', limit: 5 });
    expect(stale).toEqual({ points: fresh.points, stale: { fetchedAt } });
    expect(ids(stale.points).length).toBeGreaterThan(0);
  });

  it('says the carrier is unavailable, naming it, when no list ever came (wrong PartnerKey)', async () => {
    await expect(
      provider({ partnerKey: 'WRONG' }).search({ query: 'Sopot', limit: 5 }),
    ).rejects.toMatchObject({
      code: 'upstream_unavailable',
      details: { carrier: 'orlen' },
    });
  });
});
