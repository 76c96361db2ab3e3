import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import { clauseIdsPlugin } from './clauseIds';
import { commentAnchorsPlugin } from './commentAnchors';
import type { CollabSession } from './collab';
import { cursorBuilder, selectionBuilder } from './cursors';
import { editorKeymaps } from './keymap';
import { numbersPlugin } from './numbers';
import { cleanPastedSlice } from './paste';
import { punctuationPlugin } from './punctuation';
import { rujukanPlugin } from './rujukan';
import { schema } from './schema';
import { currentCellPlugin } from './table';

/** How the editor is mounted. */
export interface EditorOptions {
  /** Whether the signed-in user may change the text now (role and document status). */
  canEdit: () => boolean;
  /** Called after every state change (for the outline and toolbar). */
  onChange?: (view: EditorView) => void;
}

/**
 * Mounts the ProseMirror view bound to the shared Yjs text, with remote cursors and an undo
 * history of this user's own changes. Pasal numbers come from CSS counters, those of ayat and
 * list items from decorations (numbers.ts), never from the text; list punctuation is hinted.
 */
export function createEditor(
  mount: HTMLElement,
  session: CollabSession,
  options: EditorOptions,
): EditorView {
  const state = EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(session.fragment),
      yCursorPlugin(session.provider.awareness, { cursorBuilder, selectionBuilder }),
      yUndoPlugin(),
      clauseIdsPlugin(),
      numbersPlugin(),
      punctuationPlugin(),
      rujukanPlugin(),
      commentAnchorsPlugin(),
      currentCellPlugin(),
      ...editorKeymaps(),
    ],
  });
  return new EditorView(mount, {
    state,
    editable: options.canEdit,
    // tabindex lets a read-only view take focus, so reviewers' selections show to others too.
    attributes: { class: 'nota', spellcheck: 'false', lang: 'id', tabindex: '0' },
    transformPasted: cleanPastedSlice,
    // `this`, not a captured variable: the Yjs binding dispatches while the view is constructed.
    dispatchTransaction(this: EditorView, tr) {
      // y-prosemirror dispatches remote cursors from a timer (updateMetas) without asking
      // whether the view still exists: leaving the workspace while a cursor moved threw
      // "Cannot read properties of null (reading 'matchesNode')" (y-prosemirror #265).
      if (this.isDestroyed) return;
      this.updateState(this.state.apply(tr));
      options.onChange?.(this);
    },
  });
}
