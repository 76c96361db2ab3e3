import { listInbox, readMention, type InboxItem, type InboxKind } from '../api/inbox';
import { formatTime, h, replaceChildren } from './dom';
import { notifyError } from './notice';
import { navigate } from './router';

/** How often the inbox is fetched again while a page shows it. */
const REFRESH_MS = 20_000;

/** What each kind of item asks, in the user's words. */
export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  signoff_needed: 'Paraf diperlukan',
  proposal_pending: 'Usulan redaksi',
  mention: 'Instansi Anda disebut',
  approval_ready: 'Siap disetujui',
};

// One shared copy of the inbox: the header badge and the document list read the same fetch.
// A watcher says whether its page is still shown; screens replace their elements without
// disposing them, so watchers whose page is gone are dropped before each fetch.
interface Watcher {
  listener: (items: InboxItem[]) => void;
  alive: () => boolean;
}
const watchers = new Set<Watcher>();
let current: InboxItem[] | null = null;
let timer: number | undefined;
let inflight: Promise<void> | null = null;

function prune() {
  for (const w of watchers) if (!w.alive()) watchers.delete(w);
  if (watchers.size === 0) {
    window.clearInterval(timer);
    timer = undefined;
    window.removeEventListener('focus', onFocus);
  }
}

/**
 * Fetches the inbox again and tells every watcher; called on a timer, when the window regains
 * focus, and on the live events of an open document.
 */
export function refreshInbox(): Promise<void> {
  prune();
  if (watchers.size === 0) return Promise.resolve();
  inflight ??= listInbox()
    .then((items) => {
      current = items;
      watchers.forEach((w) => w.listener(items));
    })
    .catch(() => {
      // A failed refresh keeps the last list; the next one tries again.
    })
    .finally(() => (inflight = null));
  return inflight;
}

const onFocus = () => void refreshInbox();

/**
 * Calls `listener` with the inbox now and whenever it changes, for as long as `element` is on the
 * page (checked once it has been attached).
 */
export function watchInbox(element: HTMLElement, listener: (items: InboxItem[]) => void): void {
  let attached = false;
  const alive = () => (element.isConnected ? (attached = true) : !attached);
  watchers.add({ listener, alive });
  if (current) listener(current);
  if (timer === undefined) {
    timer = window.setInterval(() => void refreshInbox(), REFRESH_MS);
    window.addEventListener('focus', onFocus);
  }
  // After the caller has attached the element, so this fetch counts it as alive.
  setTimeout(() => void refreshInbox(), 0);
}

/** One line on what the item is about: the revision, what changed, or the Pasal. */
export function itemDetail(item: InboxItem): string {
  if (item.kind === 'signoff_needed' && item.status === 'stale')
    return `Revisi ${item.revision}: ${(item.changedLabels ?? []).join(', ')} berubah sejak paraf`;
  if (item.kind === 'signoff_needed' || item.kind === 'approval_ready')
    return `Revisi ${item.revision}`;
  return item.clauseLabel ?? '';
}

/** Opens the item where it asks to be handled; a mention counts as read once opened. */
export async function openItem(item: InboxItem): Promise<void> {
  if (item.kind === 'mention' && item.commentId) {
    await readMention(item.documentId, item.commentId).catch(notifyError);
    void refreshInbox();
  }
  const query = item.clauseId ? `?pasal=${encodeURIComponent(item.clauseId)}` : '';
  navigate(`/documents/${encodeURIComponent(item.documentId)}${query}`);
}

/** The header's inbox: a button with the count of open items and the list below it. */
export function inboxMenu(): HTMLElement {
  const count = h('span', { class: 'inbox-count', hidden: true });
  const button = h(
    'button',
    { type: 'button', class: 'link inbox-button', 'aria-expanded': 'false' },
    'Kotak masuk',
    count,
  );
  const list = h('div', { class: 'inbox-list', role: 'region', 'aria-label': 'Kotak masuk' });
  list.hidden = true;
  button.addEventListener('click', () => {
    list.hidden = !list.hidden;
    button.setAttribute('aria-expanded', String(!list.hidden));
    if (!list.hidden) void refreshInbox();
  });
  const element = h('div', { class: 'inbox' }, button, list);
  watchInbox(element, (items) => {
    count.hidden = items.length === 0;
    count.textContent = String(items.length);
    button.title = `${items.length} hal menunggu Anda`;
    replaceChildren(
      list,
      ...(items.length === 0
        ? [h('p', { class: 'muted' }, 'Tidak ada yang menunggu Anda.')]
        : items.map((item) => inboxEntry(item, () => (list.hidden = true)))),
    );
  });
  return element;
}

function inboxEntry(item: InboxItem, close: () => void): HTMLElement {
  const entry = h(
    'button',
    { type: 'button', class: `inbox-item inbox-${item.kind}`, dataset: { kind: item.kind } },
    h('strong', {}, INBOX_KIND_LABELS[item.kind]),
    h('span', { class: 'inbox-title' }, item.title),
    h('span', { class: 'muted' }, `${itemDetail(item)} · ${formatTime(item.at)}`),
    item.excerpt && h('span', { class: 'inbox-excerpt' }, item.excerpt),
  );
  entry.addEventListener('click', () => {
    close();
    void openItem(item);
  });
  return entry;
}

/**
 * The document list's marker of what waits on the user in one document ("Menunggu Anda: Paraf
 * diperlukan, 2× Instansi Anda disebut"); empty when nothing does. Clicking opens the first item.
 */
export function waitingMarker(documentId: string): HTMLElement {
  const marker = h('button', { type: 'button', class: 'link waiting-marker', hidden: true });
  let first: InboxItem | undefined;
  marker.addEventListener('click', () => first && void openItem(first));
  watchInbox(marker, (items) => {
    const mine = items.filter((i) => i.documentId === documentId);
    first = mine[0];
    marker.hidden = mine.length === 0;
    const counts = new Map<InboxKind, number>();
    for (const i of mine) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
    const parts = [...counts].map(
      ([kind, n]) => `${n > 1 ? `${n}× ` : ''}${INBOX_KIND_LABELS[kind]}`,
    );
    marker.textContent = `Menunggu Anda: ${parts.join(', ')}`;
  });
  return marker;
}
