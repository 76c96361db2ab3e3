import { Fragment, type Node, type NodeType } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { newClauseId } from '../../shared/clauses';
import { NUMBERED_KINDS, isNumberedKind, type NumberedKind } from '../../shared/numbering';
import { schema } from './schema';

// Structure inside a Pasal (issue 13): ayat and the four list levels of UU 12/2011 Lampiran II.
// Every command keeps the ids of the blocks it moves (a block's identity outlives its number)
// and builds only content the schema allows, so the server never has to repair it.

/** Where a numbered block stands: the node, its position and its depth in the document. */
interface BlockAt {
  node: Node;
  pos: number;
  depth: number;
}

/** The innermost numbered block holding the selection's start, or null. */
function numberedAt(state: EditorState): BlockAt | null {
  const $from = state.selection.$from;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (isNumberedKind(node.type.name)) return { node, pos: $from.before(d), depth: d };
  }
  return null;
}

/** The kind one level deeper (+1) or shallower (-1), or null past the ayat or the fourth level. */
function kindAt(kind: NumberedKind, delta: number): NumberedKind | null {
  return NUMBERED_KINDS[NUMBERED_KINDS.indexOf(kind) + delta] ?? null;
}

/**
 * The block with its kind and that of every numbered block inside moved by `delta` levels,
 * ids kept, and `extra` appended as it is; null when a level would leave the ayat … `1)`
 * range or the content not fit.
 */
function shifted(node: Node, delta: number, extra: readonly Node[] = []): Node | null {
  if (!isNumberedKind(node.type.name)) return node;
  const kind = kindAt(node.type.name, delta);
  if (!kind) return null;
  const children: Node[] = [];
  for (const child of childrenOf(node)) {
    const moved = shifted(child, delta);
    if (!moved) return null;
    children.push(moved);
  }
  // `extra` already stands at the level below the block's new one (promote's followers).
  return checked(schema.nodes[kind], node.attrs, [...children, ...extra]);
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  node.forEach((child) => children.push(child));
  return children;
}

function checked(type: NodeType, attrs: Node['attrs'] | null, content: Node[]): Node | null {
  try {
    return type.createChecked(attrs, Fragment.fromArray(content));
  } catch {
    return null;
  }
}

/** Sets a text selection `shift` positions away from the old one (the moved content is alike). */
function keepSelection(tr: Transaction, state: EditorState, shift: number): Transaction {
  const { from, to } = state.selection;
  const size = tr.doc.content.size;
  const clamp = (n: number) => Math.max(0, Math.min(size, n + shift));
  return tr.setSelection(
    TextSelection.between(tr.doc.resolve(clamp(from)), tr.doc.resolve(clamp(to))),
  );
}

/**
 * Tab: demotes the current block into its previous sibling of the same kind, as that block's
 * next-level child (ayat → `a.` → `1.` → `a)` → `1)`), carrying its own list one level down.
 * The first of a run, and a `1)` (the fourth level, Lampiran II's limit), stay where they are.
 */
export const demote: Command = (state, dispatch) => {
  const block = numberedAt(state);
  if (!block) return false;
  const $pos = state.doc.resolve(block.pos);
  const index = $pos.index();
  const previous = index > 0 ? $pos.parent.child(index - 1) : null;
  if (!previous || previous.type !== block.node.type) return false;
  const moved = shifted(block.node, 1);
  if (!moved) return false;
  const merged = checked(previous.type, previous.attrs, [...childrenOf(previous), moved]);
  if (!merged) return false;
  if (dispatch) {
    const start = block.pos - previous.nodeSize;
    const tr = state.tr.replaceWith(start, block.pos + block.node.nodeSize, merged);
    // The block now opens one position earlier: inside its former sibling, whose end it took.
    dispatch(keepSelection(tr, state, -1).scrollIntoView());
  }
  return true;
};

