import type { Page } from 'playwright-core';

/** The e-mail field: in the checkout's shadow root, or in the document for the static form. */
const EMAIL_FIELD = `(document.querySelector('kasa-checkout')?.shadowRoot ?? document).querySelector('input[name="email"]')`;

/**
 * Run in the page: the middle of the e-mail field when it is laid out and editable, else null. One
 * lookup an ask: walking every element each 5 ms would add work to the main thread being timed. A
 * string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
 */
const EMAIL_FIELD_MIDDLE = `(() => {
  const field = ${EMAIL_FIELD};
  if (!field || field.disabled || field.readOnly) return null;
  const box = field.getBoundingClientRect();
  return box.width > 0 && box.height > 0 ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
})()`;

/** How long to wait between two asks. */
const ASK_EVERY_MS = 5;

/**
 * Resolves, with where to tap it, once the page's e-mail field can take typing, asking the page
 * every few milliseconds. Playwright's own wait (`locator.fill`) asks again only after 20, 50, 100,
 * 100, then 500 ms, so a field ready just after an ask counted as ready at the next one: the figure
 * moved in those steps, whatever the page did. Each ask waits for the page's main thread, as a
 * shopper's key would.
 */
export async function emailFieldReady(page: Page, timeoutMs: number): Promise<{ x: number; y: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // Right after the navigation commits, the page's context can still be replaced: an ask that fails then asks again.
    const middle = await page.evaluate(EMAIL_FIELD_MIDDLE).catch(() => null);
    if (middle) return middle as { x: number; y: number };
    if (performance.now() > deadline) throw new Error(`the e-mail field was not ready in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, ASK_EVERY_MS));
  }
}

/**
 * Taps the e-mail field and types `text` as a shopper does: pointer and key events through the
 * browser's input pipeline, each handled when the page's main thread is free. Resolves to the
 * field's value once the page has taken the keys. Playwright's `fill` would instead run its own
 * script in the page before the text goes in (finding the element across shadow roots, waiting for
 * two frames in which it does not move, scrolling it into view), a cost that grows with the page's
 * size and that no shopper pays.
 */
export async function tapAndType(page: Page, at: { x: number; y: number }, text: string): Promise<string> {
  await page.mouse.click(at.x, at.y);
  await page.keyboard.type(text);
  return String(await page.evaluate(`${EMAIL_FIELD}?.value`));
}
