import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

/** A port the OS says is free now, for servers whose URL must be known before they start. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Another process already listens on the port (`EADDRINUSE`). */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly hostname: string,
  ) {
    super(`port ${port} on ${hostname} is already in use`);
  }
}

/**
 * Serves a fetch handler and resolves once it accepts connections; rejects with PortInUseError when
 * the port is taken.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname = '127.0.0.1',
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => {
      server.off('error', refuse);
      resolve(server);
    });
    const refuse = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, hostname) : error);
    server.once('error', refuse);
  });
}

/**
 * Stops a server the way a process manager expects: no new connections, requests in flight answered
 * (each one's connection closed after its answer rather than kept alive), and whatever is still open
 * after `graceMs` (a payment's event stream, a stalled client) cut.
 *
 * @example await closeGracefully(server, 5_000);
 */
export function closeGracefully(server: ServerType, graceMs: number): Promise<void> {
  const http = server as Server;
  return new Promise((resolve) => {
    const sweep = setInterval(() => http.closeIdleConnections(), 50);
    const deadline = setTimeout(() => http.closeAllConnections(), graceMs);
    // A request that still arrives on a kept-alive connection is answered, and its connection ends.
    http.prependListener('request', (_request, response) => {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    });
    http.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    http.closeIdleConnections();
  });
}
