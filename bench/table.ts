/** Prints rows as a fixed-width text table: numbers right-aligned, text left-aligned. */

/** One cell: text, a number (printed with the table's decimals) or nothing. */
export type Cell = string | number | undefined;

/**
 * Formats a table of `header` and `rows` as lines of text, numbers with `decimals` places (one
 * count for every column, or one per column).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  decimals: number | readonly number[] = 2,
): string {
  const places = (column: number) =>
    typeof decimals === 'number' ? decimals : (decimals[column] ?? 2);
  const text = (cell: Cell, column: number) =>
    typeof cell === 'number' ? cell.toFixed(places(column)) : (cell ?? '');
  const cells = rows.map((row) => header.map((_, column) => text(row[column], column)));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const numeric = header.map((_, column) => rows.some((row) => typeof row[column] === 'number'));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...cells.map(line)].join('\n');
}
