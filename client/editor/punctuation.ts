import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, type Command } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { punctuationHints, type PunctuationHint } from '../../shared/punctuation';
import { schema } from './schema';

/** The key of the plugin that shows punctuation hints for list items. */
export const punctuationKey = new PluginKey<DecorationSet>('punctuation');

/** Applies a hint's fix: replaces the line's tail with the expected punctuation. */
export function applyPunctuationFix(view: EditorView, hint: PunctuationHint): void {
  const { from, to, text } = hint.fix;
  view.dispatch(view.state.tr.replaceWith(from, to, schema.text(text)));
}

/**
 * Ctrl+. applies the punctuation hint of the line holding the cursor, so the fix is one key
 * away for those who do not use a mouse.
 */
export const fixPunctuationHere: Command = (state, dispatch) => {
  const $from = state.selection.$from;
  const pos = $from.depth > 0 ? $from.before() : -1;
  const hint = punctuationHints(state.doc).find((h) => h.pos === pos);
  if (!hint) return false;
  if (dispatch)
    dispatch(state.tr.replaceWith(hint.fix.from, hint.fix.to, schema.text(hint.fix.text)));
  return true;
};

/**
 * The hint marker: a quiet dot whose tooltip says what is wrong, with a "Perbaiki" button whose
 * label comes from CSS, so the editor's text never contains it.
 */
function marker(hint: PunctuationHint) {
  return (view: EditorView): HTMLElement => {
    const wrap = document.createElement('span');
    wrap.className = 'punct-hint';
    wrap.contentEditable = 'false';
    wrap.dataset.expected = hint.expected;
    const dot = document.createElement('span');
    dot.className = 'punct-mark';
    dot.title = `${hint.problem} (Ctrl+.)`;
    dot.setAttribute('role', 'note');
    dot.setAttribute('aria-label', `Tanda baca: ${hint.problem}`);
    const fix = document.createElement('button');
    fix.type = 'button';
    fix.className = 'punct-fix';
    fix.title = `Perbaiki: ${hint.problem}`;
    fix.setAttribute('aria-label', `Perbaiki tanda baca: ${hint.problem}`);
    fix.addEventListener('mousedown', (event) => event.preventDefault());
    fix.addEventListener('click', () => {
      // The text may have moved on since the marker was drawn: fix the hint as it is now.
      const current = punctuationHints(view.state.doc).find(
        (h) => h.pos === hint.pos && h.expected === hint.expected,
      );
      if (current && view.editable) applyPunctuationFix(view, current);
      view.focus();
    });
    wrap.append(dot, fix);
    return wrap;
  };
}

/** The hints of a document as widgets at the end of the lines they concern. */
export function punctuationDecorations(doc: Node): DecorationSet {
  const decorations = punctuationHints(doc).map((hint) =>
    Decoration.widget(hint.fix.to, marker(hint), {
      side: 1,
      ignoreSelection: true,
      // A new key whenever the fix changes, so a stale widget is never reused.
      key: `punct:${hint.pos}:${hint.expected}:${hint.fix.from}:${hint.fix.to}`,
      stopEvent: () => true,
    }),
  );
  return DecorationSet.create(doc, decorations);
}

/**
 * Checks list punctuation (Lampiran II) as the text changes and shows each problem as a quiet
 * hint with a one-click fix; nothing is ever changed without that click.
 */
export function punctuationPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: punctuationKey,
    state: {
      init: (_config, state) => punctuationDecorations(state.doc),
      apply: (tr, old) => (tr.docChanged ? punctuationDecorations(tr.doc) : old),
    },
    props: {
      decorations: (state) => punctuationKey.getState(state),
    },
  });
}
