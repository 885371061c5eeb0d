/**
 * A URL's query parameters as a plain object, the first value of each name, decoded as a form
 * decodes them (`+` is a space, `%XX` a byte of UTF-8; a malformed escape is kept as written): what
 * Hono's `c.req.query()` gives, into an ordinary object. Reading them with `c.req.query()` cost the
 * quote route a fifth of its throughput under load, though a microbenchmark gives it 1 µs (checkout
 * API bench, the quote with `?postcode=` flat out: 20.7k → 26.3k req/s, bare ÷ Kasa 2.11× → 1.65×;
 * copying its prototype-less object into an ordinary one before zod's check did not help).
 *
 * @example queryParams('/api/checkouts/c1/pickup-points?q=Kraków+Rynek&limit=5'); // { q: 'Kraków Rynek', limit: '5' }
 */
export function queryParams(url: string): Record<string, string> {
  const params: Record<string, string> = {};
  const start = url.indexOf('?');
  if (start === -1) return params;
  const end = url.indexOf('#', start);
  for (const pair of url.slice(start + 1, end === -1 ? undefined : end).split('&')) {
    const equals = pair.indexOf('=');
    const name = decoded(equals === -1 ? pair : pair.slice(0, equals));
    if (name === '' || Object.hasOwn(params, name)) continue;
    const value = equals === -1 ? '' : decoded(pair.slice(equals + 1));
    // Assigned, `__proto__` would set the prototype instead: made an own property, a schema sees it.
    if (name === '__proto__')
      Object.defineProperty(params, name, { value, enumerable: true, writable: true });
    else params[name] = value;
  }
  return params;
}

function decoded(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
