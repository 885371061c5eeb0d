import type { Context } from 'hono';

/** A built file, compressed once at load: gzip always, brotli where the bundle made it. */
export interface CompressedAsset {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly brotli?: Buffer;
  readonly contentType: string;
}

/**
 * Answers with a content-hashed asset, cached for a year, in the best encoding the client accepts
 * (brotli, then gzip, then none).
 */
export function serveAsset(c: Context, asset: CompressedAsset): Response {
  const accepts = c.req.header('accept-encoding') ?? '';
  const [body, encoding] =
    asset.brotli && accepts.includes('br')
      ? [asset.brotli, 'br']
      : accepts.includes('gzip')
        ? [asset.gzip, 'gzip']
        : [asset.body, undefined];
  c.header('Content-Type', asset.contentType);
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  c.header('Vary', 'Accept-Encoding');
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(new Uint8Array(body));
}
