import type { Node } from 'prosemirror-model';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { chainCommands } from 'prosemirror-commands';
import { buildClauseNode } from '../../shared/clauses';
import { extractNaskah } from '../../shared/naskah';
import { schema } from '../../shared/schema';
import { demote } from '../../client/editor/structure';
import {
  addColumnAfter,
  addLampiran,
  addRowAfter,
  cellAt,
  deleteColumn,
  deleteRow,
  goToCell,
  insertTable,
  leaveLampiranHeading,
} from '../../client/editor/table';
import { doc, lampiran, paragraph, row, sequentialIds, table, title } from '../shared/builders';

// The editor's Lampiran and table commands on the real schema, without a browser: the table
// stays a grid, new rows get ids, Tab walks the cells and still demotes outside a table.

const RENCANA = () =>
  doc(
    title('NOTA KESEPAKATAN'),
    buildClauseNode(
      { id: 'p1', heading: 'Ruang Lingkup', text: '(1) Satu.\n(2) Dua.' },
      sequentialIds('b'),
    ),
    lampiran(
      'l1',
      ['LAMPIRAN', 'RENCANA KERJA'],
      table(
        't1',
        row('r0', ['No.', 'Kegiatan', 'Waktu'], true),
        row('r1', ['1.', 'Sosialisasi', 'Triwulan I']),
        row('r2', ['2.', 'Evaluasi', 'Triwulan IV']),
      ),
    ),
  );

/** A state with the cursor at the end of the first textblock holding `words`. */
function at(document: Node, words: string): EditorState {
  let pos = -1;
  document.descendants((node, p) => {
    if (pos < 0 && node.isTextblock && node.textContent === words) pos = p + 1 + node.content.size;
    return pos < 0;
  });
  if (pos < 0) throw new Error(`no textblock "${words}"`);
  const state = EditorState.create({ schema, doc: document });
  return state.apply(state.tr.setSelection(TextSelection.create(document, pos)));
}

/** Runs a command; the new state, or null when it does not apply. */
function run(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  if (!command(state, (tr) => (next = state.apply(tr)))) return null;
  const result = next as unknown as EditorState;
  result.doc.check();
  return result;
}

/** The rows of the first table as the penutup prints them. */
function rows(state: EditorState): string[] {
  return extractNaskah(state.doc)
    .penutup.text.split('\n')
    .filter((line) => line.startsWith('|'));
}

/** The words of the cell holding the cursor. */
const cursorCell = (state: EditorState) => cellAt(state)?.cell.textContent;

function rowIds(state: EditorState): string[] {
  const ids: string[] = [];
  state.doc.descendants((node) => {
    if (node.type === schema.nodes.table_row) ids.push(String(node.attrs.id));
    return true;
  });
  return ids;
}

