import { type CallSettings, gaveUp, type PlatformCall, retrying } from './call-platform.ts';

/** What {@link platformFetch} needs beyond {@link CallSettings}. */
export interface PlatformFetchOptions extends CallSettings {
  /** For {@link CallRecord.api}, e.g. `admin-graphql`. */
  readonly api: string;
  /** The fetch to wrap (default the global one). */
  readonly fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** Names the call for records and errors; default `METHOD /path`. */
  readonly operation?: (url: string, init: RequestInit) => string;
  /**
   * Whether repeating this request is harmless; default by method (GET, HEAD, OPTIONS, PUT, DELETE).
   * A GraphQL endpoint takes every call as POST: say here which bodies are queries.
   */
  readonly idempotent?: (url: string, init: RequestInit) => boolean;
  /** As {@link PlatformCall.isRefusal}, over the Response (read a clone). */
  readonly isRefusal?: (response: Response) => boolean;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const discard = (response: Response | undefined) => void response?.body?.cancel().catch(() => {});

const urlOf = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * A `fetch` with the platform policy of {@link callPlatform}: a timeout per try (combined with the
 * caller's own signal), retries with backoff, jitter and `Retry-After`, call records, and the
 * unknown-outcome rule. A final answer comes back as the Response (any status, body unread); when
 * retries run out on an HTTP status the last Response comes back too, so the caller's library sees
 * the 429 or 503 it knows. No answer, or an unknown outcome of a non-idempotent request, throws
 * {@link PlatformCallError} (KasaError `platform_unavailable`). Request bodies must be replayable
 * (strings, not streams).
 *
 * @example
 * import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
 * setAbstractFetchFunc(platformFetch({ platform: 'shopify', api: 'admin-graphql', timeoutMs: 10_000,
 *   retry: { attempts: 3, baseDelayMs: 250, maxDelayMs: 5_000 },
 *   idempotent: (_url, init) => !String(init.body).includes('mutation') }));
 */
export function platformFetch(options: PlatformFetchOptions) {
  const doFetch = options.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init));
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = urlOf(input);
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const caller = init.signal ?? (input instanceof Request ? input.signal : undefined);
    const call: PlatformCall<Response> = {
      api: options.api,
      operation: options.operation?.(url, init) ?? `${method} ${new URL(url).pathname}`,
      method,
      path: url,
      idempotent: options.idempotent?.(url, init) ?? IDEMPOTENT_METHODS.has(method),
      ...(options.isRefusal ? { isRefusal: (a) => options.isRefusal?.(a.body) === true } : {}),
      ...(caller ? { signal: caller } : {}),
    };
    let previous: Response | undefined;
    const result = await retrying(options, call, async (signal) => {
      // A retried answer is dropped: free its connection (not awaited: a tee'd body cancels late).
      discard(previous);
      const response = await doFetch(url, {
        ...(input instanceof Request ? { headers: input.headers } : {}),
        ...init,
        method,
        signal,
      });
      previous = response;
      return {
        status: response.status,
        header: (name) => response.headers.get(name) ?? undefined,
        body: response,
      };
    });
    if (result.kind === 'answer') return result.answer.body;
    if (result.answer.kind === 'http' && (call.idempotent || result.outcome === 'not-done'))
      return result.answer.body;
    if (result.answer.kind === 'http') discard(result.answer.body);
    throw gaveUp(options, call, result);
  };
}
