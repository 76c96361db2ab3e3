import { baseKeymap, chainCommands } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import {
  addClauseAfter,
  enterFromHeading,
  moveClause,
  redoOwn,
  toggleBold,
  toggleItalic,
  undoOwn,
} from './commands';
import { fixPunctuationHere } from './punctuation';
import { backspaceEmptyItem, demote, moveBlock, promote, splitNumbered } from './structure';

/**
 * The editor's keys: own-change undo/redo (Yjs), marks, clause commands, the structure inside
 * a Pasal (Enter, Tab, Shift-Tab, Backspace on ayat and list items), then the basics.
 */
export function editorKeymaps(): Plugin[] {
  return [
    keymap({
      'Mod-z': undoOwn,
      'Mod-y': redoOwn,
      'Mod-Shift-z': redoOwn,
      'Mod-b': toggleBold,
      'Mod-i': toggleItalic,
      'Mod-Alt-Enter': addClauseAfter,
      // In an ayat or item, Alt+arrows move that block; elsewhere the whole Pasal.
      'Alt-ArrowUp': chainCommands(moveBlock(-1), moveClause(-1)),
      'Alt-ArrowDown': chainCommands(moveBlock(1), moveClause(1)),
      Enter: chainCommands(enterFromHeading, splitNumbered),
      Tab: demote,
      'Shift-Tab': promote,
      Backspace: backspaceEmptyItem,
      'Mod-.': fixPunctuationHere,
    }),
    keymap(baseKeymap),
  ];
}
