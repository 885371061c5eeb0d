import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OkrDocument } from '../../apps/dashboard/src/api.ts';
import { formatCount, formatMoney, formatRate, formatSignedShare } from '../../apps/dashboard/src/format.ts';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { expectNoAxeViolations } from './checkout-page.ts';
import { DAY_MS, isoDate } from './dashboard-data.ts';
import { merchantGet, openDashboard, reportOf } from './dashboard-page.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const TOKEN = 'merchant-token-for-the-dashboard-test';
const DESKTOP = { width: 1280, height: 900 };
const OKR = '/api/analytics/okr';

type Server = DashboardServer;

describe.skipIf(!chromiumPath)('merchant dashboard (real Chromium)', () => {
  let browser: Browser;
  let server: Server;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startDashboardServer(TOKEN)]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const headline = (page: Page) => page.getByRole('region', { name: /Najważniejsze liczby|Key numbers/ });
  const tile = (page: Page, label: string) =>
    headline(page)
      .locator('.tile')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('.value');
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });

  it('answers 401 without the token and shows the sign-in form, then signs in', async () => {
    const refused = await fetch(`${server.url}/api/analytics/report`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    // The page allows only its own script and stylesheet: no inline scripts or styles at all.
    const csp = (await fetch(`${server.url}/dashboard/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');

    const { page, errors } = await openDashboard(browser, server, { ...DESKTOP, withToken: false });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await page.getByRole('heading', { name: 'Zaloguj się do analityki' }).waitFor();
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await page.getByRole('alert').getByText('Wpisz token sprzedawcy.').waitFor();
    await expectNoAxeViolations(page);
    await shot(page, 'sign-in');

    await page.getByLabel('Token sprzedawcy').fill('wrong-token');
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await page
      .getByRole('alert')
      .getByText(/Token jest nieprawidłowy lub wygasł/)
      .waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.getByLabel('Token sprzedawcy').fill(server.token);
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await headline(page).waitFor();
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('takes the token from the fragment and shows the report: KR cards, funnel, experiment verdict', async () => {
    // The page, as the API, shows real checkouts only unless asked for simulated ones.
    const [report, both] = await Promise.all([reportOf(server), reportOf(server, '?simulated=both')]);
    // The seed: a third of the checkouts marked real, and the imported ad costs joined to their channels.
    expect(report.headline.checkoutConversion.total).toBeGreaterThan(0);
    expect(report.headline.checkoutConversion.total).toBeLessThan(both.headline.checkoutConversion.total);
    expect(both.simulatedShare).toBeGreaterThan(0.5);
    expect(both.simulatedShare).toBeLessThan(0.8);
    expect(report.simulatedShare).toBe(0);
    expect(report.simulatedHidden).toBeGreaterThan(1000);
    expect(report.channels.lastTouch.find((row) => row.campaign === 'zima-2026')?.cost).toBeGreaterThan(0);
    const { page, errors } = await openDashboard(browser, server, DESKTOP);
    await headline(page).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => Object.values({ ...sessionStorage }))).toEqual([server.token]);

    expect(await tile(page, 'Konwersja checkoutu').textContent()).toBe(
      formatRate(report.headline.checkoutConversion.rate, 'pl'),
    );
    const [kr] = report.krs;
    expect(await page.getByTestId('kr-current').first().textContent()).toBe(
      formatRate(kr?.current ?? null, 'pl'),
    );
    await expect
      .poll(() => page.getByRole('progressbar').first().getAttribute('aria-valuenow'))
      .toBe(String(Math.max(0, Math.min(100, Math.round((kr?.progress ?? 0) * 100)))));
    // React sets the bar's width through the CSSOM, which the CSP (no 'unsafe-inline' styles) allows.
    const bar = page.getByRole('progressbar').first();
    const drawn = await bar.evaluate((track) => {
      const fill = track.firstElementChild as HTMLElement;
      return { fill: fill.getBoundingClientRect().width, track: track.clientWidth, style: fill.style.width };
    });
    expect(drawn.style).toBe(`${await bar.getAttribute('aria-valuenow')}%`);
    expect(drawn.fill / drawn.track).toBeCloseTo(Number(await bar.getAttribute('aria-valuenow')) / 100, 1);
    await page.getByText('ICE 280 (8 × 5 × 7)').first().waitFor();

    const [group] = report.funnel;
    const funnel = page.getByRole('figure', { name: new RegExp(`^${group?.label}: `) });
    const contact = funnel.getByRole('listitem').first();
    expect(await contact.locator('.funnel-label').textContent()).toBe('Kontakt');
    expect(await contact.locator('.funnel-value').textContent()).toBe(
      `${formatCount(group?.sections[0]?.reached ?? 0, 'pl')} (100,0%)`,
    );
    await funnel
      .getByRole('listitem')
      .nth(1)
      .getByText(/^odpadło \d+,\d%$/)
      .waitFor();

    const verdict = report.experiments[0]?.verdict.pl ?? '';
    expect(verdict).not.toBe('');
    await expect.poll(() => page.getByTestId('verdict').first().textContent()).toBe(verdict);
    await page.getByRole('table', { name: 'Wyniki według wariantu' }).waitFor();
    await page
      .getByText(`Ukryto ${formatCount(report.simulatedHidden, 'pl')} symulowanych checkoutów`)
      .waitFor();
    await page
      .getByRole('table', { name: 'Płatności według metody' })
      .getByRole('rowheader', { name: 'BLIK' })
      .waitFor();

    await expectNoAxeViolations(page);
    await shot(page, 'report-pl');
    expect(errors).toEqual([]);
  });

  it('puts a changed filter in the URL, shows the new numbers, and a shared URL shows the same view', async () => {
    const [all, mobile] = await Promise.all([reportOf(server), reportOf(server, '?device=mobile')]);
    expect(mobile.headline.checkoutConversion.total).toBeLessThan(all.headline.checkoutConversion.total);
    const { page } = await openDashboard(browser, server, DESKTOP);
    const conversion = tile(page, 'Konwersja checkoutu');
    await expect
      .poll(() => conversion.textContent())
      .toBe(formatRate(all.headline.checkoutConversion.rate, 'pl'));

    await page.getByLabel('Urządzenie').selectOption('mobile');
    await expect.poll(() => new URL(page.url()).search).toBe('?device=mobile');
    await expect
      .poll(() =>
        headline(page)
          .getByText(/ z .* checkoutów/)
          .first()
          .textContent(),
      )
      .toContain(formatCount(mobile.headline.checkoutAbandonment.total, 'pl'));
    expect(await conversion.textContent()).toBe(formatRate(mobile.headline.checkoutConversion.rate, 'pl'));

    await page.goBack();
    await expect
      .poll(() => conversion.textContent())
      .toBe(formatRate(all.headline.checkoutConversion.rate, 'pl'));
    expect(await page.getByLabel('Urządzenie').inputValue()).toBe('');

    // A colleague opens the shared link (their own token in the fragment): three weeks up to two days ago.
    const now = Date.now();
    const [from, to] = [isoDate(now - 22 * DAY_MS), isoDate(now - 2 * DAY_MS)];
    const shared = `?from=${from}&to=${to}&variant=multi-step&device=mobile&source=google&touch=first`;
    const expected = await reportOf(server, shared);
    expect(expected.headline.checkoutAbandonment.total).toBeGreaterThan(0);
    expect(expected.headline.checkoutAbandonment.total).toBeLessThan(
      mobile.headline.checkoutAbandonment.total,
    );
    const { page: other } = await openDashboard(browser, server, {
      ...DESKTOP,
      path: `/dashboard/${shared}`,
    });
    await expect
      .poll(() => tile(other, 'Porzucone checkouty').textContent())
      .toBe(formatRate(expected.headline.checkoutAbandonment.rate, 'pl'));
    expect(new URL(other.url()).search).toBe(shared);
    expect(await other.getByLabel('Od (data)').inputValue()).toBe(from);
    expect(await other.getByLabel('Wariant checkoutu').inputValue()).toBe('multi-step');
    expect(await other.getByLabel('Źródło ruchu').inputValue()).toBe('google');
    expect(await other.getByRole('radio', { name: 'Pierwszy kontakt' }).isChecked()).toBe(true);
    // Every first-touch channel row the API reports for this view, google's with the revenue it brought.
    const channels = other.getByRole('table', { name: /Kanały według/ });
    const rows = expected.channels.firstTouch;
    expect(rows.length).toBeGreaterThan(0);
    // Channels with ad costs but no checkouts in this view are listed too, with their cost.
    expect(rows.filter((row) => row.sessions > 0).every((row) => row.source === 'google')).toBe(true);
    await expect.poll(() => channels.locator('tbody tr').count()).toBe(rows.length);
    const earning = rows.find((row) => row.revenue > 0);
    expect(earning).toBeDefined();
    await channels
      .getByText(formatMoney(earning?.revenue ?? 0, 'pl'))
      .first()
      .waitFor();
    await shot(other, 'shared-filters');
  });

  it('switches to English: lang attribute, words, money and the URL', async () => {
    const report = await reportOf(server);
    const { page } = await openDashboard(browser, server, DESKTOP);
    await headline(page).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kasa: checkout analytics' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await tile(page, 'Checkout conversion').textContent()).toBe(
      formatRate(report.headline.checkoutConversion.rate, 'en'),
    );
    await expect
      .poll(() => page.getByTestId('verdict').first().textContent())
      .toBe(report.experiments[0]?.verdict.en);
    const rpv = report.experiments[0]?.variants[0]?.revenuePerVisitor ?? 0;
    await page.getByRole('table', { name: 'Results by variant' }).getByText(formatMoney(rpv, 'en')).waitFor();
    expect(formatMoney(rpv, 'en')).toMatch(/^PLN\u00a0\d/);
    await expectNoAxeViolations(page);
    await shot(page, 'report-en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Kasa: checkout analytics' }).waitFor();
  });

  it('fits a phone: tables scroll inside their own focusable region, nothing overflows the page', async () => {
    const { page, errors } = await openDashboard(browser, server, { width: 390 });
    await headline(page).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The field tables list every field and stay within a bounded height, scrolling inside their region.
    const region = page.getByRole('region', { name: 'Ostatnie pole przed wyjściem z checkoutu' });
    const box = await region.evaluate((el) => ({
      height: el.clientHeight,
      max: getComputedStyle(el).maxHeight,
    }));
    expect(box.max).not.toBe('none');
    expect(box.height).toBeLessThanOrEqual(26 * 16 + 1);
    await expectNoAxeViolations(page);
    await shot(page, 'phone');
    expect(errors).toEqual([]);
  });

  it('shows orders, revenue, average order and conversion beside the previous period of the same length', async () => {
    const now = Date.now();
    const [from, to] = [isoDate(now - 13 * DAY_MS), isoDate(now - 2 * DAY_MS)];
    const report = await reportOf(server, `?from=${from}&to=${to}`);
    const { period } = report.headline;
    // 12 days, and the 12 days before them: both inside the seeded four weeks.
    expect(period.previousPeriod).toEqual({ from: Date.parse(from) - 12 * DAY_MS, to: Date.parse(from) });
    expect(period.orders.current).toBeGreaterThan(0);
    expect(period.orders.previous).toBeGreaterThan(0);
    const { page, errors } = await openDashboard(browser, server, {
      ...DESKTOP,
      path: `/dashboard/?from=${from}&to=${to}`,
    });
    await expect
      .poll(() => tile(page, 'Zamówienia').textContent())
      .toBe(formatCount(period.orders.current ?? 0, 'pl'));
    expect(await tile(page, 'Przychód').textContent()).toBe(formatMoney(period.revenue.current ?? 0, 'pl'));
    expect(await tile(page, 'Średnia wartość zamówienia').textContent()).toBe(
      formatMoney(Math.round(period.averageOrderValue.current ?? 0), 'pl'),
    );
    const compare = (label: string) =>
      headline(page)
        .locator('.tile')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('.compare');
    expect(await compare('Zamówienia').textContent()).toBe(
      `poprzednio ${formatCount(period.orders.previous ?? 0, 'pl')} (${
        period.orders.change === null ? '—' : formatSignedShare(period.orders.change, 'pl')
      })`,
    );
    expect(await compare('Konwersja checkoutu').textContent()).toMatch(
      new RegExp(`^poprzednio ${formatRate(period.conversion.previous, 'pl')} \\([+−]?\\d+,\\d p\\.p\\.\\)$`),
    );
    await headline(page)
      .getByText(/^Porównanie z poprzednim okresem tej samej długości/)
      .waitFor();

    // Without a start date there is nothing to compare with, and the page says how to get it.
    const { page: all } = await openDashboard(browser, server, DESKTOP);
    await headline(all)
      .getByText(/^Wybierz datę „od”/)
      .waitFor();
    expect(await all.locator('.tile .compare').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('starts the funnel at the cart: cart → checkout begun → … → purchase, for the whole shop', async () => {
    const report = await reportOf(server);
    const { cartFunnel } = report;
    expect(cartFunnel.carts).toBeGreaterThan(0);
    expect(cartFunnel.sections.map((r) => r.name)).toEqual([
      'cart',
      'checkout',
      'delivery',
      'payment',
      'review',
      'paying',
      'paid',
    ]);
    // Its last row is what the cart abandonment leaves.
    expect(cartFunnel.sections.at(-1)?.reached).toBe(
      report.headline.cartAbandonment.total - report.headline.cartAbandonment.count,
    );
    const { page, errors } = await openDashboard(browser, server, DESKTOP);
    const funnel = page.getByRole('figure', { name: /^Cały sklep od koszyka: / });
    const [cart, checkout] = [funnel.getByRole('listitem').nth(0), funnel.getByRole('listitem').nth(1)];
    expect(await cart.locator('.funnel-label').textContent()).toBe('Koszyk');
    expect(await cart.locator('.funnel-value').textContent()).toBe(
      `${formatCount(cartFunnel.carts, 'pl')} (100,0%)`,
    );
    expect(await checkout.locator('.funnel-label').textContent()).toBe('Rozpoczęty checkout');
    const begun = cartFunnel.sections[1];
    expect(await checkout.locator('.funnel-value').textContent()).toBe(
      `${formatCount(begun?.reached ?? 0, 'pl')} (${formatRate(begun?.shareOfStart ?? null, 'pl')})`,
    );
    expect(await checkout.locator('.funnel-drop').textContent()).toBe(
      `odpadło ${formatRate(begun?.dropOff ?? null, 'pl')}`,
    );
    await page.getByRole('radio', { name: 'Kroki' }).check();
    expect(await funnel.getByRole('listitem').nth(1).locator('.funnel-label').textContent()).toBe(
      'Krok 1: kontakt i dostawa',
    );
    expect(errors).toEqual([]);
  });

  it('downloads a table as CSV: UTF-8 with a BOM, ; and decimal commas in Polish, raw figures', async () => {
    const report = await reportOf(server);
    const { page, errors } = await openDashboard(browser, server, DESKTOP);
    await headline(page).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz CSV: Płatności według metody' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kasa-platnosci-wedlug-metody.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Metoda;Próby;Nieudane;Odsetek nieudanych (%);BLIK odrzucony;BLIK: minął czas');
    const blik = report.payments.methods.find((row) => row.method === 'blik');
    expect(blik).toBeDefined();
    const percent = (rate: number | null) =>
      rate === null ? '' : String(Number(((rate ?? 0) * 100).toFixed(2))).replace('.', ',');
    expect(lines).toContain(
      [
        'BLIK',
        blik?.attempts,
        blik?.failures,
        percent(blik?.rate ?? null),
        blik?.blikRejected,
        blik?.blikTimeouts,
      ].join(';'),
    );
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(report.payments.methods.length + 3);

    // Every field where shoppers leave is listed (NIP among them), and its CSV has a row per field.
    const fields = page.getByRole('table', { name: 'Ostatnie pole przed wyjściem z checkoutu' });
    await expect.poll(() => fields.locator('tbody tr').count()).toBe(report.fields.lastFields.length);
    await fields.getByRole('rowheader', { name: 'NIP' }).waitFor();
    const [fieldsCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz CSV: Ostatnie pole przed wyjściem z checkoutu' }).click(),
    ]);
    const fieldLines = (await readFile(await fieldsCsv.path(), 'utf8')).split('\r\n');
    expect(fieldLines).toHaveLength(report.fields.lastFields.length + 2);
    expect(errors).toEqual([]);
  });

  it('shows the sign-in form again with a message when the stored token is refused', async () => {
    const { page } = await openDashboard(browser, server, DESKTOP);
    await headline(page).waitFor();
    await page.evaluate(() => sessionStorage.setItem(sessionStorage.key(0) ?? '', 'revoked-token'));
    await page.reload();
    await page
      .getByRole('alert')
      .getByText(/Token jest nieprawidłowy lub wygasł/)
      .waitFor();
    await expect.poll(() => page.getByLabel('Token sprzedawcy').isVisible()).toBe(true);
  });

  it('edits a key result target, shows validation messages, and saves', async () => {
    const saved = await merchantGet<OkrDocument>(server, OKR);
    const kr = saved.objectives[0]?.keyResults[0];
    expect(kr?.metric).toBe('checkout_abandonment');
    const percent = (rate: number) => String(Number((rate * 100).toFixed(6)));
    const original = kr?.target ?? 0;
    const changed = original + 0.05;

    const { page, errors } = await openDashboard(browser, server, DESKTOP);
    await headline(page).waitFor();
    await page.getByText('Edytuj cele i inicjatywy').click();
    const target = page.getByLabel('Cel (%)').first();
    await expect.poll(() => target.inputValue()).toBe(percent(original));
    const baseline = page.getByLabel('Wartość startowa (%)').first();
    expect(await baseline.inputValue()).toBe(percent(kr?.baseline ?? 0));
    await target.fill(await baseline.inputValue());
    await page.getByRole('button', { name: 'Zapisz cele' }).click();
    await page.getByRole('alert').getByText('Cel musi różnić się od wartości startowej.').waitFor();
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);

    await target.fill(percent(changed));
    await page.getByRole('button', { name: 'Zapisz cele' }).click();
    await page.getByRole('status').getByText('Zapisano. Wyniki przeliczone.').waitFor();
    await page
      .getByText(`cel ${formatRate(changed, 'pl')}`)
      .first()
      .waitFor();
    expect((await merchantGet<OkrDocument>(server, OKR)).objectives[0]?.keyResults[0]?.target).toBeCloseTo(
      changed,
      8,
    );
    expect((await reportOf(server)).krs[0]?.keyResult.target).toBeCloseTo(changed, 8);
    await shot(page, 'okr-editor');

    // Put the seeded configuration back for the other tests.
    await target.fill(percent(original));
    await page.getByRole('button', { name: 'Zapisz cele' }).click();
    await page
      .getByText(`cel ${formatRate(original, 'pl')}`)
      .first()
      .waitFor();
    expect((await merchantGet<OkrDocument>(server, OKR)).objectives[0]?.keyResults[0]?.target).toBeCloseTo(
      original,
      8,
    );
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
