/**
 * `kasa import-costs FILE.csv`: campaign costs for the channel report, from a comma CSV or Polish
 * Excel's semicolon CSV. Bad lines are listed with their line numbers and left out; good ones are
 * imported (a row for the same day, channel and device replaces the earlier one, so a corrected file
 * can be imported again).
 */
import { readFileSync, statSync } from 'node:fs';
import { COSTS_HEADER, type CostRow, parseCostsCsv } from '@kasa/analytics';
import { createSqliteAnalyticsSettings } from '@kasa/storage';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { type CommandSpec, parseCommand } from './args.ts';
import { openDatabaseFile } from './stores.ts';
import { groupDigits, money } from './text.ts';

export const IMPORT_COSTS_USAGE = `Usage: kasa import-costs FILE.csv

Imports campaign costs for the channel report (cost per order, ROAS). The file's header is
  ${COSTS_HEADER}
one row per day and channel, the cost in złoty ("1234,50" in quotes, or 1234.50), e.g.
  2026-01-05,google,cpc,zima-2026,"120,50"
A sheet saved from Polish Excel as CSV reads as it is: semicolons, decimal commas, spaces between
thousands, dates like 05.01.2026, UTF-8 or Windows-1250, e.g.
  date;source;medium;campaign;cost
  05.01.2026;google;cpc;zima-2026;1 234,56
An optional device column (mobile, tablet, desktop; empty for all devices) holds the ad platform's
device breakdown: only costs per device give cost per order and ROAS under a device filter.
Exit code: 0 when every line was imported, 1 when some lines were bad (the good ones are imported),
2 when the file is missing.`;

const importArgs = z.strictObject({
  positionals: z.array(z.string().min(1)).length(1, 'give one CSV file, e.g. kasa import-costs costs.csv'),
});

const IMPORT_COSTS_SPEC: CommandSpec<typeof importArgs> = {
  command: 'import-costs',
  schema: importArgs,
  options: {},
};

/**
 * What was imported, in one line.
 *
 * @example
 * importSummary(rows); // '12 cost rows, 2026-01-01 – 2026-01-12, 3 channels, 1 234,50 zł in total'
 */
function importSummary(rows: readonly CostRow[]): string {
  if (rows.length === 0) return 'no cost rows';
  const dates = rows.map((row) => row.date).sort();
  const channels = new Set(rows.map((row) => `${row.source}/${row.medium}/${row.campaign}`));
  const total = rows.reduce((sum, row) => sum + row.cost, 0);
  return `${groupDigits(rows.length)} cost ${rows.length === 1 ? 'row' : 'rows'}, ${dates[0]} – ${dates.at(-1)}, ${channels.size} ${channels.size === 1 ? 'channel' : 'channels'}, ${money(total, 'pl')} in total`;
}

/**
 * The file's text: UTF-8 (with or without a byte-order mark), else Windows-1250, the code page Polish
 * Excel uses for its plain "CSV" (so 'świąteczna' is not read as 'œwi¹teczna').
 *
 * @example
 * decodeCsv(Buffer.from([0x9c, 0x77, 0x69, 0xb9])); // 'świą'
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1250').decode(bytes);
  }
}

export async function importCosts(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, IMPORT_COSTS_SPEC);
  if (parsed.help) {
    console.log(IMPORT_COSTS_USAGE);
    return 0;
  }
  const [file = ''] = parsed.args.positionals;
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    console.error(`kasa import-costs: no such file: ${file}`);
    return 2;
  }
  const { rows, errors } = parseCostsCsv(decodeCsv(readFileSync(file)));
  for (const error of errors) console.error(`${file} ${error}`);
  const config = loadConfig();
  const db = openDatabaseFile(config);
  try {
    const imported = rows.length > 0 ? createSqliteAnalyticsSettings(db).importCosts(rows) : 0;
    console.log(`Imported ${rows.length > 0 ? importSummary(rows) : 'nothing'} into ${config.databaseFile}.`);
    if (errors.length > 0) {
      console.log(
        `${groupDigits(errors.length)} ${errors.length === 1 ? 'line was' : 'lines were'} left out (listed above); fix ${errors.length === 1 ? 'it' : 'them'} and import the file again: rows already imported are replaced, not doubled.`,
      );
      return 1;
    }
    return imported === rows.length ? 0 : 1;
  } finally {
    db.close();
  }
}
