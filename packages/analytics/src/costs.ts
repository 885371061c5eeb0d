/**
 * Advertising costs from a merchant's CSV export: `date,source,medium,campaign,cost`, cost in złoty,
 * optionally with a `device` column. Polish Excel's "CSV" (semicolons, decimal commas, `05.01.2026`
 * dates, a byte-order mark, Windows line ends) reads as well as a comma file. Every bad line is
 * reported with its number and good lines are kept, so one typo does not hide a month.
 */
import { type Device, DIRECT } from './types.ts';

export const COSTS_HEADER = 'date,source,medium,campaign,cost';
const REQUIRED = ['date', 'source', 'medium', 'campaign', 'cost'] as const;
type Column = (typeof REQUIRED)[number] | 'device';
const DEVICES: readonly Device[] = ['mobile', 'tablet', 'desktop'];

export interface CostRow {
  /** The line in the file (the header is line 1). */
  readonly line: number;
  /** ISO date, e.g. '2026-01-31'. */
  readonly date: string;
  readonly source: string;
  /** '(none)' when empty. */
  readonly medium: string;
  /** '(none)' when empty. */
  readonly campaign: string;
  /**
   * The device the cost was spent on, when the ad platform reports it per device; absent for a cost
   * of all devices. Only per-device costs make cost per order and ROAS comparable under a device filter.
   */
  readonly device?: Device;
  /** In grosze. */
  readonly cost: number;
}

/**
 * Splits one CSV line at `separator`; quoted cells may hold the separator and "" for a quote. Null for
 * an unclosed quote.
 */
function cells(line: string, separator: ',' | ';'): string[] | null {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  out.push(cell.trim());
  return out;
}

/** Złoty text ("1 234,5", "99.99") to grosze, without floating point; a message when it is not one. */
export function parseZloty(text: string): number | string {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(/zł$/i, '');
  if (compact.startsWith('-')) return `cost '${text}' must not be negative`;
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!match) return `cost '${text}' is not a number (write złoty like 1234.50 or "1234,50")`;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return `cost '${text}' has more than 2 decimal places`;
  const grosze = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(grosze) ? grosze : `cost '${text}' is too large`;
}

/** An ISO date ('2026-01-31') from ISO or Polish day-first text ('31.01.2026'); null when not a date. */
function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const polish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : polish
      ? [polish[3], polish[2], polish[1]].map(Number)
      : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
  return valid ? date.toISOString().slice(0, 10) : null;
}

type Layout = {
  readonly separator: ',' | ';';
  readonly index: ReadonlyMap<Column, number>;
  readonly width: number;
};

function parseLine(text: string, line: number, { separator, index, width }: Layout): CostRow | string {
  const row = cells(text, separator);
  if (!row) return `line ${line}: a quote is not closed`;
  // Excel pads a row with empty cells up to the widest row of the sheet.
  while (row.length > width && row.at(-1) === '') row.pop();
  if (row.length !== width) {
    const header = [...index.keys()].join(separator);
    return `line ${line}: expected ${width} columns (${header}), got ${row.length}${separator === ',' && row.length > width ? '; quote a cost with a decimal comma ("120,50")' : ''}`;
  }
  const cell = (column: Column) => row[index.get(column) ?? -1] ?? '';
  const date = parseDate(cell('date'));
  if (!date) return `line ${line}: date '${cell('date')}' is not a date like 2026-01-31 or 31.01.2026`;
  const source = cell('source');
  if (!source) return `line ${line}: source is empty (e.g. google, facebook)`;
  const deviceText = cell('device').toLowerCase();
  const device = DEVICES.find((d) => d === deviceText);
  if (deviceText && !device) {
    return `line ${line}: device '${cell('device')}' is not one of ${DEVICES.join(', ')} (leave it empty for all devices)`;
  }
  const cost = parseZloty(cell('cost'));
  if (typeof cost === 'string') return `line ${line}: ${cost}`;
  return {
    line,
    date,
    source,
    medium: cell('medium') || DIRECT.medium,
    campaign: cell('campaign') || DIRECT.campaign,
    ...(device ? { device } : {}),
    cost,
  };
}

/** The separator and column positions from the header, or the error for line 1. */
function layoutOf(header: string): Layout | string {
  const separator = (cells(header, ';') ?? []).length > (cells(header, ',') ?? []).length ? ';' : ',';
  const names = (cells(header, separator) ?? []).map((c) => c.toLowerCase());
  while (names.at(-1) === '') names.pop();
  const index = new Map<Column, number>();
  names.forEach((name, i) => {
    if ((REQUIRED as readonly string[]).includes(name) || name === 'device') index.set(name as Column, i);
  });
  const missing = REQUIRED.filter((column) => !index.has(column));
  if (missing.length > 0 || index.size !== names.length) {
    return `line 1: expected the header '${COSTS_HEADER}' (or with ';', optionally with a device column), got '${header}'`;
  }
  return { separator, index, width: names.length };
}

/**
 * Parses a costs CSV: comma-separated, or semicolon-separated as Polish Excel saves it (detected from
 * the header). Columns are found by the header's names, so their order is free; `device` (mobile,
 * tablet, desktop, or empty for all) is optional. A cost may use a dot or a comma as the decimal
 * separator (in a comma file, quote a cell with a comma) and spaces or no-break spaces between
 * thousands; a date is ISO or day-first (31.01.2026). A byte-order mark, Windows line ends, Excel's
 * `sep=;` line and blank lines are skipped; line numbers are the file's own.
 *
 * @example
 * parseCostsCsv('date,source,medium,campaign,cost\n2026-01-05,google,cpc,zima,"120,50"\n2026-01-06,google,cpc,zima,abc');
 * // { rows: [{ line: 2, date: '2026-01-05', source: 'google', medium: 'cpc', campaign: 'zima', cost: 12050 }],
 * //   errors: ["line 3: cost 'abc' is not a number (write złoty like 1234.50 or \"1234,50\")"] }
 * parseCostsCsv('\uFEFFdate;source;medium;campaign;cost\r\n05.01.2026;google;cpc;zima;1\u00a0234,56\r\n').rows[0]?.cost; // 123456
 */
export function parseCostsCsv(text: string): { readonly rows: CostRow[]; readonly errors: string[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = /^"?sep=.?"?$/i.test(lines[0]?.trim() ?? '') ? 1 : 0;
  const layout = layoutOf(lines[first] ?? '');
  if (typeof layout === 'string') {
    return { rows: [], errors: [layout.replace('line 1', `line ${first + 1}`)] };
  }
  const rows: CostRow[] = [];
  const errors: string[] = [];
  lines.forEach((line, i) => {
    if (i <= first || line.trim() === '' || /^[;,\s]*$/.test(line)) return;
    const parsed = parseLine(line, i + 1, layout);
    if (typeof parsed === 'string') errors.push(parsed);
    else rows.push(parsed);
  });
  return { rows, errors };
}
