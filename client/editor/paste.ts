import { Fragment, Slice, type Node } from 'prosemirror-model';
import { cleanPastedText } from '../../shared/controlChars';

/**
 * Cleans pasted content before it reaches the text: control characters (a NUL copied from a
 * PDF, a tab from a spreadsheet) would otherwise be stored, and the server would have to
 * remove them again. Tabs and stray line breaks inside a paragraph become one space.
 */
export function cleanPastedSlice(slice: Slice): Slice {
  return new Slice(cleanFragment(slice.content), slice.openStart, slice.openEnd);
}

function cleanFragment(fragment: Fragment): Fragment {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    if (node.isText) {
      const text = cleanPastedText(node.text ?? '');
      if (text !== '') nodes.push(node.type.schema.text(text, node.marks));
    } else {
      nodes.push(node.copy(cleanFragment(node.content)));
    }
  });
  return Fragment.fromArray(nodes);
}
