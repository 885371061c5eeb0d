/** Plain-text tables for the terminal: padded columns, a rule under the header, no colours. */

export interface Column {
  readonly title: string;
  /** Numbers read best right-aligned. */
  readonly align?: 'left' | 'right';
}

const width = (text: string): number => [...text].length;

const pad = (text: string, size: number, align: Column['align']): string => {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
};

/**
 * The rows under their column titles, each line indented by `indent` spaces.
 *
 * @example
 * renderTable([{ title: 'Method' }, { title: 'Rate', align: 'right' }], [['blik', '5.7%'], ['card', '2.4%']]);
 * // Method  Rate
 * // ──────  ────
 * // blik    5.7%
 * // card    2.4%
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  indent = 2,
): string {
  const sizes = columns.map((column, i) =>
    Math.max(width(column.title), ...rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    ' '.repeat(indent) +
    columns
      .map((column, i) => pad(cells[i] ?? '', sizes[i] ?? 0, column.align))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.title)),
    line(sizes.map((size) => '─'.repeat(size))),
    ...rows.map(line),
  ].join('\n');
}
