import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geowidgetPointToPickupPoint } from './geowidget.ts';
import { parseInpostPoint, parseInpostPointsPage } from './inpost-points.ts';

const page = JSON.parse(
  readFileSync(new URL('./data/shipx-points-list-KZY01A.raw.json', import.meta.url), 'utf8'),
) as { items: Record<string, unknown>[] };
const item = page.items[0] ?? {};

const KOZY = {
  id: 'KZY01A',
  carrier: 'inpost',
  type: 'parcel_locker',
  status: 'operating',
  address: { street: 'Gajowa', buildingNumber: '27', postcode: '43-340', city: 'Kozy', province: 'śląskie' },
  location: { lat: 49.84569, lng: 19.17134 },
  description: 'obok sklepu',
  openingHours: '24/7',
  open247: true,
  acceptsCashOnDelivery: true,
};

describe('parseInpostPoint', () => {
  it('maps the raw Points API item KZY01A to the expected PickupPoint', () => {
    expect(parseInpostPoint(item)).toEqual(KOZY);
  });

  it.each(['NonOperating', 'Disabled', 'Overloaded'])(
    'marks a point with status %s as disabled',
    (status) => {
      expect(parseInpostPoint({ ...item, status }).status).toBe('disabled');
    },
  );

  it('marks a point that cannot hand out parcels as disabled', () => {
    expect(parseInpostPoint({ ...item, functions: ['parcel_send'] }).status).toBe('disabled');
  });

  it('maps a PaczkoPunkt (pop) and reads 24/7 from opening_hours when location_247 is absent', () => {
    const { location_247: _, ...rest } = item;
    const point = parseInpostPoint({ ...rest, type: ['pop'], opening_hours: 'pn-pt 8-20' });
    expect(point).toMatchObject({ type: 'pop', open247: false, openingHours: 'pn-pt 8-20' });
    expect(parseInpostPoint(rest).open247).toBe(true);
  });

  it('normalises a postcode sent without the dash and joins the flat number', () => {
    const details = { ...(item.address_details as object), post_code: '43340', flat_number: '2' };
    expect(parseInpostPoint({ ...item, address_details: details }).address).toMatchObject({
      postcode: '43-340',
      buildingNumber: '27/2',
    });
  });

  it('throws on an item that is not a Polish point', () => {
    const details = { ...(item.address_details as object), post_code: 20081 };
    expect(() => parseInpostPoint({ ...item, address_details: details })).toThrow();
    expect(() => parseInpostPoint({ name: 'X' })).toThrow();
  });
});

describe('parseInpostPointsPage', () => {
  it('keeps the items that fit and skips the rest', () => {
    const mixed = { ...page, items: [item, { name: 'BROKEN' }] };
    expect(parseInpostPointsPage(mixed).map((p) => p.id)).toEqual(['KZY01A']);
  });
});

describe('geowidgetPointToPickupPoint', () => {
  it('maps a widget point with the Points API parser', () => {
    expect(geowidgetPointToPickupPoint(item)).toEqual(KOZY);
  });

  it('treats a widget point without status as operating, since the widget only offers choosable points', () => {
    const { status: _, ...withoutStatus } = item;
    expect(geowidgetPointToPickupPoint(withoutStatus).status).toBe('operating');
  });

  it('rejects a payload that is not a point', () => {
    expect(() => geowidgetPointToPickupPoint(null)).toThrow();
    expect(() => geowidgetPointToPickupPoint({ name: 'KRA010' })).toThrow();
  });
});
