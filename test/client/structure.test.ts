import type { Node } from 'prosemirror-model';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { buildClauseNode, clauseIdRepairs } from '../../shared/clauses';
import { numberedLines, printLine } from '../../shared/numbering';
import { schema } from '../../shared/schema';
import {
  backspaceEmptyItem,
  demote,
  moveBlock,
  promote,
  splitNumbered,
  wrapIn,
} from '../../client/editor/structure';
import { doc, sequentialIds, title } from '../shared/builders';

// The editor's structure commands on the real schema, without a browser: what each does to the
// Pasal (printed with its derived numbers, one dot per level) and to the blocks' ids.

/** A document of one Pasal built from printed lines; block ids `b-1`, `b-2`, … in order. */
function pasal(...lines: string[]): Node {
  return doc(
    title('NOTA KESEPAKATAN'),
    buildClauseNode(
      { id: 'p1', heading: 'Ruang Lingkup', text: lines.join('\n') },
      sequentialIds('b'),
    ),
  );
}

/** A state with the cursor in the paragraph holding `words`, at its end (or at `offset`). */
function at(document: Node, words: string, offset?: number): EditorState {
  let pos = -1;
  document.descendants((node, p) => {
    if (pos < 0 && node.type === schema.nodes.paragraph && node.textContent === words) {
      pos = p + 1 + (offset ?? node.content.size);
    }
    return pos < 0;
  });
  if (pos < 0) throw new Error(`no paragraph "${words}"`);
  const state = EditorState.create({ schema, doc: document });
  return state.apply(state.tr.setSelection(TextSelection.create(document, pos)));
}

/** Runs a command; the new state, or null when the command does not apply. */
function run(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  const applies = command(state, (tr) => (next = state.apply(tr)));
  if (!applies) return null;
  if (!next) throw new Error('the command applied without a transaction');
  const result = next as EditorState;
  result.doc.check(); // never anything outside the schema
  return result;
}

/** The Pasal's lines with their numbers, a dot per level. */
function lines(state: EditorState | null): string[] {
  if (!state) throw new Error('the command did not apply');
  const clause = state.doc.child(1);
  return numberedLines(clause).map((line) => `${'·'.repeat(line.depth)}${printLine(line)}`);
}

/** The id of the numbered block whose first paragraph holds `words`. */
function idOf(state: EditorState, words: string): string | null {
  return numberedLines(state.doc.child(1)).find((l) => l.text === words)?.blockId ?? null;
}

/** Types `text` at the cursor. */
function type(state: EditorState, text: string): EditorState {
  return state.apply(state.tr.insertText(text));
}

const LISTED = ['(1) Meliputi:', 'a. data;', 'b. pelatihan.', '(2) Dilaksanakan bersama.'];

describe('Tab and Shift-Tab', () => {
  it('Tab puts ayat (2) into ayat (1) as its next item c., keeping its id; Shift-Tab brings it back', () => {
    const start = at(pasal(...LISTED), 'Dilaksanakan bersama.');
    const id = idOf(start, 'Dilaksanakan bersama.');
    const demoted = run(start, demote);
    expect(lines(demoted)).toEqual([
      '·(1) Meliputi:',
      '··a. data;',
      '··b. pelatihan.',
      '··c. Dilaksanakan bersama.',
    ]);
    expect(idOf(demoted!, 'Dilaksanakan bersama.')).toBe(id);
    // The cursor stays in the moved words.
    expect(demoted!.selection.$from.parent.textContent).toBe('Dilaksanakan bersama.');
    const promoted = run(demoted!, promote);
    expect(lines(promoted)).toEqual(lines(start));
    expect(idOf(promoted!, 'Dilaksanakan bersama.')).toBe(id);
  });

  it("carries a block's own list one level down, and never past the fourth level (Lampiran II)", () => {
    const list = pasal('Meliputi:', 'a. satu;', 'b. dua:', '1. x;', '2. y.');
    expect(lines(run(at(list, 'dua:'), demote))).toEqual([
      'Meliputi:',
      '·a. satu;',
      '··1. dua:',
      '···a) x;',
      '···b) y.',
    ]);
    const deep = pasal(
      'Meliputi:',
      'a. satu;',
      'b. dua:',
      '1. x;',
      '2. y:',
      'a) p;',
      'b) q:',
      '1) r;',
      '2) s.',
    );
    // `b.` and `b)` hold a `1)` list, which would have to go to a fifth level.
    expect(run(at(deep, 'dua:'), demote)).toBeNull();
    expect(run(at(deep, 'q:'), demote)).toBeNull();
    // A `1)` is the fourth level already.
    expect(run(at(deep, 's.'), demote)).toBeNull();
  });

  it('does not demote the first ayat or the first item of a list', () => {
    expect(run(at(pasal(...LISTED), 'Meliputi:'), demote)).toBeNull();
    expect(run(at(pasal(...LISTED), 'data;'), demote)).toBeNull();
  });

  it('Shift-Tab on a middle item makes it an ayat and the items after it its own list', () => {
    const start = at(pasal('(1) Meliputi:', 'a. satu;', 'b. dua;', 'c. tiga.'), 'dua;');
    expect(lines(run(start, promote))).toEqual([
      '·(1) Meliputi:',
      '··a. satu;',
      '·(2) dua;',
      '··a. tiga.',
    ]);
  });

  it('Shift-Tab on an ayat, or on an a. directly in a Pasal, turns it back into paragraphs', () => {
    expect(lines(run(at(pasal(...LISTED), 'Dilaksanakan bersama.'), promote))).toEqual([
      '·(1) Meliputi:',
      '··a. data;',
      '··b. pelatihan.',
      'Dilaksanakan bersama.',
    ]);
    const list = pasal('Meliputi:', 'a. satu:', '1. x;', '2. y.');
    expect(lines(run(at(list, 'satu:'), promote))).toEqual([
      'Meliputi:',
      'satu:',
      '·a. x;',
      '·b. y.',
    ]);
  });
});

