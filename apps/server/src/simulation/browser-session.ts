/**
 * What a synthetic shopper's browser does over HTTP: keeps the shop's cookies, posts the shop's
 * forms as a same-origin page would, and calls the Kasa API from the shop's page (with its Origin).
 */

const MAX_RATE_LIMITED_TRIES = 20;

export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface BrowserSession {
  /** The shop's pages and forms, with the cookies the shop set; redirects are not followed. */
  shop(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Answer<string>>;
  /** A JSON call to Kasa's API, made from the shop's page. */
  kasa<T = unknown>(
    method: string,
    url: string,
    json?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<T>>;
  /** A cookie on the shop's origin, as a script on its pages would write it. */
  setCookie(name: string, value: string): void;
}

/**
 * A fresh browser (no cookies) for one shopper on `shopUrl`.
 *
 * @example
 * const browser = browserSession('http://127.0.0.1:3001');
 * await browser.shop('POST', '/cart', { productId: 'krowki-250', quantity: '1' });
 */
export function browserSession(
  shopUrl: string,
  send: typeof fetch = fetch,
  onWait?: (ms: number, reason: string) => void,
): BrowserSession {
  const shopOrigin = new URL(shopUrl).origin;
  const cookies = new Map<string, string>();

  const keep = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
  };

  return {
    async shop(method, path, form) {
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', origin: shopOrigin };
      if (cookies.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await send(new URL(path, shopOrigin), {
        method,
        headers,
        redirect: 'manual',
        ...(form ? { body: new URLSearchParams(form) } : {}),
      });
      keep(response.headers);
      return { status: response.status, headers: response.headers, body: await response.text() };
    },

    async kasa(method, url, json, headers = {}) {
      const call = () =>
        send(url, {
          method,
          headers: {
            origin: shopOrigin,
            ...(json === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
      let response = await call();
      // Many shoppers from one address meet the API's per-address limit: wait as it says, as a person would.
      for (let tries = 1; response.status === 429 && tries < MAX_RATE_LIMITED_TRIES; tries++) {
        const seconds = Number(response.headers.get('retry-after'));
        const ms = (Number.isFinite(seconds) ? seconds : 1) * 1000;
        await response.body?.cancel();
        onWait?.(ms, `${new URL(url).host} rate limited (429)`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        response = await call();
      }
      const text = await response.text();
      const isJson = (response.headers.get('content-type') ?? '').includes('json');
      return {
        status: response.status,
        headers: response.headers,
        body: isJson && text ? JSON.parse(text) : text,
      };
    },

    setCookie(name, value) {
      cookies.set(name, value);
    },
  };
}

/** An answer a shopper would not expect: the shopper stops and the run reports it. */
export class UnexpectedAnswer extends Error {}

/**
 * The answer, when its status is what `ok` accepts; else an UnexpectedAnswer saying what was being done.
 *
 * @example expectStatus(await browser.shop('POST', '/checkout'), (s) => s === 303, 'checking out');
 */
export function expectStatus<T>(
  answer: Answer<T>,
  ok: (status: number) => boolean,
  doing: string,
): Answer<T> {
  if (!ok(answer.status)) {
    const detail = typeof answer.body === 'string' ? answer.body.slice(0, 200) : JSON.stringify(answer.body);
    throw new UnexpectedAnswer(`${doing}: ${answer.status} ${detail}`);
  }
  return answer;
}

/** A 2xx status. */
export const success = (status: number): boolean => status >= 200 && status < 300;
