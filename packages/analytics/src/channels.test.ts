import { describe, expect, it } from 'vitest';
import { type ChannelRow, channelReport, joinCosts, parseCostsCsv, parseZloty } from './channels.ts';
import { handDataset, NOW } from './test-helpers.ts';

describe('channel report on the hand-computed shop', () => {
  const report = channelReport(handDataset(), { now: NOW });

  it('counts sessions, orders within the window, revenue and conversion by last touch', () => {
    // Decided: A google (paid 200 zł), B direct, D google (paid late: no order), F facebook (paid 300 zł), G direct.
    expect(report.lastTouch).toEqual([
      {
        source: '(direct)',
        medium: '(none)',
        campaign: '(none)',
        sessions: 2,
        orders: 0,
        revenue: 0,
        conversionRate: 0,
      },
      {
        source: 'google',
        medium: 'cpc',
        campaign: 'zima',
        sessions: 2,
        orders: 1,
        revenue: 20_000,
        conversionRate: 0.5,
      },
      {
        source: 'facebook',
        medium: 'paid_social',
        campaign: 'retargeting',
        sessions: 1,
        orders: 1,
        revenue: 30_000,
        conversionRate: 1,
      },
    ]);
  });

  it('counts by first touch too: D came first from facebook', () => {
    // First touch: A google; B G direct; D F facebook (F paid 300 zł).
    expect(report.firstTouch.map((r) => [r.source, r.sessions, r.orders, r.revenue])).toEqual([
      ['(direct)', 2, 0, 0],
      ['facebook', 2, 1, 30_000],
      ['google', 1, 1, 20_000],
    ]);
  });
});

describe('parseCostsCsv', () => {
  it('reads costs with a dot or comma decimal into grosze', () => {
    const csv =
      'date,source,medium,campaign,cost\n2026-01-05,google,cpc,zima,120.5\r\n2026-01-06,google,cpc,zima,"1 234,56"\n\n2026-01-07,facebook,,,99\n';
    const { rows, errors } = parseCostsCsv(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.date, r.source, r.medium, r.campaign, r.cost])).toEqual([
      [2, '2026-01-05', 'google', 'cpc', 'zima', 12_050],
      [3, '2026-01-06', 'google', 'cpc', 'zima', 123_456],
      [5, '2026-01-07', 'facebook', '(none)', '(none)', 9_900],
    ]);
  });

  it('reports every bad line by number and keeps the good ones', () => {
    const csv = [
      'date,source,medium,campaign,cost',
      '2026-01-05,google,cpc,zima,10',
      '2026-02-30,google,cpc,zima,10',
      '2026-01-06,google,cpc,zima,abc',
      '2026-01-07,google,cpc,zima,-5',
      '2026-01-08,google,cpc,zima,1.234',
      '2026-01-09,google,cpc',
      '2026-01-10,,cpc,zima,1',
      '2026-01-11,google,cpc,"zima,1',
      '2026-01-12,google,cpc,zima,20',
    ].join('\n');
    const { rows, errors } = parseCostsCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([2, 10]);
    expect(errors).toEqual([
      "line 3: date '2026-02-30' is not a date like 2026-01-31 or 31.01.2026",
      'line 4: cost \'abc\' is not a number (write złoty like 1234.50 or "1234,50")',
      "line 5: cost '-5' must not be negative",
      "line 6: cost '1.234' has more than 2 decimal places",
      'line 7: expected 5 columns (date,source,medium,campaign,cost), got 3',
      'line 8: source is empty (e.g. google, facebook)',
      'line 9: a quote is not closed',
    ]);
  });

  it('rejects a file without the expected header, and strips a byte-order mark', () => {
    expect(parseCostsCsv('day,cost\n2026-01-01,5').errors[0]).toBe(
      "line 1: expected the header 'date,source,medium,campaign,cost' (or with ';', optionally with a device column), got 'day,cost'",
    );
    expect(parseCostsCsv('\uFEFFDate,Source,Medium,Campaign,Cost\n2026-01-01,x,y,z,5').rows[0]?.cost).toBe(
      500,
    );
  });

  it("reads Polish Excel's CSV: BOM, semicolons, decimal commas, no-break spaces, quotes, day-first dates, CRLF", () => {
    // Excel (pl-PL) "CSV UTF-8": a BOM, ';' between cells, '1 234,56' with a no-break space (U+00A0)
    // or a narrow one (U+202F) between thousands, "zł" in the cell, a quoted name holding ';', CRLF.
    const csv = [
      '\uFEFFdate;source;medium;campaign;cost',
      '05.01.2026;google;cpc;zima-2026;1\u00a0234,56',
      '2026-01-06;google;cpc;"zima;promocja";"12\u202f000,5 zł"',
      '7.1.2026;facebook;;;99',
      ';;;;',
      '',
    ].join('\r\n');
    const { rows, errors } = parseCostsCsv(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.date, r.source, r.medium, r.campaign, r.cost])).toEqual([
      [2, '2026-01-05', 'google', 'cpc', 'zima-2026', 123_456],
      [3, '2026-01-06', 'google', 'cpc', 'zima;promocja', 1_200_050],
      [4, '2026-01-07', 'facebook', '(none)', '(none)', 9_900],
    ]);
  });

  it("names a bad line of a semicolon file by its number and reason, counting Excel's sep= line", () => {
    const csv =
      'sep=;\r\ndate;source;medium;campaign;cost\r\n31.02.2026;google;cpc;zima;10\r\n2026-01-02;google;cpc;zima;12,345\r\n2026-01-03;google;cpc;zima;5;;\r\n2026-01-04;google;cpc;5';
    const { rows, errors } = parseCostsCsv(csv);
    // Trailing empty cells (Excel pads rows to the widest one) are ignored: line 5 is good.
    expect(rows.map((r) => [r.line, r.cost])).toEqual([[5, 500]]);
    expect(errors).toEqual([
      "line 3: date '31.02.2026' is not a date like 2026-01-31 or 31.01.2026",
      "line 4: cost '12,345' has more than 2 decimal places",
      'line 6: expected 5 columns (date;source;medium;campaign;cost), got 4',
    ]);
    expect(parseCostsCsv('sep=;\nday;cost').errors).toEqual([
      "line 2: expected the header 'date,source,medium,campaign,cost' (or with ';', optionally with a device column), got 'day;cost'",
    ]);
  });

  it('hints at quoting when an unquoted decimal comma splits a cost in a comma file', () => {
    expect(
      parseCostsCsv('date,source,medium,campaign,cost\n2026-01-05,google,cpc,zima,120,50').errors,
    ).toEqual([
      'line 2: expected 5 columns (date,source,medium,campaign,cost), got 6; quote a cost with a decimal comma ("120,50")',
    ]);
  });

  it('reads an optional device column anywhere, empty for all devices, and rejects an unknown device', () => {
    const csv = [
      'date;device;source;medium;campaign;cost',
      '2026-01-05;Mobile;google;cpc;zima;30',
      '2026-01-05;;google;cpc;zima;20',
      '2026-01-05;phone;google;cpc;zima;20',
    ].join('\n');
    const { rows, errors } = parseCostsCsv(csv);
    expect(rows).toEqual([
      {
        line: 2,
        date: '2026-01-05',
        source: 'google',
        medium: 'cpc',
        campaign: 'zima',
        device: 'mobile',
        cost: 3_000,
      },
      { line: 3, date: '2026-01-05', source: 'google', medium: 'cpc', campaign: 'zima', cost: 2_000 },
    ]);
    expect(errors).toEqual([
      "line 4: device 'phone' is not one of mobile, tablet, desktop (leave it empty for all devices)",
    ]);
  });

  it('parses złoty without floating-point error', () => {
    expect(parseZloty('0,29')).toBe(29);
    expect(parseZloty('1.1')).toBe(110);
    expect(parseZloty('10 000 zł')).toBe(1_000_000);
  });
});

