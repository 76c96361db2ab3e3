import type { DecorationAttrs } from 'prosemirror-view';

/** What each client tells the others about itself in the awareness `user` field. */
export interface AwarenessUser {
  name: string;
  color: string;
  agency: string;
}

/** The cursor colours; each has CSS classes `cursor-cN` and `selection-cN` in styles.css. */
export const CURSOR_COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
];

/** A stable colour for a user id, so a person keeps the same colour everywhere. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return CURSOR_COLORS[hash % CURSOR_COLORS.length];
}

// The CSP forbids style attributes, so colours travel as classes rather than inline styles.
function colorIndex(user: Partial<AwarenessUser>): number {
  const index = CURSOR_COLORS.indexOf(String(user.color));
  return index < 0 ? 0 : index;
}

/** Builds a remote caret labelled with the person's name and agency. */
export function cursorBuilder(user: Partial<AwarenessUser>): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = `remote-cursor cursor-c${colorIndex(user)}`;
  const label = document.createElement('span');
  label.className = 'remote-cursor-label';
  label.textContent = user.agency ? `${user.name ?? '?'} · ${user.agency}` : (user.name ?? '?');
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

/** The decoration attributes of a remote selection. */
export function selectionBuilder(user: Partial<AwarenessUser>): DecorationAttrs {
  return { class: `remote-selection selection-c${colorIndex(user)}` };
}
