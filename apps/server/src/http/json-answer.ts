import { derivedOnce } from '@kasa/core';
import type { Context } from 'hono';

/** An answer's JSON text: made once for a deeply frozen answer, such as a reused shipping quote. */
const jsonText = derivedOnce((body: object) => JSON.stringify(body));

/**
 * Answers `body` as JSON, as `c.json` does, without writing again the text of an answer that
 * cannot have changed since it was last written (see derivedOnce).
 */
export const jsonAnswer = (c: Context, body: object, status: 200 | 201 = 200): Response =>
  c.body(jsonText(body), status, { 'Content-Type': 'application/json' });
