import type { Agency, CellStatus, SignoffMatrix, TierStatus } from '../api/types';
import { h, replaceChildren } from './dom';
import type { WorkspaceData, WorkspaceStore } from './store';

/** Indonesian names of the matrix cell statuses, in legend order. */
export const CELL_STATUS_LABELS: Record<CellStatus, string> = {
  approved: 'Disetujui',
  stale: 'Berubah sejak paraf',
  changes_requested: 'Minta perubahan',
  pending: 'Belum paraf',
  not_concerned: 'Tidak terkait',
};

// A symbol besides the colour, so the matrix reads in greyscale and for colour-blind users.
const CELL_SYMBOLS: Record<CellStatus, string> = {
  approved: '✓',
  stale: '!',
  changes_requested: '✗',
  pending: '·',
  not_concerned: '–',
};

/**
 * The sign-off matrix of the paraf koordinasi tab: one row per Pasal of the latest revision,
 * one column per participating agency, a coloured cell per status and a legend. "Perbesar"
 * opens the same matrix in a wide dialog with the full headings.
 */
export function signoffMatrix(store: WorkspaceStore) {
  const title = h('h3', {}, 'Matriks paraf');
  const expand = h(
    'button',
    { type: 'button', class: 'link matrix-expand', title: 'Tampilkan matriks selebar layar' },
    'Perbesar',
  );
  const body = h('div', { class: 'matrix-body' });
  const element = h(
    'section',
    { class: 'matrix', 'aria-label': 'Matriks paraf koordinasi per pasal' },
    h('div', { class: 'matrix-head' }, title, expand),
    body,
    legend(),
  );
  let wide: HTMLElement | null = null;

  expand.addEventListener('click', () => {
    const content = h('div', { class: 'matrix-body' });
    const close = h('button', { type: 'button' }, 'Tutup');
    const dialog = h(
      'dialog',
      { class: 'dialog matrix-dialog' },
      h('div', { class: 'matrix-head' }, h('h2', {}, title.textContent), close),
      content,
      legend(),
    );
    document.body.append(dialog);
    wide = content;
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      wide = null;
      dialog.remove();
    });
    render(store.get(), content);
    dialog.showModal();
  });

  function render(data: WorkspaceData, into: HTMLElement) {
    const { matrix } = data;
    if (!matrix) replaceChildren(into, h('p', { class: 'muted' }, 'Matriks belum tersedia.'));
    else if (matrix.revision === null || matrix.clauses.length === 0)
      replaceChildren(into, h('p', { class: 'muted' }, 'Belum ada revisi untuk diparaf.'));
    else replaceChildren(into, matrixTable(matrix, data));
  }

  return {
    element,
    /** Re-renders the matrix (and the wide dialog when open) from the store. */
    update() {
      const data = store.get();
      title.textContent = data.matrix?.revision
        ? `Matriks paraf — revisi ${data.matrix.revision}`
        : 'Matriks paraf';
      expand.hidden = !data.matrix?.clauses.length;
      render(data, body);
      if (wide) render(data, wide);
    },
  };
}

function matrixTable(matrix: SignoffMatrix, data: WorkspaceData): HTMLTableElement {
  const names = new Map<string, Agency>(
    [...data.doc.parties, ...data.doc.reviewers].map((a) => [a.code, a]),
  );
  const own = data.me.agency.code;
  const head = h(
    'tr',
    {},
    h('th', { class: 'matrix-corner', scope: 'col' }, 'Pasal'),
    ...matrix.agencies.map((code) =>
      h(
        'th',
        {
          scope: 'col',
          class: code === own ? 'matrix-agency own' : 'matrix-agency',
          title: names.get(code)?.name ?? code,
          dataset: { agency: code },
        },
        h('span', {}, code),
        tierProgress(data.signoffs?.find((e) => e.agency.code === code)?.tiers),
      ),
    ),
  );
  const pasalOf = (id: string) => {
    const number = matrix.clauses.find((c) => c.clauseId === id)?.number;
    return number ? `Pasal ${number}` : 'pasal dihapus';
  };
  const rows = matrix.clauses.map((row) =>
    h(
      'tr',
      { dataset: { clauseId: row.clauseId } },
      // The pembukaan and penutup rows have no number: their heading names them.
      row.number === null
        ? h('th', { scope: 'row', class: 'matrix-clause matrix-part' }, row.heading)
        : h(
            'th',
            { scope: 'row', class: 'matrix-clause', title: `Pasal ${row.number} ${row.heading}` },
            h(
              'span',
              { class: 'matrix-number' },
              h('span', { class: 'matrix-word' }, 'Pasal '),
              String(row.number),
            ),
            ' ',
            h('span', { class: 'matrix-heading' }, row.heading || '(tanpa judul)'),
          ),
      ...matrix.agencies.map((code) => {
        const status: CellStatus = row.cells[code] ?? 'pending';
        const name = row.number === null ? row.heading : `Pasal ${row.number}`;
        // Concerned only because a clause of the agency's cites this one: shown apart.
        const via = row.citedBy?.[code];
        const citing = via ? ` (dirujuk oleh ${via.map(pasalOf).join(', ')})` : '';
        const label = `${code} · ${name}: ${CELL_STATUS_LABELS[status]}${citing}`;
        return h(
          'td',
          {
            class: `matrix-cell cell-${status}${code === own ? ' own' : ''}${via ? ' via-rujukan' : ''}`,
            title: label,
            'aria-label': label,
            dataset: { agency: code, status },
          },
          CELL_SYMBOLS[status],
        );
      }),
    ),
  );
  return h('table', { class: 'signoff-matrix' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'matrix-legend', 'aria-label': 'Keterangan' },
    ...(Object.keys(CELL_STATUS_LABELS) as CellStatus[]).map((status) =>
      h(
        'li',
        {},
        h(
          'span',
          { class: `matrix-cell cell-${status}`, 'aria-hidden': 'true' },
          CELL_SYMBOLS[status],
        ),
        CELL_STATUS_LABELS[status],
      ),
    ),
  );
}

/** Under an agency whose paraf climbs tiers: how many tiers hold a current paraf, each named. */
function tierProgress(tiers: TierStatus[] | undefined): HTMLElement | null {
  if (!tiers?.length) return null;
  const done = tiers.filter((t) => t.status === 'approved').length;
  return h(
    'small',
    {
      class: 'matrix-tiers',
      title: tiers
        .map(
          (t) =>
            `${t.label}: ${t.status === 'approved' ? 'sudah paraf' : t.status === 'stale' ? 'perlu diperbarui' : 'belum'}`,
        )
        .join('\n'),
      dataset: { done: String(done), total: String(tiers.length) },
    },
    ` ${done}/${tiers.length}`,
  );
}
