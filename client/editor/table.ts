import type { Node, NodeType, ResolvedPos } from 'prosemirror-model';
import {
  Plugin,
  TextSelection,
  type Command,
  type EditorState,
  type Transaction,
} from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { newClauseId } from '../../shared/clauses';
import { documentTitleOf } from '../../shared/plainText';
import { schema } from './schema';

// The Lampiran and its tables in the editor (issue 15): a few commands of its own rather than
// prosemirror-tables, since a rencana kerja needs no merged cells. Every command keeps the
// table a grid (a row as wide as the others, a column added or removed in every row), so the
// server never has to pad it, and gives new rows fresh ids.

const { lampiran, lampiran_heading, table, table_row, table_cell, table_header, paragraph } =
  schema.nodes;

/** Where the cell holding the selection stands: the table, the row and the cell, by position and index. */
interface CellAt {
  table: Node;
  tablePos: number;
  row: Node;
  rowPos: number;
  rowIndex: number;
  cell: Node;
  cellIndex: number;
}

/** The table cell the selection starts in, or null outside any table. */
export function cellAt(state: EditorState): CellAt | null {
  return cellOf(state.selection.$from);
}

function cellOf($pos: ResolvedPos): CellAt | null {
  for (let d = $pos.depth; d > 2; d--) {
    const node = $pos.node(d);
    if (node.type !== table_cell && node.type !== table_header) continue;
    return {
      table: $pos.node(d - 2),
      tablePos: $pos.before(d - 2),
      row: $pos.node(d - 1),
      rowPos: $pos.before(d - 1),
      rowIndex: $pos.index(d - 2),
      cell: node,
      cellIndex: $pos.index(d - 1),
    };
  }
  return null;
}

/** The Lampiran the selection is in: its node and position, or null. */
function lampiranAt(state: EditorState): { node: Node; pos: number } | null {
  const $from = state.selection.$from;
  for (let d = $from.depth; d > 0; d--) {
    if ($from.node(d).type === lampiran) return { node: $from.node(d), pos: $from.before(d) };
  }
  return null;
}

/** An empty cell of the given kind, or holding `text`. */
function cellNode(type: NodeType, text = ''): Node {
  return type.create(null, paragraph.create(null, text ? schema.text(text) : null));
}

/** A row of `count` cells of `type` (a fresh id), holding `texts` where given. */
function rowNode(count: number, type: NodeType = table_cell, texts: string[] = []): Node {
  return table_row.create(
    { id: newClauseId() },
    Array.from({ length: count }, (_, i) => cellNode(type, texts[i])),
  );
}

/** The columns of a new Lampiran's table, as the template's rencana kerja has them. */
export const NEW_TABLE_COLUMNS = ['No.', 'Kegiatan', 'Penanggung Jawab', 'Waktu Pelaksanaan'];

/** A new table: a heading row with `columns` and one empty row numbered `1.`. */
function newTable(columns: readonly string[] = NEW_TABLE_COLUMNS): Node {
  return table.create({ id: newClauseId() }, [
    rowNode(columns.length, table_header, [...columns]),
    rowNode(columns.length, table_cell, ['1.']),
  ]);
}

/** Puts the cursor at the end of the text of the cell at `cellPos` (the cell's own position). */
function intoCell(tr: Transaction, cellPos: number): Transaction {
  const cell = tr.doc.nodeAt(cellPos);
  const end = cell ? cellPos + 1 + (cell.firstChild?.nodeSize ?? 2) - 1 : cellPos + 2;
  return tr.setSelection(TextSelection.create(tr.doc, end));
}

/** The position of cell `index` of the row at `rowPos`. */
function cellPosIn(doc: Node, rowPos: number, index: number): number {
  const row = doc.nodeAt(rowPos)!;
  let pos = rowPos + 1;
  for (let i = 0; i < index; i++) pos += row.child(i).nodeSize;
  return pos;
}

/**
 * "Tambah Lampiran": appends a Lampiran at the end of the naskah, its heading naming the naskah
 * ("LAMPIRAN", the title, "RENCANA KERJA") and a rencana kerja table to fill in; the cursor
 * goes to the first activity's cell.
 */
