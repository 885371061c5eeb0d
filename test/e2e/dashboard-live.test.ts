import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDashboardAssets } from '@kasa/dashboard/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../apps/dashboard/src/format.ts';
import { eventually, type Kasa, readyCheckout, startKasa } from '../../apps/server/test/harness.ts';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { expectNoAxeViolations } from './checkout-page.ts';
import { openDashboard } from './dashboard-page.ts';

const TOKEN = 'merchant-token-for-the-live-view-test';
/** The page asks every 10 s: a change shows within one poll and a little. */
const WITHIN_A_POLL = { timeout: 16_000, interval: 250 };

describe.skipIf(!chromiumPath)(
  'the live view of the dashboard against the real server (real Chromium)',
  () => {
    let browser: Browser;
    let kasa: Kasa;

    beforeAll(async () => {
      // Its own build directory, so other suites building the dashboard at the same time do not collide.
      const dashboard = await loadDashboardAssets(join(tmpdir(), 'kasa-dashboard-live-test'));
      [browser, kasa] = await Promise.all([
        launchChromium(),
        startKasa({ config: { analytics: { merchantToken: TOKEN } }, dashboard }),
      ]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await kasa?.close();
    });

    const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

    it('shows a checkout in progress, then its paid order and revenue without a reload, open and provisional', async () => {
      const { page, errors } = await openDashboard(browser, { url: kasa.url, token: TOKEN }, { width: 390 });
      const live = page.getByRole('region', { name: 'Na żywo' });
      await live.waitFor();
      await expect.poll(() => text(page, 'live-open')).toContain('Żaden checkout z ostatnich 24 h');
      expect(await text(page, 'live-in-progress')).toContain('0');
      expect(await text(page, 'live-last-hour')).toContain('0 zamówień');
      // Marks this document: a reload would lose the mark.
      await page.evaluate(() => {
        (window as unknown as { liveMark: string }).liveMark = 'same page';
      });

      // A shopper begins a checkout through the real checkout API; their browser reports it.
      const { id, view } = await readyCheckout(kasa);
      const begun = await kasa.api('POST', '/api/collect', {
        events: [
          {
            id: 'live-e2e-begin-1',
            ts: Date.now(),
            shopId: 'demo',
            checkoutId: id,
            experiments: { 'checkout-layout': 'one-page' },
            name: 'begin_checkout',
            params: { value: view.totals.total.amount, currency: 'PLN', items: [] },
          },
        ],
      });
      expect(begun.body).toMatchObject({ stored: 1, rejected: [] });
      await expect
        .poll(() => page.getByTestId('live-in-progress').locator('.value').textContent(), WITHIN_A_POLL)
        .toBe('1');
      expect(await text(page, 'live-open')).toBe(
        '1 checkout z ostatnich 24 h jest jeszcze otwarty: na razie 0 zamówień (konwersja 0%, wstępna); ' +
          `ostateczne jutro o ${await finalTime(page)}`,
      );
      expect(await text(page, 'live-experiment')).toContain(
        'one-page: 1 checkout, 0 zamówień (0%, wstępnie)',
      );

      // The order is placed and paid with BLIK in the sandbox, while the page stays open.
      const placed = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, {
        'idempotency-key': `order-${id}`,
      });
      const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
      const paid = await eventually(
        () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
        (r) => r.body.status === 'paid',
      );
      expect(paid.body.status).toBe('paid');
      const revenue = formatMoney(placed.body.order.total.amount, 'pl');

      await expect.poll(() => text(page, 'live-last-hour'), WITHIN_A_POLL).toContain('1 zamówienie');
      expect(await text(page, 'live-last-hour')).toContain(revenue);
      expect(await text(page, 'live-last-24h')).toContain(revenue);
      expect(await page.getByTestId('live-in-progress').locator('.value').textContent()).toBe('0');
      expect(await text(page, 'live-open')).toContain('na razie 1 zamówienie (konwersja 100%, wstępna)');
      expect(await text(page, 'live-experiment')).toContain(
        'one-page: 1 checkout, 1 zamówienie (100%, wstępnie)',
      );
      expect(await page.getByTestId('live-chart-alt').textContent()).toContain(`1 zamówienie (${revenue})`);
      expect(await page.getByTestId('live-chart').locator('.bar-value').allTextContents()).toEqual(['1']);
      // Told politely, once: the new order and the checkouts in progress.
      const announcement = page.getByTestId('live-announcement');
      expect(await announcement.getAttribute('aria-live')).toBe('polite');
      expect(await announcement.textContent()).toContain('Nowe zamówienia: 1.');
      expect(await page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark)).toBe(
        'same page',
      );

      // Fits the phone, passes axe, and says the same in English.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(page);
      await live.screenshot({ path: join(SCREENSHOTS, 'dashboard-live-phone.png') });
      await page.getByRole('button', { name: 'English' }).click();
      await expect
        .poll(() => text(page, 'live-open'))
        .toContain(
          '1 checkout from the last 24 h is still open: 1 order so far (conversion 100%, provisional)',
        );
      expect(await text(page, 'live-last-hour')).toContain('1 order');
      expect(errors).toEqual([]);
    }, 90_000);

    it('stops asking while the tab is hidden and asks at once when it shows again', async () => {
      const { page, errors } = await openDashboard(browser, { url: kasa.url, token: TOKEN }, { width: 1280 });
      await page.getByRole('region', { name: 'Na żywo' }).getByTestId('live-open').waitFor();
      const asked: number[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/analytics/live')) asked.push(Date.now());
      });
      const setHidden = (hidden: boolean) =>
        page.evaluate((value) => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
          document.dispatchEvent(new Event('visibilitychange'));
        }, hidden);
      await setHidden(true);
      await expect.poll(() => text(page, 'live-updated')).toBe('Wstrzymane, gdy karta jest w tle');
      // More than one polling interval in the background: no request.
      await page.waitForTimeout(11_000);
      expect(asked).toEqual([]);
      await setHidden(false);
      await expect.poll(() => asked.length, { timeout: 3_000 }).toBe(1);
      await expect.poll(() => text(page, 'live-updated')).toMatch(/^Stan na \d{2}:\d{2}$/);
      expect(errors).toEqual([]);
    }, 60_000);
  },
);

/** The clock time the page shows for the checkout's final outcome, read back to compare the sentence. */
async function finalTime(page: Page): Promise<string> {
  const sentence = (await page.getByTestId('live-open').textContent()) ?? '';
  const time = /(\d{2}:\d{2})$/.exec(sentence)?.[1];
  expect(time).toBeDefined();
  // One attribution window (24 h) after it began, on the shop's clock.
  const expected = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Warsaw',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(Date.now());
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const apart = Math.abs(minutes(time ?? '') - minutes(expected));
  expect(Math.min(apart, 24 * 60 - apart)).toBeLessThanOrEqual(1);
  return time ?? '';
}
