/**
 * Checkout widget benchmark, in real Chromium on 127.0.0.1:
 * 1. weight: what the browser downloads for the checkout before any interaction (widget JS + CSS,
 *    compressed as served), the lazily loaded InPost map excluded;
 * 2. time until the e-mail field accepts typing, with 4× CPU slowdown and DevTools' Fast 3G, for the
 *    demo shop's server-rendered checkout and for a static HTML form with the same fields;
 * 3. the longest main-thread task while a script fills the form with 4× CPU slowdown.
 *
 *   pnpm bench   (or: pnpm --filter @kasa/bench exec tsx widget/run.ts)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { chromiumPath, launchChromium } from '../../e2e/browser.ts';
import { startStack } from '../../e2e/stack.ts';
import { STATIC_FORM } from './static-form.ts';
import { slowPhone } from './throttle.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

if (!chromiumPath) {
  console.log('Widget benchmark skipped: Chromium is not installed (apt-get install -y chromium).');
  process.exit(0);
}

const stack = await startStack();
const staticServer = createServer((_, res) =>
  res.writeHead(200, { 'content-type': 'text/html' }).end(STATIC_FORM),
);
await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
const browser = await launchChromium();

async function checkoutUrl(): Promise<string> {
  const product = stack.runtime.sandbox.listProducts()[0]?.id ?? '';
  const cartRef = await stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
  return `${stack.shopUrl}/kasa?cart=${cartRef}`;
}

/** Milliseconds from navigation until typing into the e-mail field sticks. */
async function timeToType(url: string): Promise<number> {
  const page = await browser.newPage();
  await slowPhone(page, true);
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const email = page.locator('input[name="email"]').first();
  for (;;) {
    try {
      await email.fill('a', { timeout: 25 });
      if ((await email.inputValue()) === 'a') break;
    } catch {
      // not there or not editable yet
    }
  }
  const elapsed = performance.now() - started;
  await page.close();
  return elapsed;
}

async function longestTaskWhileFilling(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { kasaLongest: number };
    w.kasaLongest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.kasaLongest = Math.max(w.kasaLongest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  const type = async (name: string, text: string) => {
    await page.locator(`input[name="${name}"]`).first().click();
    await page.keyboard.type(text, { delay: 40 });
  };
  await type('email', 'anna.kowalska@example.pl');
  await type('phone', '512 345 678');
  await type('firstName', 'Anna');
  await type('lastName', 'Kowalska');
  await type('pointQuery', '30-001');
  await page.keyboard.press('Enter');
  await page.locator('input[name="pickupPoint"]').first().check({ timeout: 10_000 });
  await type('blikCode', '777123');
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { kasaLongest: number }).kasaLongest);
}

try {
  const initial = stack.widget.initial.map((file) => stack.widget.files.get(file));
  const gzip = initial.reduce((total, asset) => total + (asset?.gzip.length ?? 0), 0);
  const brotli = initial.reduce((total, asset) => total + (asset?.brotli.length ?? 0), 0);
  const raw = initial.reduce((total, asset) => total + (asset?.body.length ?? 0), 0);
  const lazy = [...stack.widget.files.keys()].filter((file) => !stack.widget.initial.includes(file));

  const widgetTimes: number[] = [];
  const staticTimes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    staticTimes.push(await timeToType(staticUrl));
    widgetTimes.push(await timeToType(await checkoutUrl()));
  }

  const page = await browser.newPage();
  await slowPhone(page, false);
  await page.goto(await checkoutUrl());
  await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
  const longest = await longestTaskWhileFilling(page);

  const ratio = median(widgetTimes) / median(staticTimes);
  console.log('\nCheckout widget in Chromium (4× CPU slowdown; time to type also on Fast 3G)');
  console.table([
    { figure: 'initial JS+CSS, gzip (kB)', value: (gzip / 1000).toFixed(1), goal: '≤ 30' },
    { figure: 'initial JS+CSS, brotli (kB)', value: (brotli / 1000).toFixed(1), goal: '' },
    { figure: 'initial JS+CSS, raw (kB)', value: (raw / 1000).toFixed(1), goal: '' },
    {
      figure: `time to type, static form (ms, median of ${RUNS})`,
      value: median(staticTimes).toFixed(0),
      goal: '',
    },
    {
      figure: `time to type, Kasa checkout (ms, median of ${RUNS})`,
      value: median(widgetTimes).toFixed(0),
      goal: '',
    },
    { figure: 'time to type, ratio', value: ratio.toFixed(2), goal: '≤ 1.3' },
    { figure: 'longest task while filling (ms; 0 = none ≥ 50)', value: longest.toFixed(0), goal: '< 50' },
  ]);
  console.log(`Initial files: ${stack.widget.initial.join(', ')}; lazy: ${lazy.join(', ') || 'none'}`);
  const verdicts = [gzip <= 30_000, ratio <= 1.3, longest < 50];
  console.log(
    verdicts.every(Boolean) ? 'All widget goals met.' : 'Some widget goals are MISSED (see the table).',
  );
} finally {
  await browser.close();
  staticServer.close();
  await stack.close();
}
