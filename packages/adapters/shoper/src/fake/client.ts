import type { ShoperFake } from './types.ts';

/** Test helper: one call to the fake's webapi, as any HTTP client makes it. Not part of the fake. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export async function call(
  fake: Pick<ShoperFake, 'url'>,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; authorization?: string; form?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const authorization =
    options.authorization ?? (options.token === undefined ? undefined : `Bearer ${options.token}`);
  if (authorization !== undefined) headers.authorization = authorization;
  let body: string | undefined;
  if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const answer = await fetch(`${fake.url}/webapi/rest/${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await answer.text();
  return { status: answer.status, headers: answer.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/** A bearer token of the fake's API user. */
export async function tokenOf(fake: ShoperFake): Promise<string> {
  const answer = await call(fake, 'POST', 'auth', {
    authorization: basic(fake.config.auth.login, fake.config.auth.password),
  });
  return (answer.body as { access_token: string }).access_token;
}
