import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OkrDocument } from '../../apps/dashboard/src/api.ts';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { merchantApi, merchantGet, openDashboard, reportOf } from './dashboard-page.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-server.ts';

const TOKEN = 'merchant-token-for-the-okr-editor-test';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.x A and AA rules over the OKR editor only (the rest of the page has its own tests). */
async function editorAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
    const { axe } = window as unknown as {
      axe: { run: (context: object, options: object) => Promise<Result> };
    };
    const result = await axe.run(
      { include: [['.okr-editor']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
    );
    return result.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
const JIRA = 'https://kasa.atlassian.net/browse/KASA-12';
const GITLAB = 'https://gitlab.com/acme/shop/-/issues/42';
const OKR = '/api/analytics/okr';

describe.skipIf(!chromiumPath)('the OKR editor of the dashboard (real Chromium, real server)', () => {
  let browser: Browser;
  let server: DashboardServer;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startDashboardServer(TOKEN, { costs: false })]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openEditor(page: Page, summary = 'Edytuj cele i inicjatywy'): Promise<void> {
    await page.getByText(summary).click();
    await page.getByTestId('okr-objective').first().waitFor();
  }

  /** Whether the page needs no sideways scrolling at its width. */
  const fitsWidth = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  const taskLinks = (scope: Locator) =>
    scope.getByTestId('task-link').evaluateAll((links) =>
      links.map((a) => ({
        badge: a.querySelector('.tracker-badge')?.textContent,
        text: a.textContent,
        href: a.getAttribute('href'),
        rel: a.getAttribute('rel'),
        target: a.getAttribute('target'),
      })),
    );

  it('adds an objective with key results and an initiative with tasks and an experiment, keeps them after a reload, and removes a key result', async () => {
    const report = await reportOf(server);
    const experiment = report.experiments[0]?.key;
    expect(experiment).toBeTruthy();
    const { page, errors } = await openDashboard(browser, server, { width: 390 });
    await openEditor(page);

    await page.getByRole('button', { name: 'Dodaj cel' }).click();
    const objective = page.getByTestId('okr-objective').last();
    await objective.getByLabel('Tytuł celu').fill('Szybsze płatności');
    const kr = objective.getByTestId('okr-key-result').first();
    await kr.getByLabel('Miara').selectOption({ label: 'Konwersja checkoutu' });
    await kr.getByLabel('Wartość startowa (%)').fill('40');
    await kr.getByLabel('Cel (%)', { exact: true }).fill('50');
    await objective.getByRole('button', { name: 'Dodaj kluczowy rezultat' }).click();
    const second = objective.getByTestId('okr-key-result').nth(1);
    await second.getByLabel('Klucz rezultatu').fill('porzucenia');
    await second.getByLabel('Wartość startowa (%)').fill('45');
    await second.getByLabel('Cel (%)', { exact: true }).fill('35');

    await objective.getByRole('button', { name: 'Dodaj inicjatywę' }).click();
    const initiative = objective.getByTestId('okr-initiative').first();
    await initiative.getByLabel('Tytuł inicjatywy').fill('BLIK jednym kliknięciem');
    await initiative.getByRole('checkbox', { name: 'kr', exact: true }).check();
    await initiative.getByLabel('Eksperyment, który ją sprawdza').selectOption(experiment ?? '');
    await initiative.getByRole('button', { name: 'Dodaj zadanie' }).click();
    await initiative.getByRole('button', { name: 'Dodaj zadanie' }).click();
    await initiative.getByLabel('Adres zadania 1').fill(JIRA);
    await initiative.getByLabel('Adres zadania 2').fill(GITLAB);
    expect(await fitsWidth(page)).toBe(true);
    expect(await editorAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Zapisz cele' }).click();
    await page.getByRole('status').getByText('Zapisano. Wyniki przeliczone.').waitFor();
    const saved = (await merchantGet<OkrDocument>(server, OKR)).objectives.at(-1);
    expect(saved).toMatchObject({
      title: 'Szybsze płatności',
      keyResults: [
        { key: 'kr', metric: 'checkout_conversion', baseline: 0.4, target: 0.5 },
        { key: 'porzucenia', metric: 'checkout_abandonment', baseline: 0.45, target: 0.35 },
      ],
      initiatives: [
        { title: 'BLIK jednym kliknięciem', experiment, keyResults: ['kr'], links: [JIRA, GITLAB] },
      ],
    });

    await page.reload();
    await openEditor(page);
    const reloaded = page.getByTestId('okr-objective').last();
    expect(await reloaded.getByLabel('Tytuł celu').inputValue()).toBe('Szybsze płatności');
    expect(await reloaded.getByLabel('Eksperyment, który ją sprawdza').inputValue()).toBe(experiment);
    expect(await taskLinks(reloaded)).toEqual([
      {
        badge: 'Jira',
        text: 'Jira KASA-12 (otwiera się w nowej karcie)',
        href: JIRA,
        rel: 'noopener noreferrer',
        target: '_blank',
      },
      {
        badge: 'GitLab',
        text: 'GitLab shop#42 (otwiera się w nowej karcie)',
        href: GITLAB,
        rel: 'noopener noreferrer',
        target: '_blank',
      },
    ]);
    expect(await fitsWidth(page)).toBe(true);
    await reloaded.screenshot({ path: join(SCREENSHOTS, 'dashboard-okr-editor-390.png') });

    // 'kr' is served by the initiative, so removing it asks first; the initiative then serves nothing.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await reloaded.getByRole('button', { name: 'Usuń kluczowy rezultat kr', exact: true }).click();
    expect(asked).toEqual([
      'Usunąć kluczowy rezultat kr? Inicjatywy, które mają go poprawić, przestaną go wskazywać.',
    ]);
    expect(await reloaded.getByTestId('okr-key-result').count()).toBe(1);
    await page.getByRole('button', { name: 'Zapisz cele' }).click();
    await page.getByRole('status').getByText('Zapisano. Wyniki przeliczone.').waitFor();
    const after = (await merchantGet<OkrDocument>(server, OKR)).objectives.at(-1);
    expect(after?.keyResults.map((k) => k.key)).toEqual(['porzucenia']);
    expect(after?.initiatives?.[0]?.keyResults).toEqual([]);
    expect(after?.initiatives?.[0]?.links).toEqual([JIRA, GITLAB]);
    expect(errors).toEqual([]);
  });

  it('shows an ICE score of 11 as an error next to the field, in Polish and in English', async () => {
    const before = await merchantGet<OkrDocument>(server, OKR);
    const { page, errors } = await openDashboard(browser, server, { width: 1280 });
    await openEditor(page);
    const initiative = page.getByTestId('okr-initiative').first();
    const impact = initiative.getByLabel('Wpływ (1–10)');
    await impact.fill('11');
    // A blank task input before a bad address: the message still lands on the bad one.
    await initiative.getByRole('button', { name: 'Dodaj zadanie' }).click();
    await initiative.getByRole('button', { name: 'Dodaj zadanie' }).click();
    const badLink = initiative.getByLabel('Adres zadania 2');
    await badLink.fill('ftp://example.com/plan');
    await page.getByRole('button', { name: 'Zapisz cele' }).click();
    const messageOf = (field: Locator) => async () => {
      const id = await field.getAttribute('aria-describedby');
      return id ? page.locator(`[id="${id}"]`).textContent() : null;
    };
    await expect.poll(messageOf(impact)).toBe('Ocena ICE to liczba całkowita od 1 do 10.');
    expect(await messageOf(badLink)()).toBe(
      'Wpisz pełny adres http(s), np. https://firma.atlassian.net/browse/KASA-12.',
    );
    expect(await initiative.getByLabel('Adres zadania 1').getAttribute('aria-invalid')).toBeNull();
    expect(await impact.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').getByText('Ocena ICE to liczba całkowita od 1 do 10.').waitFor();
    expect(await page.getByText('ICE scores run from 1 to 10').count()).toBe(0);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save objectives' }).click();
    const impactEn = page.getByTestId('okr-initiative').first().getByLabel('Impact (1–10)');
    await expect.poll(() => impactEn.getAttribute('aria-invalid')).toBe('true');
    const id = await impactEn.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${id}"]`).textContent()).toBe(
      'ICE scores are whole numbers from 1 to 10.',
    );
    expect(await merchantGet<OkrDocument>(server, OKR)).toEqual(before);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('refuses an invalid configuration through the API with coded issues', async () => {
    const okr = await merchantGet<OkrDocument>(server, OKR);
    const bad = structuredClone(okr) as unknown as {
      objectives: { initiatives: { ice: { ease: number }; links: string[] }[] }[];
    };
    const initiative = bad.objectives[0]?.initiatives[0];
    if (!initiative) throw new Error('the seeded configuration has an initiative');
    initiative.ice.ease = 0;
    initiative.links = ['mailto:someone'];
    const refused = await merchantApi<{ error: { code: string; details: { issues: unknown[] } } }>(
      server,
      OKR,
      {
        method: 'PUT',
        body: JSON.stringify(bad),
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues).toEqual([
      {
        path: 'objectives.0.initiatives.0.ice.ease',
        code: 'ice_range',
        message: 'ICE scores run from 1 to 10',
      },
      expect.objectContaining({ path: 'objectives.0.initiatives.0.links.0', code: 'link_url' }),
    ]);
  });
});
