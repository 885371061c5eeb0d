import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../messages.ts';
import type { ChannelCostRow } from '../report.ts';
import { costCells } from './channel-costs.ts';

const google: ChannelCostRow = {
  source: 'google',
  medium: 'cpc',
  campaign: 'zima',
  sessions: 2,
  orders: 1,
  revenue: 20_000,
  conversionRate: 0.5,
  cost: 5_000,
  costPerOrder: 5_000,
  roas: 4,
  notComparable: null,
};
const nbsp = (s: string) => s.replaceAll(' ', '\u00a0');

describe('channel cost cells', () => {
  it('writes cost, cost per order and ROAS when they are comparable', () => {
    expect(costCells(google, 'pl', MESSAGES.pl)).toEqual({
      cost: nbsp('50,00 zł'),
      costPerOrder: nbsp('50,00 zł'),
      roas: '4,0×',
      why: null,
    });
  });

  it('says "not comparable" in words, Polish and English, with the reason, under a device filter', () => {
    const mobile = { ...google, costPerOrder: null, roas: null, notComparable: 'device' as const };
    const pl = costCells(mobile, 'pl', MESSAGES.pl);
    expect(pl).toMatchObject({
      cost: nbsp('50,00 zł'),
      costPerOrder: 'nieporównywalne',
      roas: 'nieporównywalne',
    });
    expect(pl.why).toContain('kolumną device');
    const en = costCells(mobile, 'en', MESSAGES.en);
    expect(en).toMatchObject({ costPerOrder: 'not comparable', roas: 'not comparable' });
    expect(en.why).toContain('device column');
    for (const reason of ['variant', 'touch'] as const) {
      expect(costCells({ ...mobile, notComparable: reason }, 'en', MESSAGES.en).why).toMatch(
        /not comparable/,
      );
    }
  });

  it('shows a dash without costs, and ROAS 0.0× for costs that brought nothing', () => {
    expect(costCells({ ...google, cost: 0, costPerOrder: 0, roas: null }, 'en', MESSAGES.en)).toMatchObject({
      cost: '—',
      costPerOrder: '—',
      roas: '—',
    });
    const wasted = { ...google, sessions: 0, orders: 0, revenue: 0, costPerOrder: null, roas: 0 };
    expect(costCells(wasted, 'en', MESSAGES.en)).toMatchObject({ costPerOrder: '—', roas: '0.0×' });
  });
});
