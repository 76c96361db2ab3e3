import { Fragment, type Node } from 'prosemirror-model';
import { blockLines, printLine, siblingNumbers } from './numbering';

// A Lampiran as printed (docs/api.md, "The whole naskah and its printed text"): its heading
// lines, an empty line, then its body, a table one row per line. The same lines serve the
// canonical text, the diff of the penutup and the plain form, so a changed cell shows in the
// diff as a changed row and makes every paraf stale.

/** The node name of a Lampiran in the schema (and the Yjs element name). */
export const LAMPIRAN = 'lampiran';

/** The node names of a table and its parts in the schema (and the Yjs element names). */
export const TABLE_NODES = {
  table: 'table',
  row: 'table_row',
  header: 'table_header',
  cell: 'table_cell',
} as const;

/** What stands between two cells of a printed row, and at both of its ends (without the space). */
export const CELL_SEPARATOR = ' | ';

/** What stands between two paragraphs of one cell in a printed row. */
export const CELL_PARAGRAPH_SEPARATOR = ' / ';

/** Turns a paragraph into its words (references as their labels). */
export type InlineText = (paragraph: Node) => string;

/** Whether a node is a table cell of either kind. */
export function isTableCell(node: Node): boolean {
  return node.type.name === TABLE_NODES.cell || node.type.name === TABLE_NODES.header;
}

/** The heading lines of a Lampiran, in order. */
export function lampiranHeadingLines(lampiran: Node): string[] {
  const lines: string[] = [];
  lampiran.forEach((child) => {
    if (child.type.name === 'lampiran_heading') lines.push(child.textContent);
  });
  return lines;
}

/** The body blocks of a Lampiran (everything after its heading lines). */
export function lampiranBody(lampiran: Node): Node[] {
  const body: Node[] = [];
  lampiran.forEach((child) => {
    if (child.type.name !== 'lampiran_heading') body.push(child);
  });
  return body;
}

/** The words of each cell of a row, its paragraphs joined by CELL_PARAGRAPH_SEPARATOR. */
export function rowCells(row: Node, textOf: InlineText): string[] {
  const cells: string[] = [];
  row.forEach((cell) => {
    if (!isTableCell(cell)) return;
    const paragraphs: string[] = [];
    cell.forEach((paragraph) => paragraphs.push(textOf(paragraph)));
    cells.push(paragraphs.join(CELL_PARAGRAPH_SEPARATOR));
  });
  return cells;
}

/**
 * One row as a printed line: `| No. | Kegiatan | Waktu |`. A `|` or `\` in a cell's words is
 * printed after a `\`, so text moved from one cell to its neighbour always changes the line.
 */
export function rowLine(cells: readonly string[]): string {
  const bar = CELL_SEPARATOR.trim();
  return `${bar} ${cells.map(escapeCell).join(CELL_SEPARATOR)} ${bar}`;
}

function escapeCell(text: string): string {
  return text.replace(/[\\|]/g, (char) => `\\${char}`);
}

/** Whether a printed line is a table row: `| ` at the start, ` |` at the end. */
export function isRowLine(line: string): boolean {
  const bar = CELL_SEPARATOR.trim();
  return line.length >= 4 && line.startsWith(`${bar} `) && line.endsWith(` ${bar}`);
}

/**
 * The words of each cell of a printed row line, the inverse of rowLine: the line is split at
 * each ` | ` whose bar is not escaped, and `\|` and `\\` read back as `|` and `\`. Null for a
 * line that is not a row.
 */
export function parseRowLine(line: string): string[] | null {
  if (!isRowLine(line)) return null;
  const inner = line.slice(2, -2);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner[i];
    if (char === '\\' && (inner[i + 1] === '|' || inner[i + 1] === '\\')) {
      cell += inner[i + 1];
      i += 1;
    } else if (inner.startsWith(CELL_SEPARATOR, i)) {
      cells.push(cell);
      cell = '';
      i += CELL_SEPARATOR.length - 1;
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/** The printed lines of a table: one line per row, heading row included. */
export function tableLines(table: Node, textOf: InlineText): string[] {
  const lines: string[] = [];
  table.forEach((row) => {
    if (row.type.name === TABLE_NODES.row) lines.push(rowLine(rowCells(row, textOf)));
  });
  return lines;
}

/**
 * The printed lines of a Lampiran: its heading lines, an empty line, then its body (paragraphs
 * one line each, list items with their numbers, tables one row per line), with an empty line
 * between a table and the text around it.
 */
export function lampiranLines(lampiran: Node, textOf: InlineText): string[] {
  const lines = lampiranHeadingLines(lampiran);
  const body = lampiranBody(lampiran);
  const numbers = siblingNumbers(body);
  body.forEach((block, i) => {
    const isTable = block.type.name === TABLE_NODES.table;
    if (i === 0 || isTable || body[i - 1].type.name === TABLE_NODES.table) lines.push('');
    if (isTable) lines.push(...tableLines(block, textOf));
    else if (block.type.name === 'paragraph') lines.push(textOf(block));
    else lines.push(...blockLines(block, numbers[i], (p) => textOf(p)).map(printLine));
  });
  return lines;
}

/** The number of cells of the widest row of a table. */
export function tableWidth(table: Node): number {
  let widest = 0;
  table.forEach((row) => {
    let cells = 0;
    row.forEach((cell) => (cells += isTableCell(cell) ? 1 : 0));
    widest = Math.max(widest, cells);
  });
  return widest;
}

/**
 * The table with every short row padded with empty cells to the widest row's width (the kind
 * of its last cell), as the server repairs a ragged table; the table itself when none is short.
 */
export function padTable(table: Node): Node {
  const width = tableWidth(table);
  let padded = false;
  const rows: Node[] = [];
  table.forEach((row) => {
    const missing = width - row.childCount;
    if (missing <= 0) return rows.push(row);
    padded = true;
    const type = row.lastChild?.type ?? table.type.schema.nodes[TABLE_NODES.cell];
    const cells = Array.from({ length: missing }, () => type.createAndFill()!);
    rows.push(row.copy(row.content.append(Fragment.fromArray(cells))));
  });
  return padded ? table.copy(Fragment.fromArray(rows)) : table;
}

/** Whether a document holds a Lampiran. */
export function holdsLampiran(blocks: readonly Node[]): boolean {
  return blocks.some((block) => block.type.name === LAMPIRAN);
}
