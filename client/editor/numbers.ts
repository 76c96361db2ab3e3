import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { childNumbers, isNumberedKind } from '../../shared/numbering';

/** The key of the plugin that shows the numbers of ayat and list items. */
export const numbersKey = new PluginKey<DecorationSet>('numbers');

/**
 * The number of every ayat and list item as a node decoration (`data-number`, shown by CSS
 * `::before`). Numbers come from shared/numbering.ts and are never part of the text, so they
 * follow every edit, local or remote, at once and for everyone.
 */
export function numberDecorations(doc: Node): DecorationSet {
  const decorations: Decoration[] = [];
  const visit = (parent: Node, start: number) => {
    const labels = childNumbers(parent);
    parent.forEach((child, offset, index) => {
      const pos = start + offset;
      const label = labels[index];
      if (label !== null) {
        decorations.push(Decoration.node(pos, pos + child.nodeSize, { 'data-number': label }));
      }
      const holds = ['clause', 'lampiran'].includes(child.type.name);
      if (holds || isNumberedKind(child.type.name)) visit(child, pos + 1);
    });
  };
  visit(doc, 0);
  return DecorationSet.create(doc, decorations);
}

/** The plugin that keeps the numbers' decorations, recomputed when the document changes. */
export function numbersPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: numbersKey,
    state: {
      init: (_config, state) => numberDecorations(state.doc),
      apply: (tr, old) => (tr.docChanged ? numberDecorations(tr.doc) : old),
    },
    props: {
      decorations: (state) => numbersKey.getState(state),
    },
  });
}
