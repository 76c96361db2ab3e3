import type { Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { rujukanIndex, type RujukanIndex } from '../../shared/rujukan';
import { schema } from './schema';

/** One target the picker offers: its id, its full label and the first words it holds. */
export interface PickerEntry {
  id: string;
  label: string;
  text: string;
}

const SNIPPET_CHARS = 80;
const MAX_SHOWN = 50;

/** Every Pasal, ayat and item of the naskah's Pasal, in order, as the picker lists them. */
export function pickerEntries(doc: Node, index: RujukanIndex = rujukanIndex(doc)): PickerEntry[] {
  const entries: PickerEntry[] = [];
  for (const target of [...index.values()].sort((a, b) => a.pos - b.pos)) {
    if (target.clauseId === null) continue;
    const node = doc.nodeAt(target.pos);
    const first = target.kind === 'clause' ? node?.child(0) : node?.firstChild;
    const text = first?.textContent ?? '';
    entries.push({
      id: target.id,
      label: target.parts.join(' '),
      text: text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text,
    });
  }
  return entries;
}

/**
 * The entries matching a search: its numbers are the first numbers of the label, in order, and
 * its words are found in the label or text, so `5 2` finds Pasal 5 ayat (2) (and its items) and
 * `anggaran` finds where the word stands.
 */
export function filterEntries(entries: PickerEntry[], query: string): PickerEntry[] {
  const words = query
    .toLowerCase()
    .split(/[\s()]+/)
    .filter(Boolean);
  if (words.length === 0) return entries;
  const numbers = words.filter((word) => /^\d+$/.test(word));
  const others = words.filter((word) => !/^\d+$/.test(word));
  return entries.filter((entry) => {
    const label = entry.label.toLowerCase();
    const own = label.match(/\d+/g) ?? [];
    const hay = `${label} ${entry.text.toLowerCase()}`;
    return numbers.every((n, i) => own[i] === n) && others.every((word) => hay.includes(word));
  });
}

let open: HTMLElement | null = null;

/**
 * Opens the reference picker at `from`: a search over the outline (by number or words);
 * choosing a target replaces `from…to` by a `rujukan` to it. Escape closes it, putting back
 * the `@` that opened it.
 */
export function openRujukanPicker(
  view: EditorView,
  from: number,
  to: number,
  options: { typedAt: boolean },
): void {
  open?.remove();
  const entries = pickerEntries(view.state.doc);
  const box = document.createElement('div');
  box.className = 'rujukan-picker';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'Sisipkan rujukan');
  const input = document.createElement('input');
  input.type = 'search';
  input.placeholder = 'Cari nomor atau kata, mis. "3 2" untuk Pasal 3 ayat (2)';
  input.setAttribute('aria-label', 'Cari Pasal, ayat, atau huruf yang dirujuk');
  const list = document.createElement('ul');
  list.setAttribute('role', 'listbox');
  box.append(input, list);
  const coords = view.coordsAtPos(from);
  box.style.left = `${Math.round(coords.left)}px`;
  box.style.top = `${Math.round(coords.bottom + 4)}px`;
  document.body.append(box);
  open = box;

  let shown: PickerEntry[] = [];
  let active = 0;
  const render = () => {
    shown = filterEntries(entries, input.value).slice(0, MAX_SHOWN);
    active = Math.min(active, Math.max(0, shown.length - 1));
    list.replaceChildren(
      ...shown.map((entry, i) => {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.dataset.id = entry.id;
        item.setAttribute('aria-selected', String(i === active));
        const label = document.createElement('strong');
        label.textContent = entry.label;
        const text = document.createElement('span');
        text.textContent = entry.text;
        item.append(label, ' ', text);
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(entry.id);
        });
        return item;
      }),
    );
    if (shown.length === 0) {
      const none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'Tidak ada Pasal, ayat, atau huruf yang cocok.';
      list.append(none);
    }
  };
  const close = (putBackAt: boolean) => {
    if (open === box) open = null;
    box.remove();
    if (putBackAt && options.typedAt) view.dispatch(view.state.tr.insertText('@', from, to));
    view.focus();
  };
  const choose = (id: string) => {
    close(false);
    const node = schema.nodes.rujukan.create({ target: id });
    view.dispatch(view.state.tr.replaceWith(from, to, node).scrollIntoView());
  };
  input.addEventListener('input', () => {
    active = 0;
    render();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + shown.length) % Math.max(1, shown.length);
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (shown[active]) choose(shown[active].id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  });
  input.addEventListener('blur', () => {
    if (open === box) close(true);
  });
  render();
  input.focus();
}
