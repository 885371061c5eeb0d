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

/** Serves a fetch handler and resolves once it accepts connections. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname = '127.0.0.1',
): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
  });
}
