/** Plain-text tables for the terminal: left-aligned text, right-aligned numbers. */

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export const formatNumber = (value: number): string => numbers.format(value);

export interface Column {
  title: string;
  align?: 'left' | 'right';
}

export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) => Math.max(column.title.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]) => columns
    .map((column, index) => (column.align === 'right' ? (cells[index] ?? '').padStart(widths[index] ?? 0) : (cells[index] ?? '').padEnd(widths[index] ?? 0)))
    .join('  ')
    .trimEnd();
  return [line(columns.map((column) => column.title)), ...rows.map(line)].join('\n');
}
