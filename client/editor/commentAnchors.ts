import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { Decoration, DecorationSet } from 'prosemirror-view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from 'y-prosemirror';
import * as Y from 'yjs';

/** An open comment's range of words, as the API gives it. */
export interface AnchoredComment {
  id: string;
  start: string;
  end: string;
}

const key = new PluginKey<AnchoredComment[]>('commentAnchors');

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<unknown, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding ? sync : null;
}

/** Where an encoded relative position stands in the editor now, or null when it cannot be found. */
function absolute(state: EditorState, encoded: string): number | null {
  const sync = syncState(state);
  if (!sync) return null;
  try {
    const relative = Y.decodeRelativePosition(fromBase64(encoded));
    // y-prosemirror's mapping type is its own; the binding's is that one.
    const mapping = sync.binding!.mapping as Parameters<
      typeof relativePositionToAbsolutePosition
    >[3];
    return relativePositionToAbsolutePosition(sync.doc, sync.type, relative, mapping);
  } catch {
    return null;
  }
}

/**
 * The selection as an anchor for a comment: its two ends as Yjs relative positions, when it
 * is a non-empty range inside one paragraph; else null (the comment is on the whole Pasal).
 */
export function selectionAnchor(
  view: EditorView,
): { start: string; end: string; quote: string } | null {
  const { state } = view;
  const { from, to, $from, $to, empty } = state.selection;
  const sync = syncState(state);
  if (empty || !sync || !$from.sameParent($to) || !$from.parent.isTextblock) return null;
  const mapping = sync.binding!.mapping as Parameters<typeof absolutePositionToRelativePosition>[2];
  const encode = (pos: number) =>
    toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, sync.type, mapping)));
  return { start: encode(from), end: encode(to), quote: state.doc.textBetween(from, to) };
}

/** Highlights the words of open anchored comments; follows every edit, local or remote. */
export function commentAnchorsPlugin(): Plugin<AnchoredComment[]> {
  return new Plugin<AnchoredComment[]>({
    key,
    state: {
      init: () => [],
      apply: (tr, anchors) => tr.getMeta(key) ?? anchors,
    },
    props: {
      decorations(state) {
        const anchors = key.getState(state) ?? [];
        const decorations: Decoration[] = [];
        for (const anchor of anchors) {
          const from = absolute(state, anchor.start);
          const to = absolute(state, anchor.end);
          if (from === null || to === null || from >= to) continue;
          decorations.push(
            Decoration.inline(from, to, {
              class: 'comment-anchor',
              'data-comment-id': anchor.id,
            }),
          );
        }
        return DecorationSet.create(state.doc, decorations);
      },
    },
  });
}

/** Tells the view which comments' words to highlight. */
export function showCommentAnchors(view: EditorView, anchors: AnchoredComment[]): void {
  view.dispatch(view.state.tr.setMeta(key, anchors));
}
