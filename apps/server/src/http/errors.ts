import type { IncomingMessage } from 'node:http';
import { describeError, KasaError } from '@kasa/core';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { localeOf } from './request.ts';

/** True when the client hung up before its request had fully arrived (a closed tab, a lost network). */
function clientHungUp(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.destroyed === true && !incoming.complete;
}

/**
 * Every error leaves as `{ error: { code, message, merchantMessage, … } }`; faults are logged without
 * personal data. A request its client abandoned mid-body is not a fault: it is logged as aborted and
 * answered with 499 (nginx's "client closed request"), which only the request log sees.
 */
export function errorResponder(logger: Logger) {
  return (error: Error, c: Context) => {
    if (!(error instanceof KasaError) && clientHungUp(c)) {
      logger.info({ method: c.req.method, path: c.req.path }, 'request aborted');
      return new Response(null, { status: 499 });
    }
    const known = error instanceof KasaError ? error : new KasaError('internal', { cause: error });
    const log = { code: known.code, method: c.req.method, path: c.req.path, field: known.field };
    if (known.code === 'internal') {
      logger.error(
        { ...log, err: { type: error.name, message: error.message, stack: error.stack } },
        'request failed',
      );
    } else {
      logger.info(log, 'request refused');
    }
    return c.json({ error: describeError(known, localeOf(c)) }, known.status);
  };
}
