/**
 * A local fake of ORLEN Paczka's web service (SOAP 1.2, `GiveMeAllRUCHWithFilled`) over real HTTP on
 * 127.0.0.1, with the fault plan of @kasa/adapter-testing. FAKE DATA: every point is made up (from
 * the demo points' towns and positions, moved a little), each `Location` starting "FAKE". The
 * answer's shape follows the fields public clients read; a wrong PartnerID or PartnerKey gets an
 * `Err`/`ErrDes` answer without points, as those clients expect (the real codes are not known).
 */
import { createFaultPlan, type FakeResponse, type FaultPlan, serveFake } from '@kasa/adapter-testing/faults';
import { DEMO_PICKUP_POINTS } from '../demo-points.ts';
import { ORLEN_NAMESPACE, ORLEN_POINTS_METHOD, xmlEscape, xmlText } from '../orlen-points.ts';

/** The test pair the fake accepts (made up). */
export const FAKE_ORLEN_PARTNER = { partnerId: 'KASAFAKE01', partnerKey: 'FAKEKEY001' } as const;

const ALWAYS = 'Pn-Pt:00:00-24:00, So:00:00-24:00, Nd:00:00-24:00';

/** About 180 made-up ORLEN Paczka points: every other demo point, moved ~150 m, as `PointPwR` fields. */
export function fakeOrlenPoints(): Record<string, string>[] {
  return DEMO_PICKUP_POINTS.filter((point) => point.demo)
    .filter((_, i) => i % 2 === 0)
    .map((point, i) => {
      const locker = i % 3 === 0;
      const station = i % 3 === 1;
      const psd = String(100_001 + i);
      const area = point.address.postcode.slice(0, 2);
      return {
        DestinationCode: `${point.id.slice(0, 2)}-${psd}-${area}-${String(i % 100).padStart(2, '0')}`,
        StreetName: [point.address.street, point.address.buildingNumber]
          .filter(Boolean)
          .join(' ')
          .toUpperCase(),
        City: point.address.city,
        District: point.address.city,
        Latitude: (point.location.lat + 0.0013).toFixed(6),
        Longitude: (point.location.lng - 0.0009).toFixed(6),
        Province: point.address.province ?? '',
        CashOnDelivery: String(i % 5 !== 4),
        OpeningHours: locker || station ? ALWAYS : 'Pn-Pt:07:00-20:00, So:08:00-15:00',
        Location: `FAKE · ${locker ? 'Automat paczkowy ORLEN Paczka' : station ? 'Stacja ORLEN' : 'Kiosk RUCH'}`,
        PSD: psd,
        PointType: locker ? 'APM' : 'PSD',
        Filled: String(i % 29 === 28),
        Available: String(i % 17 !== 16),
        ZipCode: point.address.postcode,
      };
    });
}

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;

const xml = (status: number, body: string): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
  body: envelope(body),
});

const fault = (status: number, reason: string) =>
  xml(
    status,
    `<soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${xmlEscape(reason)}</soap:Text></soap:Reason></soap:Fault>`,
  );

export interface FakeOrlenPaczkaOptions {
  readonly points?: readonly Record<string, string>[];
  readonly faults?: FaultPlan;
  readonly port?: number;
}

export interface FakeOrlenPaczka {
  /** The service's address: `http://127.0.0.1:<port>/WebServicePwR/WebServicePwR.asmx`. */
  readonly url: string;
  readonly partnerId: string;
  readonly partnerKey: string;
  readonly faults: FaultPlan;
  /** How many lists were asked for. */
  calls(): number;
  /** Changes a point's fields, e.g. `{ Available: 'false' }`. */
  update(code: string, change: Record<string, string>): void;
  close(): Promise<void>;
}

/**
 * @example
 * const orlen = await startFakeOrlenPaczka();
 * const pickup = createOrlenPickupProvider({ url: orlen.url, partnerId: orlen.partnerId, partnerKey: orlen.partnerKey });
 */
export async function startFakeOrlenPaczka(options: FakeOrlenPaczkaOptions = {}): Promise<FakeOrlenPaczka> {
  const points = new Map<string, Record<string, string>>();
  for (const point of options.points ?? fakeOrlenPoints())
    points.set(point.DestinationCode ?? '', { ...point });
  const faults = options.faults ?? createFaultPlan();
  let calls = 0;
  const server = await serveFake({
    ...(options.port === undefined ? {} : { port: options.port }),
    faults,
    errorResponse: (status) => fault(status, `Injected HTTP ${status}.`),
    handler(req) {
      if (req.method !== 'POST' || !req.url.pathname.endsWith('.asmx')) return fault(404, 'Not found');
      const field = (name: string) => {
        const found = new RegExp(`<${name}>([^<]*)</${name}>`).exec(req.body)?.[1];
        return found === undefined ? undefined : xmlText(found);
      };
      if (!req.body.includes(`<${ORLEN_POINTS_METHOD}`)) return fault(500, 'Unknown method');
      calls += 1;
      const result = (inner: string) =>
        xml(
          200,
          `<${ORLEN_POINTS_METHOD}Response xmlns="${ORLEN_NAMESPACE}"><${ORLEN_POINTS_METHOD}Result>${inner}</${ORLEN_POINTS_METHOD}Result></${ORLEN_POINTS_METHOD}Response>`,
        );
      if (
        field('PartnerID') !== FAKE_ORLEN_PARTNER.partnerId ||
        field('PartnerKey') !== FAKE_ORLEN_PARTNER.partnerKey
      ) {
        return result('<Err>1</Err><ErrDes>Niepoprawny PartnerID lub PartnerKey</ErrDes>');
      }
      const items = [...points.values()].map(
        (point) =>
          `<PointPwR>${Object.entries(point)
            .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
            .join('')}<Suggestions /></PointPwR>`,
      );
      return result(`<Data>${items.join('')}</Data><Err>000</Err><ErrDes />`);
    },
  });
  return {
    url: `${server.url}/WebServicePwR/WebServicePwR.asmx`,
    ...FAKE_ORLEN_PARTNER,
    faults,
    calls: () => calls,
    update(code, change) {
      const point = points.get(code);
      if (!point) throw new RangeError(`The fake has no point ${code}.`);
      points.set(code, { ...point, ...change });
    },
    close: () => server.close(),
  };
}
