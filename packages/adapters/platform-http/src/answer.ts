/**
 * What one try of a platform call came back with: an HTTP answer (any status), or no answer at all.
 * Statuses are data here; what a 404 or a 500 means is the adapter's business.
 */

/** The platform answered with a status. `body` is whatever the send function read (JSON, text, a Response). */
export interface HttpAnswer<B = unknown> {
  readonly kind: 'http';
  readonly status: number;
  /** A response header, case-insensitive; undefined when absent. */
  header(name: string): string | undefined;
  readonly body: B;
}

/** No answer: the connection failed, was reset, or the call timed out. */
export interface NetworkAnswer {
  readonly kind: 'network';
  readonly timeout: boolean;
  /** `timeout`, or the socket's error code (`ECONNRESET`, …) or message. Carries no personal data. */
  readonly message: string;
  /** True when the request provably never left (connection refused, unknown host): nothing ran. */
  readonly neverSent: boolean;
}

export type Answer<B = unknown> = HttpAnswer<B> | NetworkAnswer;

/** What a send function gives back for one HTTP exchange; {@link callPlatform} adds `kind`. */
export type Reply<B = unknown> = Omit<HttpAnswer<B>, 'kind'>;

/**
 * A 2xx answer (not a type guard: a non-2xx answer may still be HTTP).
 *
 * @example if (!isOk(answer)) throw failureOf(answer);
 */
export const isOk = (answer: Answer<unknown>): boolean =>
  answer.kind === 'http' && answer.status >= 200 && answer.status < 300;

/**
 * The body of an HTTP answer; undefined when the exchange got no answer.
 *
 * @example parse(schema, bodyOf(answer));
 */
export const bodyOf = <B>(answer: Answer<B>): B | undefined =>
  answer.kind === 'http' ? answer.body : undefined;

/**
 * Parsed JSON, or the text itself when it is not JSON; undefined for an empty body.
 *
 * @example parseBody('{"id":1}'); // { id: 1 }
 * @example parseBody('<html>'); // '<html>'
 */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The reply of a fetch `Response`, its body read as text (`read: 'text'`) or as JSON-or-text.
 *
 * @example callPlatform(settings, call, async (signal) => replyOf(await fetch(url, { signal })));
 */
export async function replyOf(response: Response, read: 'text'): Promise<Reply<string>>;
export async function replyOf(response: Response, read?: 'json-or-text'): Promise<Reply<unknown>>;
export async function replyOf(response: Response, read: 'text' | 'json-or-text' = 'json-or-text') {
  const text = await response.text();
  return {
    status: response.status,
    header: (name: string) => response.headers.get(name) ?? undefined,
    body: read === 'text' ? text : parseBody(text),
  };
}