export const addLampiran: Command = (state, dispatch) => {
  if (dispatch) {
    const title = documentTitleOf(state.doc).toUpperCase();
    const headings = ['LAMPIRAN', ...(title ? [title] : []), 'RENCANA KERJA'];
    const node = lampiran.create({ id: newClauseId() }, [
      ...headings.map((line) => lampiran_heading.create(null, schema.text(line))),
      newTable(),
    ]);
    const at = state.doc.content.size;
    const tr = state.tr.insert(at, node);
    // The table is the Lampiran's last child; its second row's second cell is "Kegiatan".
    const inserted = tr.doc.nodeAt(at)!;
    const tablePos = at + inserted.nodeSize - 1 - inserted.lastChild!.nodeSize;
    const rowPos = tablePos + 1 + inserted.lastChild!.firstChild!.nodeSize;
    dispatch(intoCell(tr, cellPosIn(tr.doc, rowPos, 1)).scrollIntoView());
  }
  return true;
};

/**
 * "Tambah tabel": in a Lampiran outside any table, inserts a new table after the block holding
 * the selection (after the last heading line when the selection is in the heading).
 */
export const insertTable: Command = (state, dispatch) => {
  const holder = lampiranAt(state);
  if (!holder || cellAt(state)) return false;
  const $from = state.selection.$from;
  // The index, among the Lampiran's children, of the block holding the selection.
  let index = $from.index(state.doc.resolve(holder.pos + 1).depth);
  while (holder.node.maybeChild(index + 1)?.type === lampiran_heading) index++;
  let after = holder.pos + 1;
  for (let i = 0; i <= index; i++) after += holder.node.child(i).nodeSize;
  if (dispatch) {
    const tr = state.tr.insert(after, newTable());
    const rowPos = after + 1 + tr.doc.nodeAt(after)!.firstChild!.nodeSize;
    dispatch(intoCell(tr, cellPosIn(tr.doc, rowPos, 1)).scrollIntoView());
  }
  return true;
};

/** "Tambah baris": a row after the current one, as wide, of data cells; the cursor into its first cell. */
export const addRowAfter: Command = (state, dispatch) => {
  const at = cellAt(state);
  if (!at) return false;
  if (dispatch) {
    const rowPos = at.rowPos + at.row.nodeSize;
    const tr = state.tr.insert(rowPos, rowNode(at.row.childCount));
    dispatch(intoCell(tr, rowPos + 1).scrollIntoView());
  }
  return true;
};

/** "Hapus baris": removes the current row; the last row of a table stays (remove the table instead). */
export const deleteRow: Command = (state, dispatch) => {
  const at = cellAt(state);
  if (!at || at.table.childCount < 2) return false;
  if (dispatch) {
    const tr = state.tr.delete(at.rowPos, at.rowPos + at.row.nodeSize);
    // The cursor goes to the same column of the row that took its place (or the one before).
    const rowIndex = Math.min(at.rowIndex, at.table.childCount - 2);
    let rowPos = at.tablePos + 1;
    for (let i = 0; i < rowIndex; i++) rowPos += tr.doc.nodeAt(at.tablePos)!.child(i).nodeSize;
    const column = Math.min(at.cellIndex, tr.doc.nodeAt(rowPos)!.childCount - 1);
    dispatch(intoCell(tr, cellPosIn(tr.doc, rowPos, column)).scrollIntoView());
  }
  return true;
};

/** Applies `change` to every row of the table at `at`, from the last row up, so positions hold. */
function everyRow(
  tr: Transaction,
  at: CellAt,
  change: (tr: Transaction, row: Node, rowPos: number) => void,
): Transaction {
  const rows: { row: Node; pos: number }[] = [];
  at.table.forEach((row, offset) => rows.push({ row, pos: at.tablePos + 1 + offset }));
  for (const { row, pos } of rows.reverse()) change(tr, row, pos);
  return tr;
}

