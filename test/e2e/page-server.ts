import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request of a test page server, with the request's whole body read. */
export type PageHandler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/**
 * An HTTP server on 127.0.0.1 for a browser test's pages and stubs, on `port` (default a free one).
 *
 * @example const { server, url } = await servePages((req, body, res) => res.end('<p>ok</p>'));
 */
export async function servePages(handler: PageHandler, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => handler(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