describe('table commands', () => {
  it('adds a row after the current one, as wide and with a fresh id, the cursor in its first cell', () => {
    const next = run(at(RENCANA(), 'Sosialisasi'), addRowAfter)!;
    expect(rows(next)).toEqual([
      '| No. | Kegiatan | Waktu |',
      '| 1. | Sosialisasi | Triwulan I |',
      '|  |  |  |',
      '| 2. | Evaluasi | Triwulan IV |',
    ]);
    const ids = rowIds(next);
    expect(new Set(ids).size).toBe(4);
    expect(ids[2]).not.toBe('');
    const typed = next.apply(next.tr.insertText('1a.'));
    expect(rows(typed)[2]).toBe('| 1a. |  |  |');
  });

  it('adds data cells after the heading row, never heading cells', () => {
    const next = run(at(RENCANA(), 'Kegiatan'), addRowAfter)!;
    const second = next.doc.lastChild!.lastChild!.child(1);
    second.forEach((cell) => expect(cell.type.name).toBe('table_cell'));
  });

  it('deletes the current row, and keeps the last row of a table', () => {
    const next = run(at(RENCANA(), 'Evaluasi'), deleteRow)!;
    expect(rows(next)).toEqual(['| No. | Kegiatan | Waktu |', '| 1. | Sosialisasi | Triwulan I |']);
    expect(cursorCell(next)).toBe('Sosialisasi');
    const single = doc(lampiran('l', ['LAMPIRAN'], table('t', row('r', ['a']))));
    expect(run(at(single, 'a'), deleteRow)).toBeNull();
  });

  it('adds and removes a column in every row, the heading row with a heading cell', () => {
    const added = run(at(RENCANA(), 'Sosialisasi'), addColumnAfter)!;
    expect(rows(added)).toEqual([
      '| No. | Kegiatan |  | Waktu |',
      '| 1. | Sosialisasi |  | Triwulan I |',
      '| 2. | Evaluasi |  | Triwulan IV |',
    ]);
    expect(added.doc.lastChild!.lastChild!.firstChild!.child(2).type.name).toBe('table_header');
    const removed = run(at(RENCANA(), 'Triwulan I'), deleteColumn)!;
    expect(rows(removed)).toEqual([
      '| No. | Kegiatan |',
      '| 1. | Sosialisasi |',
      '| 2. | Evaluasi |',
    ]);
  });

  it('moves with Tab to the next cell row by row, adds a row after the last, and back with Shift-Tab', () => {
    let state = at(RENCANA(), 'Waktu');
    state = run(state, goToCell(1))!;
    expect(cursorCell(state)).toBe('1.');
    state = run(state, goToCell(-1))!;
    expect(cursorCell(state)).toBe('Waktu');
    const last = run(at(RENCANA(), 'Triwulan IV'), goToCell(1))!;
    expect(rows(last)).toHaveLength(4);
    expect(cursorCell(last)).toBe('');
  });

  it('leaves Tab to demote outside a table', () => {
    const tab = chainCommands(goToCell(1), demote);
    const next = run(at(RENCANA(), 'Dua.'), tab)!;
    expect(extractNaskah(next.doc).clauses[0].text).toBe('(1) Satu.\na. Dua.');
    expect(goToCell(1)(at(RENCANA(), 'Dua.'))).toBe(false);
  });
});

describe('Lampiran commands', () => {
  it('appends a Lampiran naming the naskah with a rencana kerja table, the cursor in the first activity', () => {
    const next = run(at(RENCANA(), 'Satu.'), addLampiran)!;
    const added = next.doc.lastChild!;
    expect(added.type.name).toBe('lampiran');
    expect(added.firstChild!.textContent).toBe('LAMPIRAN');
    expect(added.child(1).textContent).toBe('NOTA KESEPAKATAN');
    expect(cellAt(next)?.rowIndex).toBe(1);
    expect(cellAt(next)?.cellIndex).toBe(1);
    const penutup = extractNaskah(next.doc).penutup.text;
    expect(penutup).toContain(
      '| No. | Kegiatan | Penanggung Jawab | Waktu Pelaksanaan |\n| 1. |  |  |  |',
    );
  });

  it('inserts a table after the heading lines of a Lampiran that has none', () => {
    const bare = doc(lampiran('l', ['LAMPIRAN', 'RENCANA KERJA'], paragraph('Catatan.')));
    const next = run(at(bare, 'LAMPIRAN'), insertTable)!;
    expect(next.doc.firstChild!.child(2).type.name).toBe('table');
    expect(cursorCell(next)).toBe('');
    expect(run(at(RENCANA(), 'Evaluasi'), insertTable)).toBeNull();
  });

  it('turns an empty last heading line into the first paragraph below the heading', () => {
    const withEmpty = doc(lampiran('l', ['LAMPIRAN', ''], table('t', row('r', ['a']))));
    let pos = 0;
    withEmpty.descendants((node, p) => {
      if (node.type === schema.nodes.lampiran_heading && node.content.size === 0) pos = p + 1;
      return true;
    });
    const state = EditorState.create({ schema, doc: withEmpty });
    const inHeading = state.apply(state.tr.setSelection(TextSelection.create(withEmpty, pos)));
    const next = run(inHeading, leaveLampiranHeading)!;
    expect(next.doc.firstChild!.child(1).type.name).toBe('paragraph');
    expect(run(at(withEmpty, 'LAMPIRAN'), leaveLampiranHeading)).toBeNull();
  });
});
