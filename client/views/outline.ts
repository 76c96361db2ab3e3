import { h, replaceChildren } from './dom';
import type { WorkspaceData } from './store';

/** The clause outline: Pasal number and heading, badges, click to jump to the clause. */
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
        const count = openComments.get(clause.id) ?? 0;
        const button = h(
          'button',
          { type: 'button', class: 'outline-item', dataset: { clauseId: clause.id } },
          h('span', { class: 'outline-number' }, `Pasal ${i + 1}`),
          h('span', { class: 'outline-heading' }, clause.heading || '(tanpa judul)'),
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
          changed.has(clause.id) &&
            h(
              'span',
              { class: 'badge badge-changed', title: 'Berubah sejak paraf instansi Anda' },
              'berubah',
            ),
        );
        button.addEventListener('click', () => onJump(clause.id));
        return h('li', { class: clause.id === data.currentClauseId ? 'current' : '' }, button);
      });
      replaceChildren(list, ...items);
    },
  };
}