/**
 * Shift-Tab: promotes the current block one level, to stand right after the block that held
 * it; the items after it in that list follow it as its own list, so the reading order stays.
 * An ayat, or a `a.` directly in a Pasal, turns back into the Pasal's own paragraphs.
 */
export const promote: Command = (state, dispatch) => {
  const block = numberedAt(state);
  if (!block) return false;
  const $pos = state.doc.resolve(block.pos);
  const parent = $pos.parent;
  if (!isNumberedKind(parent.type.name)) return unwrap(state, block, dispatch);
  const index = $pos.index();
  const rest = childrenOf(parent).slice(index + 1);
  const lifted = shifted(block.node, -1, rest);
  const kept = checked(parent.type, parent.attrs, childrenOf(parent).slice(0, index));
  if (!lifted || !kept) return false;
  if (dispatch) {
    const parentPos = $pos.before();
    const tr = state.tr.replaceWith(parentPos, parentPos + parent.nodeSize, [kept, lifted]);
    // One closing token (the old parent's) now stands before the block.
    dispatch(keepSelection(tr, state, 1).scrollIntoView());
  }
  return true;
};

/** Replaces a block in a Pasal by its paragraphs, its own list lifted to the Pasal's first level. */
function unwrap(state: EditorState, block: BlockAt, dispatch?: (tr: Transaction) => void): boolean {
  const clause = state.doc.resolve(block.pos).parent;
  if (clause.type !== schema.nodes.clause) return false;
  const delta = block.node.type === schema.nodes.ayat ? 0 : -1;
  const content: Node[] = [];
  for (const child of childrenOf(block.node)) {
    const moved = shifted(child, delta);
    if (!moved) return false;
    content.push(moved);
  }
  if (dispatch) {
    const tr = state.tr.replaceWith(block.pos, block.pos + block.node.nodeSize, content);
    dispatch(keepSelection(tr, state, -1).scrollIntoView());
  }
  return true;
}

/**
 * Alt+↑ / Alt+↓ in an ayat or item: swaps it with its neighbour of the same kind, keeping both
 * ids, so the numbers follow and the redline shows it as moved. Outside one, the clause moves.
 */
export function moveBlock(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const block = numberedAt(state);
    if (!block) return false;
    const $pos = state.doc.resolve(block.pos);
    const neighbour = $pos.parent.maybeChild($pos.index() + direction);
    if (!neighbour || neighbour.type !== block.node.type) return false;
    if (dispatch) {
      const end = block.pos + block.node.nodeSize;
      const [from, to] =
        direction < 0
          ? [block.pos - neighbour.nodeSize, end]
          : [block.pos, end + neighbour.nodeSize];
      const swapped = direction < 0 ? [block.node, neighbour] : [neighbour, block.node];
      const tr = state.tr.replaceWith(from, to, swapped);
      dispatch(keepSelection(tr, state, direction * neighbour.nodeSize).scrollIntoView());
    }
    return true;
  };
}

/** True when the cursor is in a block that holds nothing but one empty paragraph. */
function inEmptyItem(state: EditorState): BlockAt | null {
  const block = numberedAt(state);
  const { empty, $from } = state.selection;
  if (!block || !empty || $from.depth !== block.depth + 1) return null;
  return block.node.childCount === 1 && block.node.textContent === '' ? block : null;
}

/**
 * Enter in a numbered block: in its last paragraph, starts the next ayat or item at the same
 * level (a fresh id; the words after the cursor go with it); at the start of its words, opens
 * an empty one before it. In an empty item it promotes instead, so Enter twice ends a list.
 */
