import type { Agency } from '../api/types';
import { mentionCandidates, mentionQueryAt, mentionToken } from '../../shared/mentions';
import { h, replaceChildren } from './dom';

/**
 * Offers the document's agencies while `@…` is typed in a comment box: arrows move, Enter or Tab
 * picks, Escape closes; picking writes `@CODE `, the form the inbox recognises. Returns the list
 * element, to be placed right after the box.
 */
export function mentionAutocomplete(
  box: HTMLTextAreaElement,
  agencies: () => Agency[],
): HTMLElement {
  const list = h('ul', { class: 'mention-list', role: 'listbox', hidden: true });
  let options: Agency[] = [];
  let active = 0;

  const close = () => {
    list.hidden = true;
    options = [];
  };
  const pick = (agency: Agency) => {
    const query = mentionQueryAt(box.value, box.selectionStart ?? box.value.length);
    if (!query) return close();
    const end = query.start + 1 + query.query.length;
    const token = mentionToken(agency);
    box.value = box.value.slice(0, query.start) + token + box.value.slice(end);
    const caret = query.start + token.length;
    box.setSelectionRange(caret, caret);
    box.focus();
    close();
  };
  const render = () => {
    replaceChildren(
      list,
      ...options.map((agency, i) => {
        const item = h(
          'li',
          {
            role: 'option',
            class: `mention-option${i === active ? ' active' : ''}`,
            'aria-selected': String(i === active),
            dataset: { code: agency.code },
          },
          h('strong', {}, `@${agency.code}`),
          ` ${agency.name}`,
        );
        // mousedown, not click: the box keeps its focus and caret.
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          pick(agency);
        });
        return item;
      }),
    );
  };

  box.addEventListener('input', () => {
    const query = mentionQueryAt(box.value, box.selectionStart ?? box.value.length);
    options = query ? mentionCandidates(query.query, agencies()) : [];
    active = 0;
    list.hidden = options.length === 0;
    render();
  });
  box.addEventListener('keydown', (event) => {
    if (list.hidden || options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      render();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  box.addEventListener('blur', close);
  return list;
}
