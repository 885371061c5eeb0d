import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import { buy, chooseLocker, enterBlik, fillContact, SHOPPER, waitForPaid } from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

type MpBody = {
  client_id: string;
  consent: Record<string, string>;
  events: { name: string; params: Record<string, unknown> }[];
};

/** GA4's /mp/collect stand-in: keeps each body, answers 204 as GA4 does. */
const received: MpBody[] = [];
const ga4 = createServer((request, response) => {
  let text = '';
  request.on('data', (chunk) => {
    text += chunk;
  });
  request.on('end', () => {
    if (request.url?.startsWith('/mp/collect')) received.push(JSON.parse(text));
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => ga4.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(ga4.address() as AddressInfo).port}`;
afterAll(() => new Promise((resolve) => ga4.close(resolve)));

const GA_COOKIE = 'GA1.1.1234567890.1767225600';
const GA_STREAM_COOKIE = 'GS2.1.s1767229200$o3$g1$t1767229300$j60$l0$h0';

describe.skipIf(!chromiumPath)('purchases forwarded to GA4 (real Chromium, a local GA4)', () => {
  const session = chromiumAndStack({}, () => ({
    ga4: { measurementId: 'G-E2E', apiSecret: 'e2e', endpoint, validate: false, withoutConsent: 'anonymous' },
  }));

  /** A shopper with Google's cookies on the shop's site, who opens the checkout and pays by BLIK. */
  async function shopperBuys(consent: boolean) {
    const context = await session.browser.newContext({ locale: 'pl-PL' });
    const url = session.stack.shopUrl;
    await context.addCookies([
      { name: '_ga', value: GA_COOKIE, url },
      { name: '_ga_E2E', value: GA_STREAM_COOKIE, url },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(url);
    await page
      .getByRole('button', { name: consent ? 'Zgadzam się na analitykę' : 'Tylko niezbędne' })
      .click();
    const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
    const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    await page.goto(`${url}/kasa?cart=${cartRef}`);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
    await fillContact(page);
    await chooseLocker(page);
    if (await page.getByRole('button', { name: 'Dalej' }).isVisible()) {
      await page.getByRole('button', { name: 'Dalej' }).click();
      await page.getByRole('button', { name: 'Dalej' }).click();
    }
    await enterBlik(page, '777123');
    // The server forwards with what the tracker had delivered by the time of the purchase.
    await expect
      .poll(async () => (await session.stack.runtime.events.byCheckout(checkoutId)).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(2);
    await buy(page);
    await waitForPaid(page);
    return { context, page, checkoutId };
  }

  /** The transaction ids of the purchases the page pushed to dataLayer (what the shop's GA4 tag reads). */
  const dataLayerPurchases = (page: Page) =>
    page.evaluate(() =>
      ((window as unknown as { dataLayer: Record<string, unknown>[] }).dataLayer ?? [])
        .filter((entry) => entry.event === 'purchase')
        .map((entry) => (entry.ecommerce as { transaction_id: string }).transaction_id),
    );
  const forwarded = async (transactionId: string) => {
    await expect
      .poll(() => received.filter((body) => body.events[0]?.params.transaction_id === transactionId).length, {
        timeout: 15_000,
      })
      .toBe(1);
    return received.find((body) => body.events[0]?.params.transaction_id === transactionId) as MpBody;
  };

  it("sends the purchase the page's GA4 tag saw, same transaction_id, in the shopper's GA session", async () => {
    const { context, page } = await shopperBuys(true);
    const [seen, ...more] = await dataLayerPurchases(page);
    expect(more).toEqual([]);
    expect(seen).toMatch(/\S/);
    const body = await forwarded(seen as string);
    expect(body.client_id).toBe('1234567890.1767225600');
    expect(body.events[0]?.params).toMatchObject({ transaction_id: seen, session_id: '1767229200' });
    expect(body.consent).toEqual({ ad_user_data: 'DENIED', ad_personalization: 'DENIED' });
    // Nothing the shopper typed reaches GA4: no e-mail, phone, name or BLIK code.
    const sent = JSON.stringify(received);
    for (const secret of [SHOPPER.email, SHOPPER.phone, '512345678', SHOPPER.lastName, '777123', '777 123'])
      expect(sent).not.toContain(secret);
    await context.close();
  });

  it('without consent forwards the same purchase with a random client id and no session', async () => {
    const { context, page } = await shopperBuys(false);
    const [seen] = await dataLayerPurchases(page);
    const body = await forwarded(seen as string);
    expect(body.client_id).toMatch(/^\d+\.\d+$/);
    expect(body.client_id).not.toBe('1234567890.1767225600');
    expect(body.events[0]?.params).not.toHaveProperty('session_id');
    expect(JSON.stringify(body)).not.toContain('1767229200');
    await context.close();
  });
});
