import { describeError, KasaError } from '@kasa/core';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { localeOf } from './request.ts';

/** Every error leaves as `{ error: { code, message, merchantMessage, … } }`; faults are logged without personal data. */
export function errorResponder(logger: Logger) {
  return (error: Error, c: Context) => {
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
