/**
 * A record of one try of a platform call, for call counting and logs. It carries no personal data:
 * the path loses its query (REST queries carry OAuth parameters and search terms such as e-mails).
 */
export interface CallRecord {
  /** Which of the platform's APIs: `store`, `rest`, `webservice`, `admin-graphql`, … */
  readonly api: string;
  /** The platform call name, e.g. `placeOrder: POST /checkout`. */
  readonly operation: string;
  readonly method: string;
  /** The path without the query. */
  readonly path: string;
  /** The HTTP status, when the platform answered. */
  readonly status?: number;
  /** `timeout` or the socket's error code, when it did not. */
  readonly error?: string;
  readonly ms: number;
}

/**
 * The path of a URL or path, without query or fragment.
 *
 * @example pathWithoutQuery('https://shop.pl/wp-json/wc/v3/orders?search=a@b.pl'); // '/wp-json/wc/v3/orders'
 * @example pathWithoutQuery('/orders/7?x=1'); // '/orders/7'
 */
export function pathWithoutQuery(urlOrPath: string): string {
  const bare = urlOrPath.split(/[?#]/, 1)[0] ?? '';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(bare)) return bare;
  try {
    return new URL(bare).pathname;
  } catch {
    return bare;
  }
}