describe('joinCosts', () => {
  const row = (campaign: string, orders: number, revenue: number): ChannelRow => ({
    source: 'google',
    medium: 'cpc',
    campaign,
    sessions: orders * 10,
    orders,
    revenue,
    conversionRate: 0.1,
  });
  const cost = (campaign: string, date: string, grosze: number) => ({
    line: 2,
    date,
    source: 'google',
    medium: 'cpc',
    campaign,
    cost: grosze,
  });

  it('gives cost, cost per order and ROAS: 10,000 zł for 5 orders worth 80,000 zł → CPO 2,000 zł, ROAS 8', () => {
    // 4,000 zł + 6,000 zł = 10,000 zł = 1,000,000 gr; CPO = 1,000,000 / 5 = 200,000 gr; ROAS = 8,000,000 / 1,000,000 = 8.
    const [x] = joinCosts(
      [row('X', 5, 8_000_000)],
      [cost('X', '2026-01-05', 400_000), cost('x', '2026-01-06', 600_000)],
    );
    expect(x).toMatchObject({ cost: 1_000_000, costPerOrder: 200_000, roas: 8 });
  });

  it("a source in scope leaves out other sources' costs, matching case and spaces loosely", () => {
    const joined = joinCosts(
      [row('X', 1, 10_000)],
      [cost('X', '2026-01-02', 500), { ...cost('Y', '2026-01-02', 700), source: 'facebook' }],
      { source: ' Google ' },
    );
    expect(joined.map((r) => [r.source, r.campaign, r.cost, r.roas])).toEqual([['google', 'X', 500, 20]]);
  });

  it('under a device filter, rates a channel only when all its costs were imported per device', () => {
    const costs = [
      { ...cost('X', '2026-01-02', 400), device: 'mobile' as const },
      { ...cost('X', '2026-01-02', 600), device: 'desktop' as const },
      { ...cost('Y', '2026-01-02', 300), device: 'mobile' as const },
      cost('Y', '2026-01-03', 200),
    ];
    const joined = joinCosts([row('X', 2, 8_000), row('Y', 1, 1_000)], costs, { device: 'mobile' });
    // X: mobile 4 zł → CPO 2 zł, ROAS 20. Y: 3 zł mobile + 2 zł for all devices → not comparable.
    expect(joined.map((r) => [r.campaign, r.cost, r.costPerOrder, r.roas, r.notComparable])).toEqual([
      ['X', 400, 200, 20, null],
      ['Y', 500, null, null, 'device'],
    ]);
  });

  it('keeps costs of channels without checkouts as rows of their own, and honours the date range', () => {
    const joined = joinCosts(
      [row('X', 0, 0)],
      [cost('X', '2025-12-31', 100), cost('X', '2026-01-02', 500), cost('Y', '2026-01-03', 700)],
      { from: '2026-01-01', to: '2026-01-31' },
    );
    expect(joined.map((r) => [r.campaign, r.cost, r.costPerOrder, r.roas])).toEqual([
      ['X', 500, null, 0],
      ['Y', 700, null, 0],
    ]);
  });
});
