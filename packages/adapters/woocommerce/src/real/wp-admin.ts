/**
 * A browser-less WordPress login: the cookies of `wp-login.php` and the forms of wp-admin, as a
 * shop owner uses them (upload a plugin, save its settings). Nonces come from the pages themselves.
 */

export interface WpSession {
  /** A page (admin or storefront) with the session's cookies; follows no redirect. */
  get(path: string): Promise<{ status: number; text: string; location?: string }>;
  /** A form post, urlencoded or multipart (when `body` is FormData). */
  post(
    path: string,
    body: URLSearchParams | FormData,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string; location?: string }>;
  /** A REST call with the cookies and the `wp_rest` nonce, as a logged-in shopper's own page makes it. */
  rest(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  readonly cookieHeader: () => string;
}

/** The value of an input or a nonce field in a page. */
export function fieldValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name=["']${name.replace(/[[\]]/g, '\\$&')}["'][^>]*>`, 'i').exec(
    html,
  )?.[0];
  return tag ? /value=["']([^"']*)["']/i.exec(tag)?.[1] : undefined;
}

/** Logs in with a user's password and returns the session; throws when WordPress refuses. */
export async function wpLogin(base: string, user: string, password: string): Promise<WpSession> {
  const jar = new Map<string, string>([['wordpress_test_cookie', 'WP%20Cookie%20check']]);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/deleted|^$/.test(value) || /expires=Thu, 01-Jan-1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(init.headers as Record<string, string> | undefined) },
    });
    keep(response);
    const location = response.headers.get('location') ?? undefined;
    return { status: response.status, text: await response.text(), ...(location ? { location } : {}) };
  };

  const login = await send('/wp-login.php', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      log: user,
      pwd: password,
      'wp-submit': 'Log In',
      redirect_to: `${base}/wp-admin/`,
      testcookie: '1',
    }),
  });
  if (login.status !== 302 || ![...jar.keys()].some((k) => k.startsWith('wordpress_logged_in_'))) {
    throw new Error(`WordPress refused the login of ${user} (HTTP ${login.status})`);
  }
  let nonce: string | undefined;
  const restNonce = async () => {
    if (nonce === undefined) {
      const answer = await send('/wp-admin/admin-ajax.php?action=rest-nonce');
      if (answer.status !== 200 || !/^[0-9a-f]{10}$/.test(answer.text.trim())) {
        throw new Error(`no REST nonce for ${user}: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
      nonce = answer.text.trim();
    }
    return nonce;
  };

  return {
    cookieHeader,
    get: (path) => send(path),
    post: (path, body, headers = {}) =>
      send(path, {
        method: 'POST',
        body,
        headers:
          body instanceof URLSearchParams
            ? { 'content-type': 'application/x-www-form-urlencoded', ...headers }
            : headers,
      }),
    async rest(method, path, body, headers = {}) {
      const response = await fetch(`${base}/wp-json${path}`, {
        method,
        redirect: 'manual',
        headers: {
          cookie: cookieHeader(),
          'x-wp-nonce': await restNonce(),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      keep(response);
      return response;
    },
  };
}
