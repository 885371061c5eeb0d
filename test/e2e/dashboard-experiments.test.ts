import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChance, formatPValue } from '../../apps/dashboard/src/format.ts';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { expectNoAxeViolations } from './checkout-page.ts';
import { openDashboard, reportOf } from './dashboard-page.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const TOKEN = 'merchant-token-for-the-experiment-test';

describe.skipIf(!chromiumPath)('the experiment section of the dashboard (real Chromium)', () => {
  let browser: Browser;
  let server: DashboardServer;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startDashboardServer(TOKEN, { costs: false })]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Whether the element lies inside the viewport's width (nothing to scroll sideways for). */
  const insideWidth = (page: Page, testId: string, width: number) =>
    page
      .getByTestId(testId)
      .last()
      .evaluate((el, w) => {
        const box = el.getBoundingClientRect();
        return box.left >= 0 && box.right <= w && box.width > 0;
      }, width);

  it('says which analysis is in force, the plan from the MDE and the start, in Polish and English', async () => {
    const report = await reportOf(server);
    const [experiment] = report.experiments;
    expect(experiment?.method.kind).toBe('sequential');
    expect(experiment?.plan.mde).toBe(0.05);
    expect(experiment?.startDate).toBe('2026-11-01');
    const { page, errors } = await openDashboard(browser, server, { width: 1280 });
    await expect
      .poll(() => page.getByTestId('experiment-method').first().textContent())
      .toBe(`Metoda: ${experiment?.method.pl}`);
    expect(await page.getByTestId('experiment-plan').first().textContent()).toMatch(
      /^Plan: wykryć zmianę konwersji o 5% z mocą 80%; .*Analizowane od 1\slis\s2026 \(faza [0-9a-f]{8}\)$/,
    );
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.getByTestId('experiment-method').first().textContent())
      .toBe(`Method: ${experiment?.method.en}`);
    expect(await page.getByTestId('experiment-plan').first().textContent()).toMatch(
      /^Plan: detect a 5% change in conversion with 80% power; /,
    );
    expect(errors).toEqual([]);
  });

  it('fits the experiment table on a 390 px phone: interval, chance to win and p-value without scrolling sideways', async () => {
    const width = 390;
    const report = await reportOf(server);
    const treatment = report.experiments[0]?.variants[1];
    const c = treatment?.conversion;
    expect(c && !c.reason).toBe(true);
    const { page, errors } = await openDashboard(browser, server, { width });
    const table = page.getByRole('table', { name: 'Wyniki według wariantu' });
    await table.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // The table itself does not need its region to scroll: it is no wider than the region.
    const fits = await table.evaluate((el) => {
      const region = el.parentElement as HTMLElement;
      return { table: el.scrollWidth, region: region.clientWidth, scroll: region.scrollWidth };
    });
    expect(fits.scroll).toBeLessThanOrEqual(fits.region);
    expect(await page.getByTestId('chance').last().textContent()).toBe(
      formatChance(c?.chanceToWin ?? 0, 'pl'),
    );
    expect(await page.getByTestId('p-value').last().textContent()).toBe(formatPValue(c?.pValue ?? 1, 'pl'));
    for (const id of ['chance', 'p-value']) expect(await insideWidth(page, id, width)).toBe(true);
    const interval = table.locator('tbody tr').last().locator('.effect');
    const box = await interval.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
    await expectNoAxeViolations(page);
    await page
      .locator('.experiment')
      .first()
      .screenshot({ path: join(SCREENSHOTS, 'dashboard-experiment-phone.png') });
    expect(errors).toEqual([]);
  });
});
