/**
 * Advertising costs from a merchant's CSV export: `date,source,medium,campaign,cost`, cost in złoty.
 * Every bad line is reported with its number and good lines are kept, so one typo does not hide a month.
 */
import { DIRECT } from './types.ts';

export const COSTS_HEADER = 'date,source,medium,campaign,cost';

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
  /** In grosze. */
  readonly cost: number;
}

/** Splits one CSV line; quoted cells may hold commas and "" for a quote. Null for an unclosed quote. */
function cells(line: string): string[] | null {
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
    else if (ch === ',') {
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

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}

function parseLine(text: string, line: number): CostRow | string {
  const row = cells(text);
  if (!row) return `line ${line}: a quote is not closed`;
  if (row.length !== 5) return `line ${line}: expected 5 columns (${COSTS_HEADER}), got ${row.length}`;
  const [date = '', source = '', medium = '', campaign = '', costText = ''] = row;
  if (!isDate(date)) return `line ${line}: date '${date}' is not a date like 2026-01-31`;
  if (!source) return `line ${line}: source is empty (e.g. google, facebook)`;
  const cost = parseZloty(costText);
  if (typeof cost === 'string') return `line ${line}: ${cost}`;
  return {
    line,
    date,
    source,
    medium: medium || DIRECT.medium,
    campaign: campaign || DIRECT.campaign,
    cost,
  };
}

/**
 * Parses a costs CSV. A cost may use a dot or a comma as the decimal separator (quote the cell when
 * it has a comma) and spaces between thousands. Blank lines are skipped.
 *
 * @example
 * parseCostsCsv('date,source,medium,campaign,cost\n2026-01-05,google,cpc,zima,"120,50"\n2026-01-06,google,cpc,zima,abc');
 * // { rows: [{ line: 2, date: '2026-01-05', source: 'google', medium: 'cpc', campaign: 'zima', cost: 12050 }],
 * //   errors: ["line 3: cost 'abc' is not a number (write złoty like 1234.50 or \"1234,50\")"] }
 */
export function parseCostsCsv(text: string): { readonly rows: CostRow[]; readonly errors: string[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (cells(lines[0] ?? '') ?? []).map((c) => c.toLowerCase()).join(',');
  if (header !== COSTS_HEADER) {
    return { rows: [], errors: [`line 1: expected the header '${COSTS_HEADER}', got '${lines[0] ?? ''}'`] };
  }
  const rows: CostRow[] = [];
  const errors: string[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const parsed = parseLine(line, i + 1);
    if (typeof parsed === 'string') errors.push(parsed);
    else rows.push(parsed);
  });
  return { rows, errors };
}
