import type { Page } from 'playwright-core';

/**
 * Kasa's widget in English, as the real shops' pages show it (their language is English): a guest's
 * contact, a parcel locker near a postcode (its id starting with `pointPrefix`), BLIK, in whichever
 * layout the layout experiment chose.
 * Stops before "Buy and pay"; returns the locker's id.
 */
export async function fillEnglishCheckout(
  page: Page,
  {
    postcode = '30-001',
    pointPrefix = 'KRA',
    blikCode = '777123',
  }: { postcode?: string; pointPrefix?: string; blikCode?: string } = {},
): Promise<string> {
  for (const [name, value] of [
    ['E-mail', 'anna.kowalska@example.pl'],
    ['Mobile phone', '512 345 678'],
    ['First name', 'Anna'],
    ['Last name', 'Kowalska'],
  ] as const) {
    await page.getByLabel(name, { exact: true }).fill(value);
  }
  await page.getByRole('radio', { name: /Paczkomat/ }).check();
  await page.getByLabel('Postcode or town').fill(postcode);
  await page.getByRole('button', { name: 'Search' }).click();
  // A locker of the searched town (not just any radio: BLIK's would match a looser pattern).
  const point = page.getByRole('radio', { name: new RegExp(`${pointPrefix}\\w+`) }).first();
  await point.check();
  const pointId = (await point.getAttribute('value')) ?? '';
  // Multi-step: contact and delivery, then payment, then the review with the BLIK code.
  if (await page.getByRole('button', { name: 'Continue' }).isVisible()) {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByLabel('BLIK code').fill(blikCode);
  return pointId;
}
