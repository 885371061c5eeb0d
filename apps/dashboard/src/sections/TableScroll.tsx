import { type ReactNode, useRef } from 'react';
import { csvFileName, downloadCsv, tableRows, toCsv } from '../csv.ts';
import { useLocale } from '../locale.ts';

/**
 * A column heading: a plain string, or `num(label)` for a right-aligned column over numbers; `csv` is
 * its heading in the CSV file when that says more (the unit of raw figures: 'Udział (%)').
 */
export type Column = string | { readonly label: string; readonly csv?: string };

export const num = (label: string, csv?: string): Column => (csv === undefined ? { label } : { label, csv });

/**
 * A wide table that scrolls sideways on a narrow screen: a named region that keyboard users can focus
 * to scroll it with the arrow keys. Draws the caption, the header row and a "Download CSV" button that
 * saves the table as rendered (see csv.ts: a cell's `data-csv` gives its raw figure, else its text);
 * `children` are the body (and footer) rows, `note` stands under the table. `tall` tables (a row per
 * form field) scroll within a bounded height too, so a long list does not push the page.
 */
export function TableScroll({
  label,
  caption,
  columns,
  children,
  note,
  tall = false,
}: {
  /** The region's name; the caption when not given. */
  readonly label?: string;
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly children: ReactNode;
  readonly note?: ReactNode;
  readonly tall?: boolean;
}) {
  const { lang, m } = useLocale();
  const table = useRef<HTMLTableElement>(null);
  const download = () => {
    if (table.current) downloadCsv(csvFileName(caption), toCsv(tableRows(table.current), lang));
  };
  return (
    <div className="table-block">
      <section
        className={tall ? 'table-scroll tall' : 'table-scroll'}
        aria-label={label ?? caption}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
      >
        <table ref={table}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const [text, numeric, csv] =
                  typeof column === 'string' ? [column, false, undefined] : [column.label, true, column.csv];
                return (
                  <th key={text} scope="col" className={numeric ? 'num' : undefined} data-csv={csv}>
                    {text}
                  </th>
                );
              })}
            </tr>
          </thead>
          {children}
        </table>
      </section>
      {note}
      <button
        type="button"
        className="secondary csv-download"
        aria-label={m.csv.label(caption)}
        onClick={download}
      >
        {m.csv.download}
      </button>
    </div>
  );
}
