import type { CollabSession, ConnectionState, SyncState } from '../editor/collab';
import { h } from './dom';

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connected: 'Terhubung',
  reconnecting: 'Menyambung ulang…',
  offline: 'Luring',
};

/** The connection indicator and the unsynced-changes indicator, kept up to date. */
export function connectionIndicator(session: CollabSession): HTMLElement {
  const connection = h('span', { class: 'connection', role: 'status' });
  const unsynced = h('span', { class: 'unsynced', hidden: true }, 'Perubahan belum tersinkron');
  const render = ({ connection: state, unsynced: pending }: SyncState) => {
    connection.textContent = CONNECTION_LABELS[state];
    connection.className = `connection connection-${state}`;
    connection.dataset.state = state;
    unsynced.hidden = !pending;
  };
  render(session.state());
  session.onChange(render);
  return h('span', { class: 'sync-indicators' }, connection, unsynced);
}