/** "Tambah kolom": a column right of the current one, in every row (a heading cell in a heading row). */
export const addColumnAfter: Command = (state, dispatch) => {
  const at = cellAt(state);
  if (!at) return false;
  if (dispatch) {
    const tr = everyRow(state.tr, at, (t, row, rowPos) => {
      const index = Math.min(at.cellIndex, row.childCount - 1);
      const type = row.child(index).type;
      t.insert(cellPosIn(t.doc, rowPos, index + 1), cellNode(type));
    });
    const rowPos = tr.mapping.map(at.rowPos);
    dispatch(intoCell(tr, cellPosIn(tr.doc, rowPos, at.cellIndex + 1)).scrollIntoView());
  }
  return true;
};

/** "Hapus kolom": removes the current column from every row; a table keeps at least one column. */
export const deleteColumn: Command = (state, dispatch) => {
  const at = cellAt(state);
  if (!at || at.row.childCount < 2) return false;
  if (dispatch) {
    const tr = everyRow(state.tr, at, (t, row, rowPos) => {
      if (at.cellIndex >= row.childCount || row.childCount < 2) return;
      const from = cellPosIn(t.doc, rowPos, at.cellIndex);
      t.delete(from, from + row.child(at.cellIndex).nodeSize);
    });
    const column = Math.max(0, at.cellIndex - 1);
    const rowPos = tr.mapping.map(at.rowPos);
    dispatch(intoCell(tr, cellPosIn(tr.doc, rowPos, column)).scrollIntoView());
  }
  return true;
};

/**
 * Tab / Shift-Tab in a table: to the next or previous cell, row by row. Tab in the last cell
 * adds a row, as in a word processor; Shift-Tab in the first does nothing here (the focus moves
 * on). Outside a table it does nothing, so Tab keeps demoting ayat and list items there.
 */
export function goToCell(direction: 1 | -1): Command {
  return (state, dispatch, view) => {
    const at = cellAt(state);
    if (!at) return false;
    const cells: number[] = [];
    at.table.forEach((row, rowOffset) => {
      row.forEach((_cell, cellOffset) => cells.push(at.tablePos + 2 + rowOffset + cellOffset));
    });
    const here = cellPosIn(state.doc, at.rowPos, at.cellIndex);
    const next = cells.indexOf(here) + direction;
    // Shift-Tab in the first cell leaves the editor, so keyboard users are never trapped.
    if (next < 0) return false;
    if (next >= cells.length) return addRowAfter(state, dispatch, view);
    if (dispatch) dispatch(intoCell(state.tr, cells[next]).scrollIntoView());
    return true;
  };
}

/**
 * Enter in an empty last heading line of a Lampiran turns it into the first paragraph of its
 * text, so the drafter can write below the heading (Enter in a heading line opens another one).
 */
export const leaveLampiranHeading: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== lampiran_heading || $from.parent.content.size > 0)
    return false;
  const holder = $from.node($from.depth - 1);
  const index = $from.index($from.depth - 1);
  const next = holder.maybeChild(index + 1);
  // The first heading line stays: a Lampiran needs one.
  if (index === 0 || next?.type === lampiran_heading) return false;
  if (dispatch) {
    const pos = $from.before();
    dispatch(state.tr.setBlockType(pos, pos + 2, paragraph).scrollIntoView());
  }
  return true;
};

/** Asks before a whole Lampiran is deleted; a test or another shell may replace it. */
export const lampiranDeletion = {
  confirm: (): boolean =>
    window.confirm(
      'Hapus lampiran ini beserta seluruh isinya? Anda dapat mengurungkannya dengan Ctrl+Z.',
    ),
};

/** "Hapus lampiran": deletes the Lampiran holding the selection, after the user confirms it. */
export const deleteLampiran: Command = (state, dispatch) => {
  const holder = lampiranAt(state);
  if (!holder) return false;
  if (dispatch && lampiranDeletion.confirm())
    dispatch(state.tr.delete(holder.pos, holder.pos + holder.node.nodeSize).scrollIntoView());
  return true;
};

/** Marks the cell holding the cursor (class `current-cell`), so Tab's way through a table shows. */
export function currentCellPlugin(): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const at = cellAt(state);
        if (!at) return null;
        const pos = cellPosIn(state.doc, at.rowPos, at.cellIndex);
        return DecorationSet.create(state.doc, [
          Decoration.node(pos, pos + at.cell.nodeSize, { class: 'current-cell' }),
        ]);
      },
    },
  });
}
