import {
  DAY_MS,
  dashboardReport,
  okrSchema,
  simulateCheckouts,
  summarize,
  summaryAggregates,
} from '@kasa/analytics';
import { isServerEvent } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportInput } from '../src/analytics/report-input.ts';
import { configSchema } from '../src/config.ts';
import { type Kasa, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-tests-0123456789';
const NOW = Date.now();
const START = NOW - 10 * DAY_MS;
const events = [
  ...simulateCheckouts({ seed: 5, checkouts: 600, startTs: START, spanMs: 9 * DAY_MS, shopId: 'demo' }),
].flat();

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } } });
  // The browsers' events through the collector; purchases and payment outcomes as the server writes them.
  const browsers = events.filter((event) => !isServerEvent(event.name));
  for (let i = 0; i < browsers.length; i += 100) {
    const response = await kasa.api('POST', '/api/collect', { events: browsers.slice(i, i + 100) });
    expect(response.body).toMatchObject({ rejected: [] });
  }
  await kasa.runtime.events.append(events.filter((event) => isServerEvent(event.name)));
});
afterAll(() => kasa.close());

const asMerchant = { authorization: `Bearer ${TOKEN}` };
/** Every event here is simulated: the report is read with them mixed in ('both') unless the query says otherwise. */
const withSimulated = (query: string) =>
  query.includes('simulated=') ? query : `${query}${query ? '&' : '?'}simulated=both`;
const report = (query = '') =>
  kasa.api('GET', `/api/analytics/report${withSimulated(query)}`, undefined, asMerchant);

