/** A child of an element built with `h`: strings become text nodes, never markup. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes and event handlers of an element built with `h`. */
export type Props = {
  class?: string;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  dataset?: Record<string, string>;
} & Record<string, unknown>;

/**
 * Creates an element. Text is always set as text (user data can never become markup); known
 * properties (`value`, `disabled`, ...) are assigned, everything else becomes an attribute.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'on') {
      for (const [type, handler] of Object.entries(value as Record<string, EventListener>)) {
        el.addEventListener(type, handler);
      }
    } else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') Reflect.set(el, key, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/** Appends children, turning strings into text nodes. */
export function append(el: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of an element. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** A date and time in Indonesian. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });
}
