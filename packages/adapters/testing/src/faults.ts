import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Money } from '@kasa/core';

/**
 * What can go wrong between an adapter and its platform, as a fake platform plays it:
 * - `status`: the platform answers 500/502/503 without doing the work;
 * - `rate-limit`: 429 with `Retry-After`, without doing the work;
 * - `timeout`: the platform never answers (the client's timeout must fire);
 * - `reset`: the connection is cut; with `after: true` the platform did the work and the answer was lost.
 */
export type UpstreamFault =
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 }
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'reset'; readonly after: boolean };

/** A fault for the `atCall`-th request from the moment it is injected (0 = the next request). */
export type ScheduledFault = UpstreamFault & { readonly atCall: number };

/** Every fault kind the contract suite plays, once each. */
export const FAULT_KINDS: readonly UpstreamFault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'rate-limit', retryAfterSeconds: 1 },
  { kind: 'timeout' },
  { kind: 'reset', after: false },
  { kind: 'reset', after: true },
];

/** A readable name for a fault, for test titles and logs. */
export function describeFault(fault: UpstreamFault): string {
  switch (fault.kind) {
    case 'status':
      return `HTTP ${fault.status}`;
    case 'rate-limit':
      return `429 Retry-After: ${fault.retryAfterSeconds}`;
    case 'timeout':
      return 'timeout';
    case 'reset':
      return fault.after ? 'connection reset after the work was done' : 'connection reset before the work';
  }
}

/**
 * The schedule of faults a fake platform plays. The fake's request handler calls `take()` once per
 * incoming request; it counts the request and returns the fault planned for it, if any.
 */
export interface FaultPlan {
  /** Plans a fault for the `atCall`-th request from now. */
  inject(fault: ScheduledFault): void;
  /** Counts one incoming request and returns its fault, if one was planned. */
  take(): UpstreamFault | undefined;
  /** Requests seen since the plan was created. */
  calls(): number;
  /** Faults planned and not yet played. */
  pending(): number;
  /** Drops every planned fault. */
  clear(): void;
}

/**
 * Creates an empty fault plan.
 *
 * @example
 * const faults = createFaultPlan();
 * faults.inject({ kind: 'reset', after: true, atCall: 1 }); // the second request from now
 * const server = await serveFake({ faults, handler });
 */
export function createFaultPlan(): FaultPlan {
  let seen = 0;
  const planned = new Map<number, UpstreamFault>();
  return {
    inject({ atCall, ...fault }) {
      if (!Number.isSafeInteger(atCall) || atCall < 0) {
        throw new RangeError(`atCall must be a whole number ≥ 0, got ${atCall}`);
      }
      planned.set(seen + atCall, fault as UpstreamFault);
    },
    take() {
      const index = seen;
      seen += 1;
      const fault = planned.get(index);
      planned.delete(index);
      return fault;
    },
    calls: () => seen,
    pending: () => planned.size,
    clear: () => planned.clear(),
  };
}

/** A request as a fake platform's handler sees it: the body already read. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What a fake handler answers; an object body is sent as JSON. */
export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeServerOptions {
  readonly handler: FakeHandler;
  /** Consulted once per request before the handler runs. */
  readonly faults?: FaultPlan;
  /** The body of a planned 5xx or 429, in the platform's error format. */
  readonly errorResponse?: (status: number) => FakeResponse;
  /** The port on 127.0.0.1; default 0, a free one. */
  readonly port?: number;
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Stops listening and cuts every open connection, hanging ones included. */
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

function send(res: ServerResponse, answer: FakeResponse): void {
  const isText = typeof answer.body === 'string' || answer.body === undefined;
  const body = answer.body === undefined ? '' : isText ? String(answer.body) : JSON.stringify(answer.body);
  const headers: Record<string, string> = {
    ...(isText ? {} : { 'content-type': 'application/json; charset=UTF-8' }),
    ...answer.headers,
    'content-length': String(Buffer.byteLength(body)),
  };
  res.writeHead(answer.status, headers);
  res.end(body);
}

const defaultError = (status: number): FakeResponse => ({
  status,
  body: { code: 'fake_upstream_fault', message: `Injected HTTP ${status}.`, data: { status } },
});

/**
 * Serves a fake platform on 127.0.0.1 (a free port) over real HTTP, playing the planned faults.
 * A handler that throws answers 500 with the error message, so a bug in a fake is visible.
 */
export async function serveFake(options: FakeServerOptions): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const errorResponse = options.errorResponse ?? defaultError;

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const fault = options.faults?.take();
      if (fault?.kind === 'status') return send(res, errorResponse(fault.status));
      if (fault?.kind === 'rate-limit') {
        const answer = errorResponse(429);
        return send(res, {
          ...answer,
          headers: { ...answer.headers, 'retry-after': String(fault.retryAfterSeconds) },
        });
      }
      // The platform is stuck: no answer until the client gives up or the server closes.
      if (fault?.kind === 'timeout') return;
      if (fault?.kind === 'reset' && !fault.after) return req.socket.destroy();

      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let answer: FakeResponse;
      try {
        answer = await options.handler({ method: req.method ?? 'GET', url, headers: req.headers, body });
      } catch (error) {
        answer = { status: 500, body: { code: 'fake_handler_error', message: String(error), data: {} } };
      }
      if (fault?.kind === 'reset') return req.socket.destroy();
      send(res, answer);
    })().catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A product of a fake shop's catalogue, as a demo storefront lists it. */
export interface FakeCatalogueProduct {
  /** The id a cart line is made with, in the platform's form, e.g. `101` or `2-7`. */
  readonly id: string;
  readonly name: string;
  /** The platform's SKU or product reference. */
  readonly sku: string;
  /** Gross unit price in PLN. */
  readonly price: Money;
  readonly vatRate: number;
}

/**
 * Checks the lines of a demo cart against a fake's catalogue and resolves each line's product, as the
 * shop's page would. Throws a RangeError for an unknown product or a quantity that is not a whole
 * number from 1 to 99.
 *
 * @example resolveFakeCartLines('WooCommerce', new Map([['101', 101]]), [{ productId: '101', quantity: 2 }]); // [{ item: 101, quantity: 2 }]
 */
export function resolveFakeCartLines<T>(
  platform: string,
  catalogue: ReadonlyMap<string, T>,
  lines: readonly { productId: string; quantity: number }[],
): { item: T; quantity: number }[] {
  return lines.map((line) => {
    const item = catalogue.get(line.productId);
    if (item === undefined) {
      throw new RangeError(
        `The fake ${platform} has no product ${line.productId}; it has ${[...catalogue.keys()].join(', ')}.`,
      );
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 99) {
      throw new RangeError(`Quantity must be a whole number from 1 to 99, got ${line.quantity}.`);
    }
    return { item, quantity: line.quantity };
  });
}
