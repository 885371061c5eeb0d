/**
 * CSV files of the dashboard's tables, made to open in Excel as it is set up in Poland: UTF-8 with a
 * byte-order mark (without it Excel reads Polish letters as cp1250), `;` between columns and decimal
 * commas in Polish (Polish Excel's list separator), `,` and decimal points in English, CRLF line ends,
 * fields quoted per RFC 4180. Numbers are raw rather than as shown: no thousands separators, units or
 * percent signs, so Excel reads them as numbers (money in złoty with grosze, shares in percent; the
 * column heading names the unit). Pure, apart from {@link downloadCsv}: tested in csv.test.ts.
 */
import type { Locale } from './format.ts';

/** A cell: text, a number (written with the locale's decimal separator), or null for an empty cell. */
export type CsvCell = string | number | null;

export const BOM = '\ufeff';

/** The column separator: `;` for Polish Excel (whose decimal separator is the comma), else `,`. */
export const csvSeparator = (locale: Locale): string => (locale === 'pl' ? ';' : ',');

/**
 * One field, quoted when it holds the separator, a quote, a line break or edge spaces. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first, e.g. a campaign name from a
 * shopper's link) gets a leading apostrophe, so opening the file runs nothing.
 *
 * @example
 * csvField('zima "2026"', ';'); // '"zima ""2026"""'
 * csvField('=HYPERLINK("x")', ';'); // `"'=HYPERLINK(""x"")"`
 * csvField(1234.5, 'pl'); // '1234,5'
 */
export function csvField(cell: CsvCell, separator: string, locale: Locale = 'en'): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const text = String(cell);
    return locale === 'pl' ? text.replace('.', ',') : text;
  }
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  const needsQuotes =
    text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() || text.includes(',');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The file's text: a byte-order mark, then the rows joined by the locale's separator, CRLF after each.
 *
 * @example
 * toCsv([['Pole', 'Porzucone checkouty'], ['NIP', 41]], 'pl'); // '\ufeffPole;Porzucone checkouty\r\nNIP;41\r\n'
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], locale: Locale): string {
  const separator = csvSeparator(locale);
  return `${BOM}${rows.map((row) => `${row.map((c) => csvField(c, separator, locale)).join(separator)}\r\n`).join('')}`;
}

/** A raw count for a cell's `data-csv`. */
export const csvCount = (n: number): string => String(n);
/** Grosze as złoty with two decimals (1234.50), for a cell's `data-csv`. */
export const csvMoney = (grosze: number): string => (grosze / 100).toFixed(2);
/** A share as a percentage with two decimals (64.23 for 0.6423); '' for none. */
export const csvPercent = (rate: number | null): string => (rate === null ? '' : (rate * 100).toFixed(2));

/**
 * A file name from a table's caption: 'kasa-ostatnie-pole-przed-wyjsciem-z-checkoutu.csv'.
 *
 * @example csvFileName('Płatności według metody'); // 'kasa-platnosci-wedlug-metody.csv'
 */
export function csvFileName(caption: string): string {
  const slug = caption
    .toLowerCase()
    .replaceAll('ł', 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `kasa-${slug || 'table'}.csv`;
}

/**
 * The rows of a rendered table, header first: each cell's `data-csv` when it has one (a number when
 * it parses as one, so raw figures stay numbers), else its text as shown.
 */
export function tableRows(table: HTMLTableElement): CsvCell[][] {
  return [...table.rows].map((row) =>
    [...row.cells].map((cell) => {
      const raw = cell.dataset.csv;
      if (raw === undefined) return (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (cell.tagName === 'TH' && cell.closest('thead')) return raw;
      return raw === '' ? null : Number.isFinite(Number(raw)) ? Number(raw) : raw;
    }),
  );
}

/** Saves the text as a file through a temporary link (no server round trip, allowed by the page's CSP). */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
