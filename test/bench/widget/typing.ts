import type { Page } from 'playwright-core';

/**
 * Run in the page: whether the e-mail field (in the checkout's shadow root, or in the document for
 * the static form) is laid out and editable. One lookup an ask: walking every element each 5 ms
 * would add work to the main thread being timed. A string, not a function: tsx would wrap a
 * function's inner names in a helper the page does not have.
 */
const EMAIL_FIELD_READY = `(() => {
  const root = document.querySelector('kasa-checkout')?.shadowRoot ?? document;
  const field = root.querySelector('input[name="email"]');
  if (!field || field.disabled || field.readOnly) return false;
  const box = field.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
})()`;

/** How long to wait between two asks. */
const ASK_EVERY_MS = 5;

/**
 * Resolves once the page's e-mail field can take typing, asking the page every few milliseconds.
 * Playwright's own wait (`locator.fill`) asks again only after 20, 50, 100, 100, then 500 ms, so a
 * field ready just after an ask counted as ready at the next one: the figure moved in those steps,
 * whatever the page did. Each ask waits for the page's main thread, as a shopper's key would.
 */
export async function emailFieldReady(page: Page, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  // Right after the navigation commits, the page's context can still be replaced: an ask that fails then asks again.
  while (!(await page.evaluate(EMAIL_FIELD_READY).catch(() => false))) {
    if (performance.now() > deadline) throw new Error(`the e-mail field was not ready in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, ASK_EVERY_MS));
  }
}
