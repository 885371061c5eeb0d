import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS } from './browser.ts';
import type { startStack } from './stack.ts';

type Stack = Awaited<ReturnType<typeof startStack>>;
export type Layout = 'one-page' | 'multi-step';

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

export const SHOPPER = {
  email: 'anna.kowalska@example.pl',
  phone: '512 345 678',
  firstName: 'Anna',
  lastName: 'Kowalska',
} as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Opens the demo shop's checkout for a fresh one-product cart, in the given layout, ready to type. */
export async function openCheckout(
  browser: Browser,
  stack: Stack,
  layout: Layout,
  viewport: keyof typeof VIEWPORTS = 'desktop',
) {
  // bypassCSP only so axe-core can be injected; the page's own scripts run under its CSP.
  const context = await browser.newContext({ ...VIEWPORTS[viewport], bypassCSP: true, locale: 'pl-PL' });
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const product = stack.runtime.sandbox.listProducts()[0]?.id ?? '';
  const cartRef = await stack.runtime.sandbox.createCart([{ productId: product, quantity: 2 }]);
  const url = `${stack.shopUrl}/kasa?cart=${cartRef}&layout=${layout}`;
  await page.goto(url);
  await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
  return { page, context, errors, url, cartRef };
}

export async function fillContact(
  page: Page,
  shopper: Partial<Record<keyof typeof SHOPPER, string>> = SHOPPER,
) {
  for (const [label, value] of [
    ['E-mail', shopper.email],
    ['Telefon komórkowy', shopper.phone],
    ['Imię', shopper.firstName],
    ['Nazwisko', shopper.lastName],
  ] as const) {
    if (value !== undefined) await page.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Chooses the InPost locker option and a point from the accessible list (no map, no network to InPost). */
export async function chooseLocker(page: Page, query = '30-001') {
  await page.getByRole('radio', { name: /InPost Paczkomat/ }).check();
  await page.getByLabel('Kod pocztowy lub miejscowość').fill(query);
  await page.getByRole('button', { name: 'Szukaj' }).click();
  const point = page.getByRole('radio', { name: /KRA\w+/ }).first();
  await point.check();
  return (await point.getAttribute('value')) ?? '';
}

export async function next(page: Page, layout: Layout) {
  if (layout === 'multi-step') await page.getByRole('button', { name: 'Dalej' }).click();
}

export async function enterBlik(page: Page, code: string) {
  await page.getByLabel('Kod BLIK').fill(code);
}

export const buy = (page: Page) => page.getByRole('button', { name: 'Kupuję i płacę' }).click();

export async function waitForPaid(page: Page) {
  await page.getByText(/Dziękujemy/).waitFor({ timeout: 15_000 });
}

/** axe-core over the page (the widget's shadow root included) with the WCAG 2.x A and AA rules. */
export async function expectNoAxeViolations(page: Page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`,
    );
  });
  expect(violations).toEqual([]);
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** The names of the events the widget emits on this page (its `kasa:event`s), as they happen, from the next load on. */
export async function recordWidgetEvents(page: Page): Promise<string[]> {
  const emitted: string[] = [];
  await page.exposeFunction('recordKasaEvent', (name: string) => void emitted.push(name));
  await page.addInitScript(() =>
    document.addEventListener('kasa:event', (event) =>
      (window as unknown as { recordKasaEvent(name: string): void }).recordKasaEvent(
        (event as CustomEvent).detail.name,
      ),
    ),
  );
  return emitted;
}
