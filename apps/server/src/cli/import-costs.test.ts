import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteAnalyticsSettings, openSqlite } from '@kasa/storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCsv, importCosts } from './import-costs.ts';
import { report } from './report.ts';

let dir = '';
let database = '';
let output: { log: string[]; error: string[] };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kasa-import-costs-'));
  database = join(dir, 'kasa.db');
  vi.stubEnv('KASA_DB', database);
  output = { log: [], error: [] };
  vi.spyOn(console, 'log').mockImplementation((line: string) => void output.log.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void output.error.push(line));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const saved = () => {
  const db = openSqlite(database);
  try {
    return createSqliteAnalyticsSettings(db).costs();
  } finally {
    db.close();
  }
};

describe('kasa import-costs', () => {
  it("imports Polish Excel's CSV: BOM, semicolons, decimal commas, no-break spaces, quotes, CRLF", async () => {
    const csv = [
      '\uFEFFdate;source;medium;campaign;cost',
      '05.01.2026;google;cpc;zima-2026;1\u00a0234,56',
      '06.01.2026;google;cpc;"zima;promocja";"99,90 zł"',
      '',
    ].join('\r\n');
    expect(await importCosts([file('koszty.csv', csv)])).toBe(0);
    expect(saved().map((row) => [row.date, row.campaign, row.cost])).toEqual([
      ['2026-01-05', 'zima-2026', 123_456],
      ['2026-01-06', 'zima;promocja', 9_990],
    ]);
    // money() groups thousands with a no-break space.
    expect(output.log.join('\n')).toMatch(/2 cost rows, 2026-01-05 – 2026-01-06, 2 channels, 1\s334,46 zł/);
  });

  it('still imports the comma CSV, and names a bad line by number with the reason (exit code 1)', async () => {
    const csv =
      'date,source,medium,campaign,cost\n2026-01-05,google,cpc,zima,"120,50"\n2026-01-06,google,cpc,zima,abc\n';
    const path = file('costs.csv', csv);
    expect(await importCosts([path])).toBe(1);
    expect(saved().map((row) => row.cost)).toEqual([12_050]);
    expect(output.error).toEqual([
      `${path} line 3: cost 'abc' is not a number (write złoty like 1234.50 or "1234,50")`,
    ]);
  });

  it('reads a Windows-1250 file, as Polish Excel saves a plain CSV', async () => {
    // 'świąteczna' in Windows-1250: ś = 0x9c, ą = 0xb9.
    const name = Buffer.from([0x9c, 0x77, 0x69, 0xb9, 0x74, 0x65, 0x63, 0x7a, 0x6e, 0x61]);
    const csv = Buffer.concat([
      Buffer.from('date;source;medium;campaign;cost\r\n05.01.2026;google;cpc;'),
      name,
      Buffer.from(';10,5\r\n'),
    ]);
    expect(decodeCsv(name)).toBe('świąteczna');
    expect(decodeCsv(Buffer.from('świąteczna'))).toBe('świąteczna');
    expect(await importCosts([file('koszty-1250.csv', csv)])).toBe(0);
    expect(saved()).toMatchObject([{ campaign: 'świąteczna', cost: 1_050 }]);
  });

  it('keeps per-device costs, and `kasa report --json` rates a device filter only with them', async () => {
    const csv = [
      'date;source;medium;campaign;device;cost',
      '05.01.2026;google;cpc;zima;mobile;30',
      '05.01.2026;google;cpc;zima;desktop;20',
      '05.01.2026;facebook;paid_social;retargeting;;100',
    ].join('\n');
    expect(await importCosts([file('koszty.csv', csv)])).toBe(0);
    output.log = [];
    expect(await report(['--json', '--device', 'mobile'])).toBe(0);
    const json = JSON.parse(output.log.join('\n'));
    // No checkouts: the cost rows of the view only. google's mobile 30 zł is comparable (ROAS 0);
    // facebook's 100 zł for all devices is not.
    expect(
      json.channels.lastTouch.map((row: Record<string, unknown>) => [
        row.source,
        row.cost,
        row.roas,
        row.notComparable,
      ]),
    ).toEqual([
      ['facebook', 10_000, null, 'device'],
      ['google', 3_000, 0, null],
    ]);
    output.log = [];
    expect(await report(['--json', '--source', 'facebook'])).toBe(0);
    const bySource = JSON.parse(output.log.join('\n'));
    expect(
      bySource.channels.lastTouch.map((row: { source: string; cost: number }) => [row.source, row.cost]),
    ).toEqual([['facebook', 10_000]]);
  });
});
