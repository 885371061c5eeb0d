import { OKR_ISSUE_MESSAGES, okrSchema } from '@kasa/analytics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-the-okr-tests-0123';
const asMerchant = { authorization: `Bearer ${TOKEN}` };

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } } });
});
afterAll(() => kasa.close());

const getOkr = async () => (await kasa.api('GET', '/api/analytics/okr', undefined, asMerchant)).body;
const putOkr = (body: unknown) => kasa.api('PUT', '/api/analytics/okr', body, asMerchant);

describe('PUT /api/analytics/okr', () => {
  it('saves an initiative with its task links and a new objective, and returns them on GET', async () => {
    const okr = await getOkr();
    const edited = structuredClone(okr);
    const links = ['https://kasa.atlassian.net/browse/KASA-12', 'https://gitlab.com/acme/shop/-/issues/42'];
    edited.objectives.push({
      key: 'payments',
      title: 'Mniej nieudanych płatności',
      keyResults: [
        {
          key: 'failures',
          metric: 'payment_failure_rate',
          baseline: 0.08,
          target: 0.05,
          period: { from: '2026-01-01', to: '2026-04-01' },
        },
      ],
      initiatives: [
        {
          key: 'blik-retry',
          title: 'Ponów BLIK',
          keyResults: ['failures'],
          ice: { impact: 7, confidence: 6, ease: 8 },
          links,
        },
      ],
    });
    const saved = await putOkr(edited);
    expect(saved.status).toBe(200);
    const back = okrSchema.parse(await getOkr());
    expect(back.objectives.at(-1)?.initiatives[0]?.links).toEqual(links);
    expect(back.objectives.at(-1)?.title).toBe('Mniej nieudanych płatności');
  });

  it("refuses an invalid configuration with each issue's path, stable code and English message", async () => {
    const before = await getOkr();
    const edited = structuredClone(before);
    const initiative = edited.objectives[0].initiatives[0];
    initiative.ice.impact = 11;
    initiative.links = ['ftp://example.com/file'];
    edited.objectives[0].keyResults[0].target = edited.objectives[0].keyResults[0].baseline;
    const refused = await putOkr(edited);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('body_invalid');
    expect(refused.body.error.details.issues).toEqual(
      expect.arrayContaining([
        {
          path: 'objectives.0.initiatives.0.ice.impact',
          code: 'ice_range',
          message: OKR_ISSUE_MESSAGES.ice_range,
        },
        {
          path: 'objectives.0.initiatives.0.links.0',
          code: 'link_url',
          message: OKR_ISSUE_MESSAGES.link_url,
        },
        {
          path: 'objectives.0.keyResults.0.target',
          code: 'target_equals_baseline',
          message: 'target must differ from baseline',
        },
      ]),
    );
    expect(await getOkr()).toEqual(before);
  });

  it("codes issues zod words itself with zod's code", async () => {
    const refused = await putOkr({ objectives: [], extra: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues).toEqual([
      expect.objectContaining({ path: '', code: 'unrecognized_keys' }),
    ]);
  });
});
