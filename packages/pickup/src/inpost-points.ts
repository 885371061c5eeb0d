/**
 * The InPost Points API item (also what Geowidget v5 hands to `onpoint`) and its mapping to Kasa's PickupPoint.
 * Only the fields Kasa reads are declared; InPost adds fields over time and unknown ones are ignored.
 */
import type { PickupPoint } from '@kasa/core';
import { pickupPointSchema, postcodeSchema } from '@kasa/core';
import { z } from 'zod';

const stringOrNumber = z.union([z.string(), z.number()]);

export const inpostPointItemSchema = z.object({
  /** The point id ShipX needs as `target_point`, e.g. 'KRA010'. */
  name: z.string().min(1).max(50),
  type: z.array(z.string()).nullish(),
  status: z.string().nullish(),
  location: z.object({ latitude: z.number(), longitude: z.number() }),
  location_description: z.string().nullish(),
  opening_hours: z.string().nullish(),
  address_details: z.object({
    city: z.string().min(1),
    province: z.string().nullish(),
    /** NN-NNN; a number is a foreign postcode (Italy sends 20081) and is refused. */
    post_code: postcodeSchema,
    street: z.string().nullish(),
    building_number: stringOrNumber.nullish(),
    flat_number: stringOrNumber.nullish(),
  }),
  functions: z.array(z.string()).nullish(),
  payment_available: z.boolean().nullish(),
  location_247: z.boolean().nullish(),
  /** Metres from `relative_point` or `relative_post_code`; null without one. */
  distance: z.number().min(0).nullish(),
});
export type InpostPointItem = z.infer<typeof inpostPointItemSchema>;

export const inpostPointsPageSchema = z.object({
  items: z.array(z.unknown()),
});

/** The carrier id Kasa uses for InPost. */
export const INPOST_CARRIER = 'inpost';

function pointType(types: readonly string[]): PickupPoint['type'] {
  // parcel_locker_only and parcel_locker_superpop are lockers too; POK is the Italian PaczkoPunkt.
  if (types.some((t) => t.startsWith('parcel_locker'))) return 'parcel_locker';
  if (types.includes('pop') || types.includes('pok')) return 'pop';
  return 'store';
}

const clip = (text: string | null | undefined, max: number): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

/**
 * Maps one Points API item to a PickupPoint. A point counts as operating only when InPost says
 * `Operating` and, if it lists functions, it can hand parcels out (`parcel_collect`).
 * Throws a ZodError when the item is not a Polish InPost point (e.g. an Italian postcode).
 *
 * @example parseInpostPoint(page.items[0]); // { id: 'KZY01A', carrier: 'inpost', status: 'operating', … }
 */
export function parseInpostPoint(item: unknown): PickupPoint {
  const point = inpostPointItemSchema.parse(item);
  const address = point.address_details;
  const collects = point.functions == null || point.functions.includes('parcel_collect');
  const building = address.building_number == null ? undefined : String(address.building_number).trim();
  const flat = address.flat_number == null ? '' : `/${String(address.flat_number).trim()}`;
  return pickupPointSchema.parse({
    id: point.name.trim(),
    carrier: INPOST_CARRIER,
    type: pointType(point.type ?? []),
    status: point.status === 'Operating' && collects ? 'operating' : 'disabled',
    address: {
      street: clip(address.street, 150),
      buildingNumber: building ? `${building}${flat}`.slice(0, 20) : undefined,
      postcode: address.post_code,
      city: address.city.trim(),
      province: clip(address.province, 100),
    },
    location: { lat: point.location.latitude, lng: point.location.longitude },
    description: clip(point.location_description, 300),
    openingHours: clip(point.opening_hours, 200),
    open247: point.location_247 ?? point.opening_hours?.trim() === '24/7',
    acceptsCashOnDelivery: point.payment_available ?? false,
    ...(point.distance == null ? {} : { distanceMetres: Math.round(point.distance) }),
  });
}

/**
 * Maps a Points API list response, skipping items that do not fit (foreign or malformed points).
 *
 * @example parseInpostPointsPage(await (await fetch(url)).json()); // PickupPoint[]
 */
export function parseInpostPointsPage(page: unknown): PickupPoint[] {
  const { items } = inpostPointsPageSchema.parse(page);
  return items.flatMap((item) => {
    try {
      return [parseInpostPoint(item)];
    } catch {
      return [];
    }
  });
}
