import { Fragment, Slice, type Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { rujukanIndex } from '../../shared/rujukan';
import { partsIndex, textWithReferences } from '../../shared/rujukanParse';

// Pasted text with typed references (`dalam Pasal 3 ayat (2)`, `pada huruf b`) comes in with
// real ones where the target exists in this naskah, read from where the text lands.

const HOLDS_REFERENCES = new Set(['paragraph', 'preamble', 'closing']);

/** The innermost Pasal or numbered block at the selection (null outside any). */
function holderAt(view: EditorView): string | null {
  const { $from } = view.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const id = $from.node(depth).attrs.id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return null;
}

/** A pasted slice with its typed references turned into `rujukan` where they resolve. */
export function resolvePastedReferences(slice: Slice, view: EditorView): Slice {
  const index = rujukanIndex(view.state.doc);
  const byParts = partsIndex(index);
  const holder = holderAt(view);
  const map = (fragment: Fragment, parentName: string): Fragment => {
    const nodes: Node[] = [];
    fragment.forEach((node) => {
      if (node.isText && node.marks.length === 0 && HOLDS_REFERENCES.has(parentName))
        nodes.push(...textWithReferences(index, byParts, holder, node.text ?? ''));
      else if (node.isText || node.isLeaf) nodes.push(node);
      else nodes.push(node.copy(map(node.content, node.type.name)));
    });
    return Fragment.fromArray(nodes);
  };
  // Inline content at the top of the slice lands in the block at the selection.
  const target = view.state.selection.$from.parent.type.name;
  const top = slice.content.firstChild?.isInline ? target : '';
  return new Slice(map(slice.content, top), slice.openStart, slice.openEnd);
}
