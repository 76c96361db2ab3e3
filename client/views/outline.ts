import { h, replaceChildren } from './dom';
import { PENUTUP } from '../../shared/naskah';
import type { WorkspaceData } from './store';

/**
 * The clause outline: Pasal number and heading, badges, click to jump to the clause; after the
 * last Pasal, the Lampiran (part of the penutup), which jumps there and selects the penutup.
 */
export function clauseOutline(onJump: (clauseId: string) => void) {
  const list = h('ol', { class: 'outline-list' });
  const element = h(
    'nav',
    { class: 'outline', 'aria-label': 'Daftar pasal' },
    h('h2', {}, 'Pasal'),
    list,
  );
  return {
    element,
    /** Re-renders the outline from the live clauses, comments and sign-offs. */
    update(data: WorkspaceData) {
      const openComments = new Map<string, number>();
      // Threads, not replies: a reply is part of its thread, which is open until resolved.
      for (const c of data.comments) {
        if (!c.resolved && !c.parentId)
          openComments.set(c.clauseId, (openComments.get(c.clauseId) ?? 0) + 1);
      }
      const own = data.signoffs?.find((s) => s.agency.code === data.me.agency.code);
      const changed = new Set(own?.status === 'stale' ? own.changedClauses : []);
      const items = data.liveClauses.map((clause, i) => {
        const button = h(
          'button',
          { type: 'button', class: 'outline-item', dataset: { clauseId: clause.id } },
          h('span', { class: 'outline-number' }, `Pasal ${i + 1}`),
          h('span', { class: 'outline-heading' }, clause.heading || '(tanpa judul)'),
          ...badges(openComments.get(clause.id) ?? 0, changed.has(clause.id)),
        );
        button.addEventListener('click', () => onJump(clause.id));
        return h('li', { class: clause.id === data.currentClauseId ? 'current' : '' }, button);
      });
      if (data.liveLampiran) items.push(lampiranItem(data, openComments, changed, onJump));
      replaceChildren(list, ...items);
    },
  };
}

/** The open-thread and changed-since-paraf badges of an outline entry. */
function badges(count: number, changed: boolean): (HTMLElement | false)[] {
  return [
    count > 0 &&
      h(
        'span',
        {
          class: 'badge badge-comments',
          title: 'Utas komentar terbuka',
          'aria-label': `${count} utas komentar terbuka`,
        },
        `💬 ${count}`,
      ),
    changed &&
      h(
        'span',
        { class: 'badge badge-changed', title: 'Berubah sejak paraf instansi Anda' },
        'berubah',
      ),
  ];
}

/** The Lampiran's entry: `Lampiran — RENCANA KERJA`, counting the penutup's threads and paraf. */
function lampiranItem(
  data: WorkspaceData,
  openComments: Map<string, number>,
  changed: Set<string>,
  onJump: (clauseId: string) => void,
): HTMLLIElement {
  const title = data.liveLampiran?.title;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'outline-item outline-lampiran',
      dataset: { clauseId: PENUTUP },
      title: 'Lampiran termasuk bagian Penutup dan Lampiran',
    },
    h('span', { class: 'outline-number' }, 'Lampiran'),
    title && h('span', { class: 'outline-heading' }, `— ${title}`),
    ...badges(openComments.get(PENUTUP) ?? 0, changed.has(PENUTUP)),
  );
  button.addEventListener('click', () => onJump(PENUTUP));
  return h('li', { class: data.currentClauseId === PENUTUP ? 'current' : '' }, button);
}
