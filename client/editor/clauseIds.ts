import { Plugin, PluginKey } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { clauseIdRepairs, newClauseId } from '../../shared/clauses';

/** The key of the plugin that keeps clause ids unique and non-empty. */
export const clauseIdsKey = new PluginKey('clauseIds');

/** True when a transaction came from Yjs (a remote edit, an undo) rather than from this user. */
function fromYjs(meta: unknown): boolean {
  return !!(meta as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
}

/**
 * Gives a fresh id to every clause whose id is empty or repeats an earlier one (a pasted or
 * split clause). Only this user's own edits are repaired: if every client repaired remote
 * edits too, each would invent a different id for the same clause.
 */
export function clauseIdsPlugin(makeId: () => string = newClauseId): Plugin {
  return new Plugin({
    key: clauseIdsKey,
    appendTransaction(transactions, _oldState, newState) {
      const local = transactions.some(
        (tr) => tr.docChanged && !fromYjs(tr.getMeta(ySyncPluginKey)),
      );
      if (!local) return null;
      const repairs = clauseIdRepairs(newState.doc, makeId);
      if (repairs.length === 0) return null;
      const tr = newState.tr;
      for (const { pos, id } of repairs) tr.setNodeAttribute(pos, 'id', id);
      return tr;
    },
  });
}
