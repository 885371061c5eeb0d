/**
 * Types for InPost Geowidget v5 (`<inpost-geowidget token language config onpoint>`) and the mapping of
 * the point it hands to `onpoint`. The widget is fed by the Points API, so its point has the same shape
 * as a Points API item; fields not listed here may appear and are ignored.
 */
import type { PickupPoint } from '@kasa/core';
import { parseInpostPoint } from './inpost-points.ts';

/** Opening hours as minutes after midnight, e.g. `{ start: 540, end: 1020 }` is 9:00–17:00. */
export interface GeowidgetTimeRange {
  readonly start: number;
  readonly end: number;
}

export type GeowidgetWeekday =
  | 'monday'
  | 'tuesday'
  | 'wednesday'
  | 'thursday'
  | 'friday'
  | 'saturday'
  | 'sunday';

/** The point Geowidget v5 passes to the `onpoint` callback or event (`event.detail`, in older docs `details`). */
export interface GeowidgetPoint {
  /** The point id, e.g. 'KRA010': what ShipX needs as `custom_attributes.target_point`. */
  readonly name: string;
  readonly type?: readonly string[];
  readonly status?: string;
  readonly location: { readonly latitude: number; readonly longitude: number };
  readonly address?: { readonly line1?: string | null; readonly line2?: string | null };
  readonly address_details: {
    readonly city: string;
    readonly province?: string | null;
    readonly post_code: string;
    readonly street?: string | null;
    readonly building_number?: string | null;
    readonly flat_number?: string | null;
  };
  readonly location_description?: string | null;
  /** '24/7' or free text. */
  readonly opening_hours?: string | null;
  readonly location_247?: boolean | null;
  readonly operating_hours_extended?: {
    readonly customer: Readonly<Partial<Record<GeowidgetWeekday, readonly GeowidgetTimeRange[]>>> | null;
  } | null;
  readonly functions?: readonly string[];
  /** 0 InPost locker, 30/33 ParcelPoint, 60 Żabka point, 61 Żabka locker. */
  readonly partner_id?: number | null;
  /** Cash on delivery possible. */
  readonly payment_available?: boolean | null;
  readonly easy_access_zone?: boolean | null;
  readonly image_url?: string | null;
  /** Nearby lockers InPost suggests when this one is full. */
  readonly recommended_low_interest_box_machines_list?: readonly string[] | null;
}

/** Values of the `config` attribute (PL Geowidget v5). */
export type GeowidgetConfig = 'parcelCollect' | 'parcelCollectPayment' | 'parcelCollect247' | 'parcelSend';

/** The API object from the `inpost.geowidget.init` event (`event.detail.api`). */
export interface GeowidgetApi {
  addPointSelectedCallback(callback: (point: GeowidgetPoint) => void): void;
  changeLanguage(language: 'pl' | 'en' | 'uk'): void;
  changePointsType(type: 'ALL' | 'PARCEL_LOCKER' | 'POP'): void;
  changePosition(position: { latitude: number; longitude: number }, zoom?: number): void;
  changeZoomLevel(zoom: number): void;
  clearSearch(): void;
  hideSearchResults(): void;
  search(query: string): void;
  selectPoint(name: string): void;
  showPoint(name: string): void;
  showPointDetails(name: string): void;
}

/**
 * Maps the widget's point (a GeowidgetPoint) to a PickupPoint with the Points API parser. The widget only offers points one
 * can choose, so a missing `status` counts as operating. The payload comes from a third-party script,
 * so it is validated: throws a ZodError when it does not have the expected shape.
 *
 * @example
 * document.addEventListener('onpointselect', (e) => save(geowidgetPointToPickupPoint((e as CustomEvent).detail)));
 */
export function geowidgetPointToPickupPoint(payload: unknown): PickupPoint {
  const status = (payload as { status?: unknown } | null)?.status;
  if (typeof payload !== 'object' || payload === null || status !== undefined)
    return parseInpostPoint(payload);
  return parseInpostPoint({ ...payload, status: 'Operating' });
}
