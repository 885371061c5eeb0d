import type { ReactNode } from 'react';

/** A column heading: a plain string, or `num(label)` for a right-aligned column over numbers. */
export type Column = string | { readonly label: string };

export const num = (label: string): Column => ({ label });

/**
 * A wide table that scrolls sideways on a narrow screen: a named region that keyboard users can focus
 * to scroll it with the arrow keys. Draws the caption and the header row; `children` are the body (and
 * footer) rows, `note` stands under the table.
 */
export function TableScroll({
  label,
  caption,
  columns,
  children,
  note,
}: {
  /** The region's name; the caption when not given. */
  readonly label?: string;
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly children: ReactNode;
  readonly note?: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label ?? caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const [text, numeric] = typeof column === 'string' ? [column, false] : [column.label, true];
              return (
                <th key={text} scope="col" className={numeric ? 'num' : undefined}>
                  {text}
                </th>
              );
            })}
          </tr>
        </thead>
        {children}
      </table>
      {note}
    </section>
  );
}
