/**
 * Prints `[static form ms, checkout ms]` pairs of time to type as JSON on its last line, each load
 * taken as widget/run.ts takes it, after one unmeasured load of each. Run by against-revision.ts in
 * this tree and in another revision's.
 *
 *   pnpm --filter @kasa/bench exec tsx widget/typing-pairs-run.ts [pairs, 7]
 */
import { launchChromium } from '../../e2e/browser.ts';
import { startStack } from '../../e2e/stack.ts';
import { checkoutUrl, serveStaticForm, timeToType } from './typing-pairs.ts';

const pairs = Number(process.argv[2] ?? 7);
const stack = await startStack();
const staticForm = await serveStaticForm();
const browser = await launchChromium();
try {
  // A browser's and a server's first loads compile and cache what the later ones reuse.
  await timeToType(browser, staticForm.url);
  await timeToType(browser, await checkoutUrl(stack));
  const times: [number, number][] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const staticMs = await timeToType(browser, staticForm.url);
    times.push([staticMs, await timeToType(browser, await checkoutUrl(stack))]);
  }
  console.log(JSON.stringify(times));
} finally {
  await browser.close();
  staticForm.close();
  await stack.close();
}
