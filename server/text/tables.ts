import * as Y from 'yjs';
import type { NodeType } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import { TABLE_NODES } from '../../shared/lampiran';
import { elementType } from './rules';
import type { Repair } from './repairs';

// A table of a Lampiran is a grid: every row has as many cells as the widest. The schema
// cannot say so, and a valid Yjs update can break it (a row added while someone else added a
// column, or a hostile update), so a short row is padded with empty cells. Cells are only ever
// added, never removed: no words are lost, and a column deleted while a row was added comes
// back empty rather than taking text with it.

/** Whether `type` is the node type of a table. */
export function isTable(type: NodeType): boolean {
  return type === schema.nodes.table;
}

/** Whether `type` is the node type of a table row. */
export function isTableRow(type: NodeType): boolean {
  return type === schema.nodes.table_row;
}

/**
 * The repair that pads the short rows of `table`, or nothing when every row is as wide as the
 * widest. A row without any cell counts as one (the schema's filler gives it one first).
 */
export function tableShape(table: Y.XmlElement, repairs: Repair[]): void {
  // One look per table and pass, however many of its rows a transaction changed.
  const seen = checked.get(repairs) ?? new WeakSet<Y.XmlElement>();
  checked.set(repairs, seen);
  if (seen.has(table)) return;
  seen.add(table);
  const widths = rowsOf(table).map((row) => Math.max(1, cellCount(row)));
  if (widths.length === 0 || widths.every((width) => width === widths[0])) return;
  // Counted again when applied: the repairs before it (a removed foreign cell, a filler) ran.
  repairs.push({ kind: 'table-shape', apply: () => padRows(table) });
}

const checked = new WeakMap<Repair[], WeakSet<Y.XmlElement>>();

function padRows(table: Y.XmlElement): void {
  const rows = rowsOf(table);
  const widest = Math.max(0, ...rows.map(cellCount));
  for (const row of rows) {
    const missing = widest - cellCount(row);
    if (missing > 0)
      row.insert(
        row.length,
        Array.from({ length: missing }, () => emptyCell(row)),
      );
  }
}

function rowsOf(table: Y.XmlElement): Y.XmlElement[] {
  return table
    .toArray()
    .filter(
      (child): child is Y.XmlElement =>
        child instanceof Y.XmlElement && child.nodeName === TABLE_NODES.row,
    );
}

function cellCount(row: Y.XmlElement): number {
  return row
    .toArray()
    .filter(
      (child) =>
        child instanceof Y.XmlElement && elementType(schema.nodes.table_row, child.nodeName),
    ).length;
}

/** An empty cell of the kind the row ends with (a heading row stays a heading row). */
function emptyCell(row: Y.XmlElement): Y.XmlElement {
  const last = row.toArray().at(-1);
  const name =
    last instanceof Y.XmlElement && last.nodeName === TABLE_NODES.header
      ? TABLE_NODES.header
      : TABLE_NODES.cell;
  const cell = new Y.XmlElement(name);
  cell.insert(0, [new Y.XmlElement('paragraph')]);
  return cell;
}