describe('Enter and Backspace', () => {
  it('Enter at the end of ayat (2) starts ayat (3) with a fresh id', () => {
    const start = at(pasal(...LISTED), 'Dilaksanakan bersama.');
    const next = type(run(start, splitNumbered)!, 'Biaya masing-masing.');
    expect(lines(next)).toEqual([...lines(start), '·(3) Biaya masing-masing.']);
    const ids = numberedLines(next.doc.child(1)).map((l) => l.blockId);
    expect(new Set(ids.filter((id) => id !== null)).size).toBe(5);
    expect(clauseIdRepairs(next.doc)).toEqual([]);
  });

  it('Enter in the middle of an item takes the words after the cursor to the next item', () => {
    const start = at(pasal('Meliputi:', 'a. data pelatihan.'), 'data pelatihan.', 5);
    expect(lines(run(start, splitNumbered))).toEqual(['Meliputi:', '·a. data ', '·b. pelatihan.']);
  });

  it('Enter at the start of an item opens an empty one before it; the words keep their id', () => {
    const start = at(pasal(...LISTED), 'Meliputi:', 0);
    const id = idOf(start, 'Meliputi:');
    const next = run(start, splitNumbered)!;
    expect(lines(next)).toEqual([
      '·(1) ',
      '·(2) Meliputi:',
      '··a. data;',
      '··b. pelatihan.',
      '·(3) Dilaksanakan bersama.',
    ]);
    expect(idOf(next, 'Meliputi:')).toBe(id);
  });

  it("Enter at the end of an ayat's words, before its list, opens the list's first item", () => {
    const next = type(run(at(pasal(...LISTED), 'Meliputi:'), splitNumbered)!, 'baru;');
    expect(lines(next)).toEqual([
      '·(1) Meliputi:',
      '··a. baru;',
      '··b. data;',
      '··c. pelatihan.',
      '·(2) Dilaksanakan bersama.',
    ]);
  });

  it('Enter, then Enter or Backspace in the empty item, promotes it: Enter twice ends a list', () => {
    const item = run(at(pasal(...LISTED), 'pelatihan.'), splitNumbered)!;
    expect(lines(item)).toContain('··c. ');
    const promoted = [
      '·(1) Meliputi:',
      '··a. data;',
      '··b. pelatihan.',
      '·(2) ',
      '·(3) Dilaksanakan bersama.',
    ];
    expect(lines(run(item, splitNumbered))).toEqual(promoted);
    expect(lines(run(item, backspaceEmptyItem))).toEqual(promoted);
    // Backspace in an item with words is left to the editor's usual joining.
    expect(run(at(pasal(...LISTED), 'data;', 0), backspaceEmptyItem)).toBeNull();
  });
});

describe('toolbar and moves', () => {
  it('Ayat and Huruf turn paragraphs of a Pasal or an ayat into numbered blocks with fresh ids', () => {
    const plain = pasal('Para Pihak sepakat.', 'Berlaku lima tahun.');
    const ayat = run(at(plain, 'Berlaku lima tahun.'), wrapIn('ayat'));
    expect(lines(ayat)).toEqual(['Para Pihak sepakat.', '·(1) Berlaku lima tahun.']);
    expect(ayat!.selection.$from.parent.textContent).toBe('Berlaku lima tahun.');
    // A second paragraph in an ayat can become its `a.`; the ayat's first paragraph cannot.
    const twoLines = pasal('(1) Meliputi:', 'data.');
    expect(lines(run(at(twoLines, 'data.'), wrapIn('huruf')))).toEqual([
      '·(1) Meliputi:',
      '··a. data.',
    ]);
    expect(run(at(twoLines, 'Meliputi:'), wrapIn('huruf'))).toBeNull();
  });

  it('Alt+arrows swap an ayat with its neighbour, both ids kept', () => {
    const start = at(pasal('(1) Satu.', '(2) Dua.', '(3) Tiga.'), 'Dua.');
    const ids = ['Satu.', 'Dua.', 'Tiga.'].map((w) => idOf(start, w));
    const up = run(start, moveBlock(-1))!;
    expect(lines(up)).toEqual(['·(1) Dua.', '·(2) Satu.', '·(3) Tiga.']);
    expect(['Satu.', 'Dua.', 'Tiga.'].map((w) => idOf(up, w))).toEqual(ids);
    expect(up.selection.$from.parent.textContent).toBe('Dua.');
    expect(lines(run(start, moveBlock(1)))).toEqual(['·(1) Satu.', '·(2) Tiga.', '·(3) Dua.']);
    expect(run(at(pasal('(1) Satu.', '(2) Dua.'), 'Satu.'), moveBlock(-1))).toBeNull();
  });
});
