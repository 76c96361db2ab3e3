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
import { goToCell, leaveLampiranHeading } from './table';

/**
 * The editor's keys: own-change undo/redo (Yjs), marks, clause commands, the structure inside
 * a Pasal (Enter, Tab, Shift-Tab, Backspace on ayat and list items), Tab between the cells of a
 * Lampiran's table, then the basics.
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
      Enter: chainCommands(enterFromHeading, leaveLampiranHeading, splitNumbered),
      // In a table Tab moves between cells; elsewhere it demotes an ayat or list item.
      Tab: chainCommands(goToCell(1), demote),
      'Shift-Tab': chainCommands(goToCell(-1), promote),
      Backspace: backspaceEmptyItem,
      'Mod-.': fixPunctuationHere,
    }),
    keymap(baseKeymap),
  ];
}
