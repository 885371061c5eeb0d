import type { Page, Request } from 'playwright-core';

/** One finished download of a page, as Chromium's network records it. */
export interface Download {
  readonly url: string;
  /** Playwright's resource type: document, script, stylesheet, fetch, image, … */
  readonly type: string;
  /** Body bytes as they came over the wire (compressed when the server compressed them). */
  readonly bytes: number;
}

/**
 * Records every request a page makes from now on; `take()` returns those asked for so far, once
 * they have finished, and starts a new list (what came before an interaction, then after it).
 */
export function recordDownloads(page: Page): { take(): Promise<Download[]> } {
  let asked: Promise<Download | undefined>[] = [];
  const download = async (request: Request): Promise<Download | undefined> => {
    const response = await request.response();
    if (!response) return undefined;
    await response.finished();
    const sizes = await request.sizes();
    return { url: request.url(), type: request.resourceType(), bytes: sizes.responseBodySize };
  };
  page.on('request', (request) => void asked.push(download(request).catch(() => undefined)));
  return {
    async take() {
      const taken = asked;
      asked = [];
      return (await Promise.all(taken)).filter((done): done is Download => done !== undefined);
    },
  };
}

/** The file name at the end of a URL (`…/widget/kasa-checkout.3f9a.js` → `kasa-checkout.3f9a.js`). */
export const fileOf = (url: string): string => new URL(url).pathname.split('/').pop() ?? url;