export const splitNumbered: Command = (state, dispatch, view) => {
  // Where there is no level to promote to (the pembukaan's considerations), Enter goes on.
  if (inEmptyItem(state) && promote(state, dispatch, view)) return true;
  const block = numberedAt(state);
  const { $from, $to } = state.selection;
  if (!block || $from.depth !== block.depth + 1 || !$from.sameParent($to)) return false;
  const paragraphIndex = $from.index(block.depth);
  const type = block.node.type;
  const fresh = () => ({ type, attrs: { id: newClauseId() } });
  const atStart = state.selection.empty && paragraphIndex === 0 && $from.parentOffset === 0;
  if (atStart && $from.parent.content.size > 0) {
    if (dispatch) {
      const item = type.create({ id: newClauseId() }, schema.nodes.paragraph.create());
      dispatch(state.tr.insert(block.pos, item).scrollIntoView());
    }
    return true;
  }
  const next = block.node.maybeChild(paragraphIndex + 1);
  if (next && isNumberedKind(next.type.name)) return openListBefore(state, next.type, dispatch);
  if (paragraphIndex !== block.node.childCount - 1) return false;
  if (dispatch) {
    const tr = state.tr.deleteSelection();
    const at = tr.mapping.map($from.pos);
    tr.split(at, 2, [fresh(), { type: schema.nodes.paragraph }]);
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** Enter before a block's own list: the words after the cursor open that list's first item. */
function openListBefore(
  state: EditorState,
  type: NodeType,
  dispatch?: (tr: Transaction) => void,
): boolean {
  const { $from } = state.selection;
  if (dispatch) {
    const rest = $from.parent.content.cut($from.parentOffset);
    const tr = state.tr.delete($from.pos, $from.end());
    const at = tr.mapping.map($from.after());
    tr.insert(at, type.create({ id: newClauseId() }, schema.nodes.paragraph.create(null, rest)));
    tr.setSelection(TextSelection.create(tr.doc, at + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

/** Backspace at the start of an empty item promotes it (at the top, back to a paragraph). */
export const backspaceEmptyItem: Command = (state, dispatch, view) => {
  if (!inEmptyItem(state)) return false;
  return promote(state, dispatch, view);
};

/**
 * Turns the paragraphs of the selection that stand directly in a Pasal or a numbered block
 * into blocks of `kind`, each with a fresh id, where the schema allows it there (the toolbar's
 * "Ayat" and "Huruf").
 */
export function wrapIn(kind: 'ayat' | 'huruf'): Command {
  return (state, dispatch) => {
    const { $from, $to } = state.selection;
    if ($from.depth < 2 || $from.parent.type !== schema.nodes.paragraph) return false;
    const depth = $from.depth - 1;
    const holder = $from.node(depth);
    // A Lampiran holds `huruf` lists too (not ayat: canReplace below refuses them there).
    const holders = [schema.nodes.clause, schema.nodes.lampiran];
    if (!holders.includes(holder.type) && !isNumberedKind(holder.type.name)) return false;
    const first = $from.index(depth);
    const last = $to.depth > depth && $to.node(depth) === holder ? $to.index(depth) : first;
    const type = schema.nodes[kind];
    const replaced: Node[] = [];
    for (let i = first; i <= last; i++) {
      const child = holder.child(i);
      replaced.push(
        child.type === schema.nodes.paragraph ? type.create({ id: newClauseId() }, child) : child,
      );
    }
    if (!holder.canReplace(first, last + 1, Fragment.fromArray(replaced))) return false;
    if (replaced.every((node) => node.type !== type)) return false;
    if (dispatch) {
      const start = $from.posAtIndex(first, depth);
      const end = $from.posAtIndex(last + 1, depth);
      const tr = state.tr.replaceWith(start, end, replaced);
      // Each wrapped paragraph before a position adds two tokens, the one holding it one.
      const wrappedBefore = (pos: number) => {
        let count = 0;
        for (let i = first; i <= last && $from.posAtIndex(i, depth) < pos; i++) {
          if (holder.child(i).type === schema.nodes.paragraph) count++;
        }
        return count;
      };
      const map = (pos: number) => pos + 2 * wrappedBefore(pos) - 1;
      tr.setSelection(
        TextSelection.create(tr.doc, map(state.selection.from), map(state.selection.to)),
      );
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}
