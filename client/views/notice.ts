import { errorMessage } from '../api/http';
import { h } from './dom';

let region: HTMLElement | null = null;

function liveRegion(): HTMLElement {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  return region;
}

/** Shows a short message at the edge of the screen; errors stay until dismissed. */
export function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  const close = h('button', { class: 'link', type: 'button', 'aria-label': 'Tutup' }, '×');
  const item = h('div', { class: `notice notice-${kind}` }, h('span', {}, message), close);
  close.addEventListener('click', () => item.remove());
  liveRegion().append(item);
  if (kind === 'info') setTimeout(() => item.remove(), 4000);
}

/** Shows an API error (in Indonesian) to the user. */
export function notifyError(err: unknown): void {
  notify(errorMessage(err), 'error');
}

/** Runs an action for a button: disables it meanwhile and reports failures. */
export async function runAction(button: HTMLButtonElement | null, action: () => Promise<unknown>) {
  if (button) button.disabled = true;
  try {
    await action();
    return true;
  } catch (err) {
    notifyError(err);
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}
