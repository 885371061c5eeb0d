/**
 * Time to type of the demo shop's checkout and of the static form, as the widget bench takes it:
 * the page loaded with 4× CPU slowdown and Fast 3G, the e-mail field asked for every 5 ms, then
 * tapped and typed into. Shared by widget/run.ts and the comparison with another revision
 * (against-revision.ts), which copies this folder's files into that revision's tree.
 */
import type { Browser } from 'playwright-core';
import { servePages } from '../../e2e/page-server.ts';
import type { Stack } from '../../e2e/stack.ts';
import { STATIC_FORM } from './static-form.ts';
import { slowPhone } from './throttle.ts';
import { emailFieldReady, tapAndType } from './typing.ts';

/** Serves the static form on 127.0.0.1; its URL, and how to stop serving it. */
export async function serveStaticForm(): Promise<{ url: string; close: () => void }> {
  const { server, url } = await servePages((_, _body, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end(STATIC_FORM),
  );
  return { url: `${url}/`, close: () => server.close() };
}

/** A fresh one-page checkout of one product on the demo shop. */
export async function checkoutUrl(stack: Stack): Promise<string> {
  const product = stack.runtime.sandbox.listProducts()[0]?.id ?? '';
  const cartRef = await stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
  return `${stack.shopUrl}/kasa?cart=${cartRef}&layout=one-page`;
}

/**
 * Milliseconds from navigation until typing into the e-mail field sticks. `withoutScripts` blocks
 * every script, so the page's HTML alone is timed: what the widget's script adds is the difference.
 */
export async function timeToType(browser: Browser, url: string, withoutScripts = false): Promise<number> {
  const page = await browser.newPage();
  // Blocked by Chromium's network stack: Playwright's routing would hold every request, the page's too.
  await slowPhone(page, true, withoutScripts);
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const typed = await tapAndType(page, await emailFieldReady(page, 60_000), 'a');
  const elapsed = performance.now() - started;
  if (typed !== 'a') throw new Error(`typing into ${url} did not stick (the field holds "${typed}")`);
  await page.close();
  return elapsed;
}
