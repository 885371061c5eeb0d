import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatRate } from '../../apps/dashboard/src/format.ts';
import { krPeriodLabel, krStatusText } from '../../apps/dashboard/src/kr-card-text.ts';
import { MESSAGES } from '../../apps/dashboard/src/messages.ts';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { expectNoAxeViolations } from './checkout-page.ts';
import { openDashboard, reportOf } from './dashboard-page.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const TOKEN = 'merchant-token-for-the-simulated-data-test';

describe.skipIf(!chromiumPath)('simulated data and KR cards on the dashboard (real Chromium)', () => {
  let browser: Browser;
  let server: DashboardServer;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startDashboardServer(TOKEN)]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tile = (page: Page, label: string) =>
    page
      .getByRole('region', { name: 'Najważniejsze liczby' })
      .locator('.tile')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('.value');
  const cardOf = (page: Page, metric: string) =>
    page
      .locator('article.kr')
      .filter({ has: page.getByRole('heading', { level: 3, name: metric, exact: true }) });

  it('shows each KR with its status, its period to the last included day and a trend chart with axis and target', async () => {
    const report = await reportOf(server);
    const { page, errors } = await openDashboard(browser, server, { width: 390, height: 900 });
    for (const card of report.krs) {
      const article = cardOf(page, MESSAGES.pl.metrics[card.keyResult.metric] ?? card.keyResult.metric);
      await expect
        .poll(() => article.getByTestId('kr-status').textContent())
        .toBe(krStatusText(card, MESSAGES.pl, 'pl'));
      expect(await article.getByTestId('kr-period').textContent()).toBe(
        krPeriodLabel(card.keyResult.period, MESSAGES.pl, 'pl'),
      );
      const chart = article.getByRole('img', { name: /wartości w okresie/ });
      // The target as a labelled line, y ticks in the metric's unit, dates under the axis.
      expect(await chart.getByTestId('trend-target').textContent()).toBe(
        `cel ${formatRate(card.keyResult.target, 'pl')}`,
      );
      const ticks = await chart.locator('text').allTextContents();
      expect(ticks.some((t) => /^\d+,\d%$/.test(t))).toBe(true);
      expect(ticks.some((t) => /^\d+\u00a0(sty|lut|mar|kwi|maj|cze|lip|sie|wrz|paź|lis|gru)$/.test(t))).toBe(
        true,
      );
      expect(await chart.locator('circle').count()).toBe(card.trend.filter((p) => p.value !== null).length);
      // The same values in a table for screen readers and whoever wants the numbers.
      await article.getByText('Pokaż wartości w tabeli').click();
      await expect.poll(() => article.getByRole('table').locator('tbody tr').count()).toBe(card.trend.length);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page
      .locator('article.kr')
      .first()
      .screenshot({ path: join(SCREENSHOTS, 'dashboard-kr-card-phone.png') });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-kr-trend-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('hides simulated checkouts by default, shows them on request and deletes them with the action', async () => {
    const [real, both] = await Promise.all([reportOf(server), reportOf(server, '?simulated=both')]);
    expect(real.simulatedHidden).toBeGreaterThan(1000);
    expect(both.headline.checkoutAbandonment.total).toBeGreaterThan(real.headline.checkoutAbandonment.total);
    const { page, errors } = await openDashboard(browser, server, { width: 1280, height: 900 });

    // By default: real checkouts only, and the banner says how many simulated ones it hides.
    const banner = page.getByTestId('simulated-banner');
    await banner
      .getByText(`Ukryto ${formatCount(real.simulatedHidden, 'pl')} symulowanych checkoutów`)
      .waitFor();
    await expect
      .poll(() => tile(page, 'Porzucone checkouty').textContent())
      .toBe(formatRate(real.headline.checkoutAbandonment.rate, 'pl'));
    const data = page.getByLabel('Dane', { exact: true });
    expect(await data.inputValue()).toBe('');
    expect(await data.locator('option').allTextContents()).toEqual([
      'Tylko prawdziwe',
      'Tylko symulowane',
      'Prawdziwe i symulowane',
    ]);

    // On request: both, in the URL, with the share of simulated ones.
    await banner.getByRole('link', { name: 'Pokaż także dane symulowane' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?simulated=both');
    await expect
      .poll(() => tile(page, 'Porzucone checkouty').textContent())
      .toBe(formatRate(both.headline.checkoutAbandonment.rate, 'pl'));
    await banner.getByText(/^Dane symulowane: \d+% checkoutów$/).waitFor();
    expect(await data.inputValue()).toBe('both');

    // Delete: asked first, cancel keeps everything; then deleted, with what was deleted.
    await banner.getByRole('button', { name: 'Usuń dane symulowane' }).click();
    const dialog = page.getByRole('dialog', { name: 'Usunąć dane symulowane?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await reportOf(server, '?simulated=true')).headline.cartAbandonment.total).toBeGreaterThan(0);

    await banner.getByRole('button', { name: 'Usuń dane symulowane' }).click();
    await dialog.getByRole('button', { name: 'Usuń', exact: true }).click();
    await banner.getByText(/^Usunięto [\d\u00a0]+ checkout(ów|y)? i [\d\u00a0]+ zdarze(ń|nia)\.$/).waitFor();
    const after = await reportOf(server, '?simulated=both');
    expect(after.simulatedShare).toBe(0);
    expect(after.headline.checkoutAbandonment).toEqual(real.headline.checkoutAbandonment);
    expect((await reportOf(server)).simulatedHidden).toBe(0);
    // The page reloaded its report: both kinds now equal the real ones.
    await expect
      .poll(() => tile(page, 'Porzucone checkouty').textContent())
      .toBe(formatRate(real.headline.checkoutAbandonment.rate, 'pl'));
    await expect.poll(() => banner.getByText(/^Dane symulowane/).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-simulated-deleted.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
