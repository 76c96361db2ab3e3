import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { DANGLING_LABEL, rujukanIndex, type RujukanIndex } from '../../shared/rujukan';
import {
  labelOf,
  prepositionHints,
  rujukanOccurrences,
  rujukanProblems,
} from '../../shared/rujukanText';
import { resolvePastedReferences } from './rujukanPaste';
import { openRujukanPicker } from './rujukanPicker';

/** The key of the plugin that shows the labels of references and their problems. */
export const rujukanKey = new PluginKey<RujukanState>('rujukan');

/** What the plugin keeps per document: the index and the decorations derived from it. */
export interface RujukanState {
  index: RujukanIndex;
  decorations: DecorationSet;
}

const HOVER_CHARS = 240;

/** The words a target holds (its first lines), shown when hovering over a reference to it. */
export function citedText(doc: Node, index: RujukanIndex, id: string): string {
  const target = index.get(id);
  if (!target) return '';
  const node = doc.nodeAt(target.pos);
  const text = node ? node.textBetween(0, node.content.size, ' ', ' ') : '';
  const trimmed = text.length > HOVER_CHARS ? `${text.slice(0, HOVER_CHARS)}…` : text;
  return `${target.parts.join(' ')}: ${trimmed}`;
}

/**
 * Every reference's label as a node decoration (`data-label`, shown by CSS), recomputed from
 * shared/rujukan.ts on each change, so a renumbering relabels it for everyone at once; a gone
 * target reads `[rujukan terputus]` in red; a forward reference or one to itself and a wrong
 * `dalam`/`pada` before one are marked with their message.
 */
export function rujukanDecorations(doc: Node, index: RujukanIndex): DecorationSet {
  const decorations: Decoration[] = [];
  const problems = new Map(rujukanProblems(doc, index).map((p) => [p.pos, p]));
  for (const o of rujukanOccurrences(doc)) {
    const label = labelOf(o.node, index, o.holderId);
    const problem = problems.get(o.pos);
    const classes = ['rujukan-label'];
    if (label === DANGLING_LABEL) classes.push('rujukan-terputus');
    else if (problem) classes.push('rujukan-peringatan');
    const title = problem?.message ?? citedText(doc, index, String(o.node.attrs.target));
    decorations.push(
      Decoration.node(o.pos, o.pos + o.node.nodeSize, {
        'data-label': label,
        class: classes.join(' '),
        title,
      }),
    );
  }
  for (const hint of prepositionHints(doc, index)) {
    decorations.push(
      Decoration.inline(hint.from, hint.to, {
        class: 'rujukan-preposisi',
        title: `${hint.message} Klik untuk memperbaiki.`,
        'data-expected': hint.expected,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function stateOf(doc: Node): RujukanState {
  const index = rujukanIndex(doc);
  return { index, decorations: rujukanDecorations(doc, index) };
}

/** Replaces a wrong preposition under `pos` with the one Lampiran II uses; false if none. */
export function fixPrepositionAt(view: EditorView, pos: number): boolean {
  const state = rujukanKey.getState(view.state);
  if (!state) return false;
  const hint = prepositionHints(view.state.doc, state.index).find(
    (h) => pos >= h.from && pos <= h.to,
  );
  if (!hint || !view.editable) return false;
  view.dispatch(view.state.tr.insertText(hint.expected, hint.from, hint.to));
  return true;
}

/** Whether an `@` typed at `pos` opens the picker: in a paragraph, after a space or at its start. */
function opensPicker(state: EditorState, pos: number): boolean {
  const $pos = state.doc.resolve(pos);
  if ($pos.parent.type.name !== 'paragraph' && $pos.parent.type.name !== 'preamble') return false;
  const before = $pos.parent.textBetween(0, $pos.parentOffset, undefined, '\uFFFC');
  return before === '' || /\s$/.test(before);
}

/** The innermost Pasal or numbered block at the selection: what 'salin rujukan' cites. */
export function targetAtSelection(state: EditorState): string | null {
  const { $from } = state.selection;
  const index = rujukanKey.getState(state)?.index;
  for (let depth = $from.depth; depth > 0; depth--) {
    const id = $from.node(depth).attrs.id;
    if (typeof id === 'string' && index?.has(id)) return id;
  }
  return null;
}

let copying: string | null = null;

/**
 * 'Salin rujukan' (Alt+Shift+R): puts a reference to the Pasal, ayat or item at the cursor on
 * the clipboard, so pasting it anywhere in the naskah inserts a `rujukan` to it.
 */
export function copyRujukan(view: EditorView): boolean {
  copying = targetAtSelection(view.state);
  if (!copying) return false;
  document.execCommand('copy');
  copying = null;
  return true;
}

/** The plugin: labels, hover text and problems of references; `@` or Mod-Shift-k opens the picker. */
export function rujukanPlugin(): Plugin<RujukanState> {
  return new Plugin<RujukanState>({
    key: rujukanKey,
    state: {
      init: (_config, state) => stateOf(state.doc),
      apply: (tr, old) => (tr.docChanged ? stateOf(tr.doc) : old),
    },
    props: {
      decorations: (state) => rujukanKey.getState(state)?.decorations,
      transformPasted: (slice, view) => resolvePastedReferences(slice, view),
      handleTextInput(view, from, to, text) {
        if (text !== '@' || !view.editable || !opensPicker(view.state, from)) return false;
        openRujukanPicker(view, from, to, { typedAt: true });
        return true;
      },
      handleDOMEvents: {
        copy(view, event) {
          if (!copying || !event.clipboardData) return false;
          const state = rujukanKey.getState(view.state)!;
          const label = state.index.get(copying)!.parts.join(' ');
          event.clipboardData.setData('text/plain', label);
          event.clipboardData.setData(
            'text/html',
            `<span class="rujukan" data-target="${copying.replace(/[&"<>]/g, '')}"></span>`,
          );
          event.preventDefault();
          return true;
        },
      },
      handleKeyDown(view, event) {
        if (event.altKey && event.shiftKey && event.code === 'KeyR') return copyRujukan(view);
        const shortcut = (event.ctrlKey || event.metaKey) && event.shiftKey && event.key === 'K';
        if (!shortcut || !view.editable) return false;
        const { from, to } = view.state.selection;
        openRujukanPicker(view, from, to, { typedAt: false });
        return true;
      },
      handleClickOn(view, pos, _node, _nodePos, event) {
        const target = event.target as HTMLElement | null;
        if (!target?.closest('.rujukan-preposisi')) return false;
        return fixPrepositionAt(view, pos);
      },
    },
  });
}
