/**
 * A stand-in for the Kasa server's webhook endpoint on 127.0.0.1 for tests against a real shop: it
 * verifies every delivery with the adapter (the exact raw body and the platform's signature) and keeps
 * what arrived.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '@kasa/core';

export interface Delivery {
  readonly path: string;
  readonly event?: WebhookEvent;
  readonly refused?: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: the Kasa server URL to save in the plugin. */
  readonly url: string;
  readonly deliveries: Delivery[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  verify: (req: { headers: Record<string, string>; body: string }) => Promise<WebhookEvent>,
): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]),
      );
      const body = Buffer.concat(chunks).toString('utf8');
      verify({ headers, body }).then(
        (event) => {
          deliveries.push({ path: req.url ?? '', event });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
        },
        (error: unknown) => {
          deliveries.push({ path: req.url ?? '', refused: String(error) });
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"notification_invalid"}');
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
