import { toggleMark } from 'prosemirror-commands';
import type { Node } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { buildClauseNode, newClauseId } from '../../shared/clauses';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { schema } from './schema';

/** Where the clause holding the selection stands: its node, start position and index. */
export interface ClauseAt {
  node: Node;
  pos: number;
  index: number;
}

/** The top-level clause the selection is in, or null outside any clause. */
export function clauseAt(state: EditorState): ClauseAt | null {
  const $from = state.selection.$from;
  if ($from.depth < 1) return null;
  const node = $from.node(1);
  if (node.type !== schema.nodes.clause) return null;
  return { node, pos: $from.before(1), index: $from.index(0) };
}

/** Inserts an empty clause after the current one (or at the end) and puts the cursor in its heading. */
export const addClauseAfter: Command = (state, dispatch) => {
  const current = clauseAt(state);
  const insertAt = current ? current.pos + current.node.nodeSize : lastClauseEnd(state.doc);
  if (dispatch) {
    const clause = buildClauseNode({ id: newClauseId(), heading: '', text: '' });
    const tr = state.tr.insert(insertAt, clause);
    tr.setSelection(TextSelection.create(tr.doc, insertAt + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** Asks the user before a whole Pasal is deleted; a test or another shell may replace it. */
export const clauseDeletion = {
  confirm: (label: string): boolean =>
    window.confirm(
      `Hapus ${label} beserta seluruh isinya? Anda dapat mengurungkannya dengan Ctrl+Z.`,
    ),
};

/** Deletes the clause holding the selection, after the user confirms it. */
export const deleteClause: Command = (state, dispatch) => {
  const current = clauseAt(state);
  if (!current) return false;
  if (dispatch) {
    const number = clauseNumber(state.doc, current.pos);
    const heading = current.node.firstChild?.textContent.trim();
    if (!clauseDeletion.confirm(`Pasal ${number}${heading ? ` (${heading})` : ''}`)) return true;
    dispatch(state.tr.delete(current.pos, current.pos + current.node.nodeSize));
  }
  return true;
};

/**
 * Enter at the end of a Pasal heading moves into the block after it when that block is still
 * empty (a new Pasal's first paragraph), instead of opening another one before it and leaving
 * the empty paragraph behind.
 */
export const enterFromHeading: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== schema.nodes.clause_heading) return false;
  if ($from.parentOffset !== $from.parent.content.size) return false;
  const after = $from.after();
  const next = state.doc.resolve(after).nodeAfter;
  if (!next) return false;
  // The first textblock of the next block (a paragraph, or an ayat's first paragraph).
  let target = -1;
  next.descendants((node, pos) => {
    if (target >= 0) return false;
    if (node.isTextblock) target = after + 1 + pos + 1;
    return !node.isTextblock;
  });
  if (next.isTextblock) target = after + 1;
  if (target < 0 || state.doc.resolve(target).parent.content.size > 0) return false;
  if (dispatch)
    dispatch(state.tr.setSelection(TextSelection.create(state.doc, target)).scrollIntoView());
  return true;
};

function clauseNumber(doc: Node, pos: number): number {
  let n = 0;
  doc.forEach((node, offset) => {
    if (node.type === schema.nodes.clause && offset <= pos) n += 1;
  });
  return n;
}

/** Moves the current clause up (-1) or down (+1) past its neighbouring clause, keeping its id. */
export function moveClause(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const current = clauseAt(state);
    if (!current) return false;
    const neighbourIndex = current.index + direction;
    if (neighbourIndex < 0 || neighbourIndex >= state.doc.childCount) return false;
    const neighbour = state.doc.child(neighbourIndex);
    if (neighbour.type !== schema.nodes.clause) return false;
    if (dispatch) {
      const offsetInClause = state.selection.from - current.pos;
      const tr = state.tr.delete(current.pos, current.pos + current.node.nodeSize);
      const target =
        direction < 0 ? current.pos - neighbour.nodeSize : current.pos + neighbour.nodeSize;
      tr.insert(target, current.node);
      const cursor = Math.min(target + offsetInClause, tr.doc.content.size);
      tr.setSelection(TextSelection.near(tr.doc.resolve(cursor)));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Toggles bold. */
export const toggleBold: Command = toggleMark(schema.marks.strong);

/** Toggles italic. */
export const toggleItalic: Command = toggleMark(schema.marks.em);

function lastClauseEnd(doc: Node): number {
  let end = -1;
  doc.forEach((node, offset) => {
    if (node.type === schema.nodes.clause) end = offset + node.nodeSize;
  });
  if (end >= 0) return end;
  // No clause yet: before the closing when there is one, else at the end.
  let closing = doc.content.size;
  doc.forEach((node, offset) => {
    if (node.type === schema.nodes.closing && closing === doc.content.size) closing = offset;
  });
  return closing;
}

/** Undoes this user's own last change (never someone else's). */
export const undoOwn: Command = (state, dispatch) => !!undoCommand(state, dispatch);

/** Redoes this user's last undone change. */
export const redoOwn: Command = (state, dispatch) => !!redoCommand(state, dispatch);
