import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDashboardAssets } from '@kasa/dashboard/server';
import { configSchema, createRuntime, freePort, listen } from '@kasa/server';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '../../apps/dashboard/src/experiment-controls.ts';
import type { ExperimentsState } from '../../apps/dashboard/src/experiments-api.ts';
import { formatDate } from '../../apps/dashboard/src/format.ts';
import { experimentControlsMessages } from '../../apps/dashboard/src/messages/experiment-controls.ts';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { merchantApi, merchantGet, openDashboard } from './dashboard-page.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const TOKEN = 'merchant-token-for-the-experiment-controls-test';
const SECTION = 'Sterowanie eksperymentami';
const EXPERIMENTS = '/api/analytics/experiments';
/** A refused change answers 409 or 400, which Chromium logs as a failed resource; that is the test. */
const REFUSED = /status of 40[09]/;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A Kasa server on a database file (no seeded checkouts), to be stopped and started again on it. */
async function startOnFile(databaseFile: string): Promise<DashboardServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = configSchema.parse({
    port,
    databaseFile,
    logLevel: 'warn',
    rateLimit: { max: 10_000 },
    analytics: { merchantToken: TOKEN },
  });
  const runtime = createRuntime({ config, publicUrl: url, dashboard: await loadDashboardAssets() });
  const server = await listen(runtime.app.fetch, port);
  return {
    url,
    token: TOKEN,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

/** axe-core's WCAG 2.x A and AA rules over this section only (the rest of the page has its own tests). */
async function axeViolations(scope: Locator): Promise<string[]> {
  await scope.page().evaluate(AXE);
  return scope.evaluate(async (root) => {
    type Axe = {
      run: (
        context: Element,
        options: object,
      ) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
    };
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(root, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`,
    );
  });
}

/**
 * The merchant drives an experiment from the dashboard against the real server: create from a
 * template, start, change the split (a new phase), stop, ship the winner, read the audit list, and
 * find it all again after a reload; a second layout experiment is refused while one runs.
 */
describe.skipIf(!chromiumPath)(
  'the experiment controls of the dashboard (real Chromium, real server)',
  () => {
    let browser: Browser;
    let server: DashboardServer;

    beforeAll(async () => {
      [browser, server] = await Promise.all([
        launchChromium(),
        startDashboardServer(TOKEN, { costs: false }),
      ]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** What the server keeps: the experiments and their audit list. */
    const serverState = () => merchantGet<ExperimentsState>(server, EXPERIMENTS);
    const section = (page: Page) => page.getByRole('region', { name: SECTION });
    const card = (page: Page, key: string) => section(page).getByRole('article', { name: key, exact: true });
    const fact = (page: Page, key: string, testId: string) =>
      card(page, key).getByTestId(testId).textContent();
    const done = (page: Page) => section(page).getByTestId('xc-done').textContent();
    const today = () => formatDate(Date.now(), 'pl');

    /** The audit list's sentences for one experiment, newest first. */
    const auditOf = async (page: Page, key: string) =>
      (await section(page).getByTestId('audit-entry').allTextContents()).filter((text) =>
        text.includes(` — ${key}: `),
      );

    async function fillWeights(scope: Locator, control: string, treatment: string) {
      await scope.getByLabel(/\(blik-first\)/).fill(control);
      await scope.getByLabel(/\(blik-among-others\)/).fill(treatment);
    }

    it('creates, starts, re-weights, stops and ships an experiment, each step in the audit list, kept after a reload', async () => {
      const { page, errors } = await openDashboard(browser, server, {
        width: 1280,
        withToken: false,
        expectedConsoleErrors: REFUSED,
      });
      await page.getByLabel('Token sprzedawcy').fill(server.token);
      await page.getByRole('button', { name: 'Zaloguj' }).click();
      await card(page, 'checkout-layout').waitFor();
      expect(await fact(page, 'checkout-layout', 'xc-status')).toBe('trwa');
      expect((await auditOf(page, 'checkout-layout'))[0]).toMatch(
        /^\d{2}\.\d{2} \d{2}:\d{2} — checkout-layout: wczytany z konfiguracji \(konfiguracja\)$/,
      );

      // Create from the template: 70/30, MDE 10%, serving the payments KR.
      await section(page).getByText('Nowy eksperyment z szablonu').click();
      const create = section(page).getByRole('form', { name: 'Nowy eksperyment z szablonu' });
      await create.getByLabel('Szablon').selectOption('payment-order');
      expect(await create.getByRole('listitem').allTextContents()).toEqual([
        'BLIK na początku (blik-first) — grupa kontrolna',
        'BLIK wśród innych metod (blik-among-others)',
      ]);
      await create.getByLabel('Kluczowy rezultat (KR)').selectOption('payments');
      // Weights that do not add up are refused in the form, next to the weights.
      await fillWeights(create, '70', '20');
      await create.getByRole('button', { name: 'Utwórz szkic' }).click();
      await create.getByText('Wagi muszą dawać razem 100% (teraz 90%).').waitFor();
      expect(await create.getByRole('alert').textContent()).toBe('Popraw zaznaczone pola.');
      await fillWeights(create, '70', '30');
      await create.getByLabel(/^MDE/).fill('10');
      await create.getByRole('button', { name: 'Utwórz szkic' }).click();
      await expect.poll(() => done(page)).toBe('Utworzono szkic payment-order.');
      await card(page, 'payment-order').waitFor();
      expect(await fact(page, 'payment-order', 'xc-status')).toBe('szkic');
      expect(await fact(page, 'payment-order', 'xc-weights')).toBe('blik-first 70% · blik-among-others 30%');
      expect(await fact(page, 'payment-order', 'xc-mde')).toBe('10%');
      expect(await fact(page, 'payment-order', 'xc-coverage')).toBe('100%');
      expect(await fact(page, 'payment-order', 'xc-kr')).toBe('payments: Nieudane płatności');
      // What the server stored, in shares.
      const created = (await serverState()).experiments.find((e) => e.key === 'payment-order');
      expect(created).toMatchObject({
        status: 'draft',
        weights: [0.7, 0.3],
        mde: 0.1,
        kr: 'payments',
        coverage: 1,
      });

      // Start: running from today, phase 1.
      await card(page, 'payment-order').getByRole('button', { name: 'Uruchom' }).click();
      await expect.poll(() => fact(page, 'payment-order', 'xc-status')).toBe('trwa');
      expect(await fact(page, 'payment-order', 'xc-phase')).toBe(`1, od ${today()}`);
      expect(await done(page)).toBe('Uruchomiono payment-order.');

      // New weights while running: warned of, then a new phase.
      await card(page, 'payment-order').getByRole('button', { name: 'Zmień ustawienia' }).click();
      const edit = card(page, 'payment-order').getByRole('form', { name: 'Ustawienia payment-order' });
      expect(await edit.getByRole('note').textContent()).toMatch(/rozpoczyna nową fazę/);
      expect(await edit.getByLabel(/\(blik-first\)/).inputValue()).toBe('70');
      await fillWeights(edit, '50', '50');
      await edit.getByRole('button', { name: 'Zapisz zmiany' }).click();
      await expect.poll(() => fact(page, 'payment-order', 'xc-phase')).toBe(`2, od ${today()}`);
      expect(await fact(page, 'payment-order', 'xc-weights')).toBe('blik-first 50% · blik-among-others 50%');
      expect(await edit.count()).toBe(0);

      // Stop, then ship the treatment: asked which, confirmed as "everyone gets …".
      await card(page, 'payment-order').getByRole('button', { name: 'Zatrzymaj' }).click();
      await expect.poll(() => fact(page, 'payment-order', 'xc-status')).toBe('zatrzymany');
      await card(page, 'payment-order').getByRole('button', { name: 'Wdróż zwycięzcę' }).click();
      const ship = card(page, 'payment-order').getByRole('group', {
        name: 'Który wariant wdrożyć w payment-order?',
      });
      await ship.getByLabel('BLIK wśród innych metod (blik-among-others)').check();
      await ship.getByRole('button', { name: 'Potwierdź: wszyscy dostaną blik-among-others' }).click();
      await expect
        .poll(() => fact(page, 'payment-order', 'xc-status'))
        .toBe('wdrożony wszyscy dostają blik-among-others');
      expect(await done(page)).toBe('Wdrożono payment-order: wszyscy dostają blik-among-others.');
      // Shipped: nothing to change or start any more, only taking the winner back.
      expect(await card(page, 'payment-order').getByRole('button').allTextContents()).toEqual([
        'Cofnij wdrożenie',
      ]);

      // The audit list, newest first, each step with its time, what it did and who did it.
      const steps = [
        / — payment-order: wdrożony, wszyscy dostają blik-among-others \(panel\)$/,
        / — payment-order: zatrzymany \(panel\)$/,
        new RegExp(
          ` — payment-order: zmieniony, wagi 70% / 30% → 50% / 50%, faza 2 od ${today()} \\(panel\\)$`,
        ),
        new RegExp(` — payment-order: uruchomiony, faza 1 od ${today()} \\(panel\\)$`),
        / — payment-order: utworzony, z szablonu payment-order \(panel\)$/,
      ];
      const listed = await auditOf(page, 'payment-order');
      expect(listed).toHaveLength(steps.length);
      for (const [i, step] of steps.entries()) expect(listed[i]).toMatch(step);
      // The time of each is the server's, on the browser's clock.
      const offset = await page.evaluate(() => new Date().getTimezoneOffset());
      const stored = (await serverState()).audit.filter((entry) => entry.experiment === 'payment-order');
      expect(listed).toEqual(
        stored.map((entry) => auditSentence(entry, experimentControlsMessages.pl, offset, 'pl')),
      );

      // A reload reads the stored state again.
      await page.reload();
      await card(page, 'payment-order').waitFor();
      expect(await fact(page, 'payment-order', 'xc-status')).toBe(
        'wdrożony wszyscy dostają blik-among-others',
      );
      expect(await fact(page, 'payment-order', 'xc-phase')).toBe(`2, od ${today()}`);
      expect(await auditOf(page, 'payment-order')).toEqual(listed);
      await page
        .getByRole('region', { name: SECTION })
        .screenshot({ path: join(SCREENSHOTS, 'dashboard-experiment-controls.png') });

      // Taking the winner back stops the experiment: everyone returns to the control.
      await card(page, 'payment-order').getByRole('button', { name: 'Cofnij wdrożenie' }).click();
      await expect.poll(() => fact(page, 'payment-order', 'xc-status')).toBe('zatrzymany');
      expect((await auditOf(page, 'payment-order'))[0]).toMatch(
        / — payment-order: zatrzymany, cofnięto wdrożenie blik-among-others \(panel\)$/,
      );
      expect(
        (await serverState()).experiments.find((e) => e.key === 'payment-order')?.shipped,
      ).toBeUndefined();
      expect(errors).toEqual([]);
    }, 90_000);

    it('refuses a second layout experiment while one runs, saying why in Polish, and speaks English on request', async () => {
      const { page, errors } = await openDashboard(browser, server, {
        width: 1280,
        expectedConsoleErrors: REFUSED,
      });
      await section(page).getByText('Nowy eksperyment z szablonu').click();
      const create = section(page).getByRole('form', { name: 'Nowy eksperyment z szablonu' });
      await create.getByLabel('Szablon').selectOption('checkout-layout');
      await create.getByRole('button', { name: 'Utwórz szkic' }).click();
      // The template's key is taken by the configured experiment: the next free one.
      await expect.poll(() => done(page)).toBe('Utworzono szkic checkout-layout-2.');
      await card(page, 'checkout-layout-2').getByRole('button', { name: 'Uruchom' }).click();
      const alert = card(page, 'checkout-layout-2').getByRole('alert');
      await alert.waitFor();
      expect(await alert.locator('p').allTextContents()).toEqual([
        'Tej zmiany nie można teraz wprowadzić w eksperymencie. Odśwież listę i spróbuj ponownie.',
        'Eksperyment checkout-layout z tego samego szablonu już trwa: kupujący może zobaczyć tylko jeden. Najpierw go zatrzymaj.',
      ]);
      expect(await fact(page, 'checkout-layout-2', 'xc-status')).toBe('szkic');
      expect((await serverState()).experiments.find((e) => e.key === 'checkout-layout-2')?.status).toBe(
        'draft',
      );

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('region', { name: 'Experiment controls' }).waitFor();
      await page
        .getByRole('article', { name: 'checkout-layout-2', exact: true })
        .getByRole('button', { name: 'Start' })
        .click();
      await expect
        .poll(() =>
          page
            .getByRole('article', { name: 'checkout-layout-2', exact: true })
            .getByRole('alert')
            .locator('p')
            .first()
            .textContent(),
        )
        .toBe('This change cannot be made to the experiment now. Refresh the list and try again.');
      expect(
        await page
          .getByRole('region', { name: 'Experiment controls' })
          .getByTestId('audit-entry')
          .first()
          .textContent(),
      ).toMatch(/ — checkout-layout-2: created, from template checkout-layout \(dashboard\)$/);
      expect(errors).toEqual([]);
    }, 60_000);

    it('fits a 390 px phone with the forms open: no sideways scroll, no axe violations', async () => {
      const width = 390;
      const draft = await merchantApi(server, EXPERIMENTS, {
        method: 'POST',
        body: JSON.stringify({ template: 'delivery-order', key: 'phone-draft', kr: 'abandonment' }),
      });
      expect(draft.status).toBe(201);
      const { page, errors } = await openDashboard(browser, server, {
        width,
        expectedConsoleErrors: REFUSED,
      });
      await card(page, 'checkout-layout').waitFor();
      await section(page).getByText('Nowy eksperyment z szablonu').click();
      // One card at a time shows its form: the settings of a draft, the shipping of the running one.
      await card(page, 'phone-draft').getByRole('button', { name: 'Zmień ustawienia' }).click();
      await card(page, 'checkout-layout').getByRole('button', { name: 'Wdróż zwycięzcę' }).click();
      await card(page, 'phone-draft').getByRole('form', { name: 'Ustawienia phone-draft' }).waitFor();
      // The seeded results do not decide yet: nothing is chosen for the merchant, and confirming waits for a choice.
      const ship = card(page, 'checkout-layout').getByRole('group', {
        name: 'Który wariant wdrożyć w checkout-layout?',
      });
      await ship.getByText('Wyniki nie wskazują jeszcze zwycięzcy; wybierz sam.').waitFor();
      expect(await ship.getByRole('radio', { checked: true }).count()).toBe(0);
      expect(await ship.getByRole('button', { name: /^Potwierdź/ }).count()).toBe(0);
      await ship.getByLabel('w krokach (multi-step)').check();
      await ship.getByRole('button', { name: 'Potwierdź: wszyscy dostaną multi-step' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const box = await section(page).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      const overflowing = await section(page).evaluate((root, w) => {
        return [...root.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > w + 0.5)
          .map((el) => `${el.tagName}.${el.className}`);
      }, width);
      expect(overflowing).toEqual([]);
      expect(await axeViolations(section(page))).toEqual([]);
      await section(page).screenshot({ path: join(SCREENSHOTS, 'dashboard-experiment-controls-phone.png') });
      expect(errors).toEqual([]);
    }, 60_000);

    it('keeps the experiments and their audit list across a server restart', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kasa-experiment-controls-'));
      const file = join(dir, 'kasa.db');
      let running = await startOnFile(file);
      try {
        const before = await openDashboard(browser, running, { width: 1280 });
        const { page } = before;
        await section(page).getByText('Nowy eksperyment z szablonu').click();
        const create = section(page).getByRole('form', { name: 'Nowy eksperyment z szablonu' });
        await create.getByLabel('Szablon').selectOption('delivery-order');
        await create.getByRole('button', { name: 'Utwórz szkic' }).click();
        await card(page, 'delivery-order').getByRole('button', { name: 'Uruchom' }).click();
        await expect.poll(() => fact(page, 'delivery-order', 'xc-status')).toBe('trwa');
        const audit = await auditOf(page, 'delivery-order');
        expect(audit).toHaveLength(2);

        await running.close();
        running = await startOnFile(file);
        const after = await openDashboard(browser, running, { width: 1280 });
        await card(after.page, 'delivery-order').waitFor();
        expect(await fact(after.page, 'delivery-order', 'xc-status')).toBe('trwa');
        expect(await fact(after.page, 'delivery-order', 'xc-phase')).toBe(`1, od ${today()}`);
        expect(await auditOf(after.page, 'delivery-order')).toEqual(audit);
        await Promise.all([before.context.close(), after.context.close()]);
      } finally {
        await running.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);
