/**
 * ORLEN Paczka's points (formerly Paczka w Ruchu): its SOAP 1.2 web service answers
 * `GiveMeAllRUCHWithFilled` (PartnerID, PartnerKey) with every point at once, each a `PointPwR`
 * with flat text fields. Read from the public spec "Specyfikacja API ORLEN Paczka" (method list) and
 * the field names public clients read (DestinationCode, StreetName, City, ZipCode, Province,
 * Latitude, Longitude, Location, OpeningHours, PointType, CashOnDelivery, Available, Filled); no
 * answer of the real service was seen. Kasa needs no SOAP library for it: the answer is flat.
 */
import type { PickupPoint } from '@kasa/core';
import { pickupPointSchema } from '@kasa/core';

/** The carrier id Kasa uses for ORLEN Paczka. */
export const ORLEN_CARRIER = 'orlen';

/** The method that lists every point; the one the public clients call. */
export const ORLEN_POINTS_METHOD = 'GiveMeAllRUCHWithFilled';
/** The service's XML namespace, as the public clients send it. */
export const ORLEN_NAMESPACE = 'https://91.242.220.103/WebServicePwR';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML text: the five named entities and numeric references. */
export function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

/** Escapes text for an XML element. */
export const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The SOAP 1.2 request for the list of points. */
export function orlenPointsRequest(partnerId: string, partnerKey: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<soap12:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap12="http://www.w3.org/2003/05/soap-envelope">',
    `<soap12:Body><${ORLEN_POINTS_METHOD} xmlns="${ORLEN_NAMESPACE}">`,
    `<PartnerID>${xmlEscape(partnerId)}</PartnerID><PartnerKey>${xmlEscape(partnerKey)}</PartnerKey>`,
    `</${ORLEN_POINTS_METHOD}></soap12:Body></soap12:Envelope>`,
  ].join('');
}

/** One `PointPwR` as field name → text (leaf elements only; `<X/>` is empty text). */
export type OrlenPointFields = Readonly<Record<string, string>>;

/** The leaf elements of an XML fragment, by name; the last one wins. */
function leaves(xml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of xml.matchAll(/<([A-Za-z_][\w.-]*)(?:\s[^>]*)?(?:\/>|>([^<]*)<\/\1>)/g)) {
    const [, name, text] = match;
    if (name) fields[name] = xmlText(text ?? '').trim();
  }
  return fields;
}

/**
 * The points of a `GiveMeAllRUCHWithFilled` answer. Throws when the answer holds no point: the
 * service's error (`Err`, `ErrDes`) when it sent one, e.g. for a wrong PartnerKey.
 *
 * @example parseOrlenPointsAnswer(xml)[0]?.DestinationCode; // 'WS-100001-27-26'
 */
export function parseOrlenPointsAnswer(xml: string): OrlenPointFields[] {
  const points = [...xml.matchAll(/<PointPwR(?:\s[^>]*)?>([\s\S]*?)<\/PointPwR>/g)].map((m) =>
    leaves(m[1] ?? ''),
  );
  if (points.length > 0) return points;
  const fields = leaves(xml.replace(/<PointPwR[\s\S]*?<\/PointPwR>/g, ''));
  const reason = fields.ErrDes || fields.Text || fields.faultstring || 'no points in the answer';
  throw new Error(`ORLEN Paczka ${ORLEN_POINTS_METHOD}: ${fields.Err ? `${fields.Err} ` : ''}${reason}`);
}

const yes = (value: string | undefined) => value?.trim().toLowerCase() === 'true';
const number = (value: string | undefined) => Number((value ?? '').replace(',', '.'));
const clip = (text: string | undefined, max: number) =>
  text?.trim() ? text.trim().slice(0, max) : undefined;

/** Open round the clock: every range is 00:00-24:00 and Saturday and Sunday are among the days. */
function roundTheClock(hours: string): boolean {
  const parts = hours
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return (
    parts.length > 0 &&
    parts.every((part) => /00:00\s*-\s*24:00$/.test(part)) &&
    /\bSo\b/.test(hours) &&
    /\bNd\b/.test(hours)
  );
}

/**
 * Maps one point to a PickupPoint. It operates when ORLEN Paczka says `Available` and not `Filled`
 * (full: parcels go to one of its `Suggestions` instead). An `APM` is a parcel locker; other types
 * (kiosks, stations, shops) are pickup points. Throws a ZodError when the point does not fit (e.g.
 * a postcode that is not NN-NNN).
 *
 * @example parseOrlenPoint({ DestinationCode: 'WS-100001-27-26', City: 'Warszawa', ZipCode: '03-236', … });
 */
export function parseOrlenPoint(fields: OrlenPointFields): PickupPoint {
  const hours = clip(fields.OpeningHours, 200);
  return pickupPointSchema.parse({
    id: fields.DestinationCode?.trim(),
    carrier: ORLEN_CARRIER,
    type: fields.PointType?.trim().toUpperCase() === 'APM' ? 'parcel_locker' : 'pop',
    status: yes(fields.Available) && !yes(fields.Filled) ? 'operating' : 'disabled',
    address: {
      street: clip(fields.StreetName, 150),
      postcode: fields.ZipCode?.trim(),
      city: fields.City?.trim(),
      province: clip(fields.Province, 100),
    },
    location: { lat: number(fields.Latitude), lng: number(fields.Longitude) },
    description: clip(fields.Location, 300),
    openingHours: hours,
    open247: hours !== undefined && roundTheClock(hours),
    acceptsCashOnDelivery: yes(fields.CashOnDelivery),
  });
}

/** Every point of an answer that fits, the rest skipped. */
export function parseOrlenPoints(xml: string): PickupPoint[] {
  return parseOrlenPointsAnswer(xml).flatMap((fields) => {
    try {
      return [parseOrlenPoint(fields)];
    } catch {
      return [];
    }
  });
}