describe('analytics API', () => {
  it('answers nothing without the merchant token, or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await kasa.api('GET', '/api/analytics/report', undefined, headers);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
      expect(JSON.stringify(response.body)).not.toContain('checkoutConversion');
    }
    expect((await kasa.api('GET', '/api/analytics/okr')).status).toBe(401);
  });

  it('reports what the collected events say, as the in-memory reference computes it', async () => {
    const response = await report();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const config = configSchema.parse({});
    const expected = await dashboardReport(
      summaryAggregates(summarize(events)),
      reportInput({
        now: response.body.now,
        windowMs: 24 * 3_600_000,
        filters: {},
        okr: config.analytics.okr,
        experiments: config.experiments,
        costs: [],
      }),
    );
    expect(response.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(response.body.simulatedShare).toBe(1);
    expect(response.body.headline.checkoutAbandonment.total).toBeGreaterThan(100);
  });

  it('leaves simulated checkouts out by default, counting how many it hides', async () => {
    const both = (await report()).body;
    const plain = await kasa.api('GET', '/api/analytics/report', undefined, asMerchant);
    expect(plain.status).toBe(200);
    expect(plain.body.filters.simulated).toBe(false);
    expect(plain.body.headline.checkoutAbandonment.total).toBe(0);
    expect(plain.body.simulatedShare).toBe(0);
    const begun = both.headline.checkoutAbandonment.total + both.headline.checkoutAbandonment.pending;
    expect(plain.body.simulatedHidden).toBe(begun);
    expect(both.simulatedHidden).toBe(0);
    const explicit = (await report('?simulated=false')).body;
    expect(explicit.filters).toEqual(plain.body.filters);
    expect(explicit.simulatedHidden).toBe(plain.body.simulatedHidden);
  });

  it('filters by device and date range, so the numbers change', async () => {
    const all = (await report()).body;
    const mobile = (await report('?device=mobile')).body;
    expect(mobile.headline.checkoutAbandonment.total).toBeGreaterThan(0);
    expect(mobile.headline.checkoutAbandonment.total).toBeLessThan(all.headline.checkoutAbandonment.total);
    const day = new Date(START + 2 * DAY_MS).toISOString().slice(0, 10);
    const oneDay = (await report(`?from=${day}&to=${day}`)).body;
    expect(oneDay.filters.from).toBe(Date.parse(day));
    expect(oneDay.filters.to).toBe(Date.parse(day) + DAY_MS);
    expect(oneDay.headline.checkoutAbandonment.total).toBeLessThan(
      all.headline.checkoutAbandonment.total / 4,
    );
    // The headline compares the day with the day before it; without a range there is nothing to compare.
    expect(oneDay.headline.period.previousPeriod).toEqual({
      from: Date.parse(day) - DAY_MS,
      to: Date.parse(day),
    });
    expect(oneDay.headline.period.orders.current).toBe(oneDay.headline.checkoutConversion.count);
    expect(all.headline.period.previousPeriod).toBeNull();
  });

  it('refuses a bad query with the parameter named', async () => {
    for (const query of ['?device=fridge', '?from=yesterday', '?from=2026-11-10&to=2026-11-01', '?sort=x']) {
      const response = await report(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('query_invalid');
      expect(response.body.error.details.issues.length).toBeGreaterThan(0);
    }
  });

  it('saves OKRs edited in the dashboard and refuses an invalid edit', async () => {
    const okr = (await kasa.api('GET', '/api/analytics/okr', undefined, asMerchant)).body;
    const edited = structuredClone(okr);
    edited.objectives[0].keyResults[0].target = 0.45;
    const saved = await kasa.api('PUT', '/api/analytics/okr', edited, asMerchant);
    expect(saved.status).toBe(200);
    expect(okrSchema.parse(saved.body).objectives[0]?.keyResults[0]?.target).toBe(0.45);
    expect((await kasa.api('GET', '/api/analytics/okr', undefined, asMerchant)).body).toEqual(saved.body);
    const card = (await report()).body.krs.find(
      (k: any) => k.keyResult.key === edited.objectives[0].keyResults[0].key,
    );
    expect(card.keyResult.target).toBe(0.45);

    edited.objectives[0].keyResults[0].baseline = 70;
    const refused = await kasa.api('PUT', '/api/analytics/okr', edited, asMerchant);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0].message).toContain('rate');
  });
  it('joins costs under the filters as the in-memory reference does: a source hides others, a device rates per-device costs only', async () => {
    const date = new Date(START + DAY_MS).toISOString().slice(0, 10);
    const google = { date, source: 'google', medium: 'cpc', campaign: 'zima-2026' };
    const facebook = { date, source: 'facebook', medium: 'paid_social', campaign: 'retargeting' };
    const costs = [
      { line: 2, ...google, device: 'mobile' as const, cost: 3_000_00 },
      { line: 3, ...google, device: 'desktop' as const, cost: 2_000_00 },
      { line: 4, ...facebook, cost: 1_000_00 },
    ];
    kasa.runtime.analytics.settings.importCosts(costs);
    const config = configSchema.parse({});
    const channelsOf = async (query: string) => {
      const body = (await report(query)).body;
      const expected = await dashboardReport(
        summaryAggregates(summarize(events)),
        reportInput({
          now: body.now,
          windowMs: 24 * 3_600_000,
          filters: body.filters,
          okr: config.analytics.okr,
          experiments: config.experiments,
          costs: kasa.runtime.analytics.settings.costs(),
        }),
      );
      expect(body.channels).toEqual(JSON.parse(JSON.stringify(expected.channels)));
      return body.channels.lastTouch as {
        source: string;
        campaign: string;
        cost: number;
        revenue: number;
        roas: number | null;
        notComparable: string | null;
      }[];
    };
    const row = (rows: Awaited<ReturnType<typeof channelsOf>>, campaign: string) =>
      rows.find((r) => r.campaign === campaign);

    const all = await channelsOf('');
    expect(row(all, 'zima-2026')).toMatchObject({ cost: 5_000_00, notComparable: null });
    const googleAll = row(all, 'zima-2026');
    expect(googleAll?.roas).toBeCloseTo((googleAll?.revenue ?? 0) / 5_000_00, 9);

    const mobile = await channelsOf('?device=mobile');
    const googleMobile = row(mobile, 'zima-2026');
    expect(googleMobile).toMatchObject({ cost: 3_000_00, notComparable: null });
    expect(googleMobile?.roas).toBeCloseTo((googleMobile?.revenue ?? 0) / 3_000_00, 9);
    expect(row(mobile, 'retargeting')).toMatchObject({ cost: 1_000_00, roas: null, notComparable: 'device' });

    const bySource = await channelsOf('?source=google');
    expect(bySource.map((r) => r.source)).toEqual(bySource.map(() => 'google'));
    expect(row(bySource, 'retargeting')).toBeUndefined();
  });
});
