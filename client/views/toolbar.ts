import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import {
  addClauseAfter,
  deleteClause,
  moveClause,
  redoOwn,
  toggleBold,
  toggleItalic,
  undoOwn,
} from '../editor/commands';
import { demote, promote, wrapIn } from '../editor/structure';
import {
  addColumnAfter,
  addLampiran,
  addRowAfter,
  deleteColumn,
  deleteLampiran,
  deleteRow,
  insertTable,
} from '../editor/table';
import { h } from './dom';

interface Tool {
  label: string;
  title: string;
  command: Command;
  className?: string;
  /** Shown only where it applies (the table tools, inside a Lampiran), not merely disabled. */
  contextual?: boolean;
}

const TOOLS: Tool[] = [
  { label: 'B', title: 'Tebal (Ctrl+B)', command: toggleBold, className: 'tool-bold' },
  { label: 'I', title: 'Miring (Ctrl+I)', command: toggleItalic, className: 'tool-italic' },
  { label: '+ Pasal', title: 'Tambah pasal setelah pasal ini', command: addClauseAfter },
  { label: 'Hapus pasal', title: 'Hapus pasal ini', command: deleteClause },
  { label: '↑', title: 'Pindahkan pasal ke atas (Alt+↑)', command: moveClause(-1) },
  { label: '↓', title: 'Pindahkan pasal ke bawah (Alt+↓)', command: moveClause(1) },
  { label: 'Ayat', title: 'Jadikan ayat', command: wrapIn('ayat'), className: 'tool-ayat' },
  {
    label: 'Huruf',
    title: 'Jadikan rincian huruf (a.)',
    command: wrapIn('huruf'),
    className: 'tool-huruf',
  },
  { label: '⇤', title: 'Naikkan tingkat (Shift+Tab)', command: promote, className: 'tool-promote' },
  { label: '⇥', title: 'Turunkan tingkat (Tab)', command: demote, className: 'tool-demote' },
  {
    label: '+ Lampiran',
    title: 'Tambah lampiran (rencana kerja) di akhir naskah',
    command: addLampiran,
    className: 'tool-lampiran',
  },
  {
    label: 'Hapus lampiran',
    title: 'Hapus lampiran ini',
    command: deleteLampiran,
    contextual: true,
  },
  {
    label: '+ Tabel',
    title: 'Tambah tabel di lampiran ini',
    command: insertTable,
    contextual: true,
  },
  {
    label: '+ Baris',
    title: 'Tambah baris di bawah baris ini (Tab di sel terakhir)',
    command: addRowAfter,
    className: 'tool-row',
    contextual: true,
  },
  { label: 'Hapus baris', title: 'Hapus baris ini', command: deleteRow, contextual: true },
  {
    label: '+ Kolom',
    title: 'Tambah kolom di kanan kolom ini',
    command: addColumnAfter,
    contextual: true,
  },
  { label: 'Hapus kolom', title: 'Hapus kolom ini', command: deleteColumn, contextual: true },
  { label: '↶', title: 'Urungkan perubahan Anda (Ctrl+Z)', command: undoOwn },
  { label: '↷', title: 'Ulangi (Ctrl+Y)', command: redoOwn },
];

/** The editor toolbar; `update` enables each button when its command applies. */
export function editorToolbar(getView: () => EditorView | null) {
  const reason = h('span', { class: 'toolbar-reason muted' });
  const buttons = TOOLS.map((tool) => {
    const button = h(
      'button',
      { type: 'button', title: tool.title, 'aria-label': tool.title, class: tool.className },
      tool.label,
    );
    button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the selection
    button.addEventListener('click', () => {
      const view = getView();
      if (!view) return;
      tool.command(view.state, view.dispatch, view);
      view.focus();
    });
    return { tool, button };
  });
  const element = h(
    'div',
    { class: 'toolbar', role: 'toolbar' },
    ...buttons.map((b) => b.button),
    reason,
  );
  return {
    element,
    /** Enables the tools that apply; when editing is not allowed, shows why. */
    update(view: EditorView | null, editable: { ok: true } | { ok: false; reason: string }) {
      for (const { tool, button } of buttons) {
        const applies = !!view && tool.command(view.state, undefined, view);
        button.hidden = !editable.ok || (tool.contextual === true && !applies);
        button.disabled = !view || !editable.ok || !applies;
      }
      reason.textContent = editable.ok ? '' : editable.reason;
    },
  };
}
