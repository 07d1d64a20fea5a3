/**
 * A small text-table renderer for terminal output. Column widths count CJK characters as two
 * columns, so Chinese and English rows line up.
 *
 * @module
 */
import { displayWidth, sanitizeForTerminal, truncateToWidth } from './text-width.js';

/** One column of a table. */
export interface TableColumn {
  /** Header text. */
  header: string;
  /** `right` for numbers. Default `left`. */
  align?: 'left' | 'right';
  /** Longest cell, in display columns; longer cells are cut with `…`. Default: no limit. */
  maxWidth?: number;
}

/** Spaces between columns. */
export const TABLE_GAP = 2;

/**
 * Renders rows under a header and a rule, columns separated by {@link TABLE_GAP} spaces, each
 * line ending in `\n` with no trailing spaces. Cells are sanitised (no control characters).
 *
 * @example renderTable([{ header: '层级 Tier' }, { header: 'n', align: 'right' }], [['小巨人', '12']])
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
): string {
  const clean = (text: string, column: TableColumn): string => {
    const safe = sanitizeForTerminal(text);
    return column.maxWidth !== undefined ? truncateToWidth(safe, column.maxWidth) : safe;
  };
  const header = columns.map((c) => clean(c.header, c));
  const body = rows.map((row) => columns.map((c, i) => clean(row[i] ?? '', c)));
  // A loop, not Math.max(...cells): tables of many thousand rows would overflow the stack.
  const widths = header.map(displayWidth);
  for (const row of body) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i]!, displayWidth(row[i]!));
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - displayWidth(cell));
        return columns[i]!.align === 'right' ? pad + cell : cell + pad;
      })
      .join(' '.repeat(TABLE_GAP))
      .trimEnd() + '\n';
  const rule = widths.map((w) => '─'.repeat(w)).join(' '.repeat(TABLE_GAP)) + '\n';
  return line(header) + rule + body.map(line).join('');
}
