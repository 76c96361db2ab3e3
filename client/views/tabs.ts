import { h } from './dom';

/** A tab: its label and the element it shows. */
export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
}

/** A tab strip over panels; only the selected panel is shown. */
export function tabs(items: Tab[]): HTMLElement {
  const strip = h('div', { class: 'tabs', role: 'tablist' });
  const panels = h('div', { class: 'tab-panels' });
  const select = (id: string) => {
    for (const item of items) {
      const on = item.id === id;
      item.panel.hidden = !on;
      const button = strip.querySelector<HTMLButtonElement>(`[data-tab="${item.id}"]`);
      button?.setAttribute('aria-selected', String(on));
    }
  };
  for (const item of items) {
    const button = h(
      'button',
      { type: 'button', role: 'tab', dataset: { tab: item.id } },
      item.label,
    );
    button.addEventListener('click', () => select(item.id));
    strip.append(button);
    item.panel.setAttribute('role', 'tabpanel');
    panels.append(item.panel);
  }
  select(items[0].id);
  return h('aside', { class: 'side' }, strip, panels);
}
