import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DashboardReport } from '../../apps/dashboard/src/report.ts';

/** Where a Kasa server answers and the merchant token it accepts (a `DashboardServer` is one). */
export interface MerchantServer {
  readonly url: string;
  readonly token: string;
}

export interface DashboardView {
  /** The viewport's width in CSS pixels (390 for a phone, 1280 for a desktop). */
  readonly width: number;
  /** The viewport's height; a phone's 844 unless given. */
  readonly height?: number;
  /** Path and query to open; `/dashboard/` unless given. */
  readonly path?: string;
  /** Whether the token goes in the URL's fragment (signed in at once); true unless given. */
  readonly withToken?: boolean;
  /** Console errors the test provokes on purpose (e.g. a refused request's status), not collected. */
  readonly expectedConsoleErrors?: RegExp;
}

export interface OpenDashboard {
  readonly page: Page;
  /** Uncaught page errors, console errors and Content-Security-Policy violations, in order. */
  readonly errors: string[];
  readonly context: BrowserContext;
}

/**
 * Opens the dashboard in a fresh browser context (its own session storage) under the server's real
 * Content-Security-Policy, and collects what went wrong on the page for the test to assert on.
 *
 * @example
 * const { page, errors } = await openDashboard(browser, server, { width: 390 });
 * await page.getByRole('region', { name: 'Na żywo' }).waitFor();
 * expect(errors).toEqual([]);
 */
export async function openDashboard(
  browser: Browser,
  server: MerchantServer,
  { width, height = 844, path = '/dashboard/', withToken = true, expectedConsoleErrors }: DashboardView,
): Promise<OpenDashboard> {
  const context = await browser.newContext({ viewport: { width, height } });
  // axe-core is evaluated through the DevTools protocol, which the policy does not govern; anything
  // the page itself does against the policy is reported as an error.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (expectedConsoleErrors?.test(message.text())) return;
    errors.push(message.text());
  });
  await page.goto(`${server.url}${path}${withToken ? `#token=${server.token}` : ''}`);
  return { page, errors, context };
}

/**
 * Calls the merchant API with the server's token, as the dashboard does (a body is sent as JSON
 * unless the headers say otherwise), and reads the JSON answer whatever its status: the test says
 * which status it expects.
 *
 * @example
 * const refused = await merchantApi<{ error: { code: string } }>(server, '/api/analytics/okr', {
 *   method: 'PUT',
 *   body: JSON.stringify(bad),
 * });
 * expect(refused.status).toBe(400);
 */
export async function merchantApi<T>(
  server: MerchantServer,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${server.token}`);
  if (init.body !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * Reads a merchant API resource that must answer 200: what the page must then show.
 *
 * @example
 * const okr = await merchantGet<OkrDocument>(server, '/api/analytics/okr');
 */
export async function merchantGet<T>(server: MerchantServer, path: string): Promise<T> {
  const { status, body } = await merchantApi<T>(server, path);
  expect(status).toBe(200);
  return body;
}

/**
 * The analytics report the API answers for a query string (real checkouts only unless it asks).
 *
 * @example
 * const [real, both] = await Promise.all([reportOf(server), reportOf(server, '?simulated=both')]);
 */
export function reportOf(server: MerchantServer, query = ''): Promise<DashboardReport> {
  return merchantGet<DashboardReport>(server, `/api/analytics/report${query}`);
}
