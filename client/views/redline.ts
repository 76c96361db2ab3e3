import { trackedExportUrl } from '../api/documents';
import { diffRevisions } from '../api/revisions';
import type { ClauseChange, Hunk, Revision } from '../api/types';
import { wordHunks } from '../../shared/clauseDiff';
import { parseRowLine } from '../../shared/lampiran';
import { h, replaceChildren } from './dom';
import { alignLines, groupTableRows, sideLines, type LineRow } from './redlineLines';
import { notifyError } from './notice';

const CHANGE_LABELS: Record<ClauseChange['change'], string> = {
  added: 'Pasal baru',
  removed: 'Pasal dihapus',
  modified: 'Diubah',
  unchanged: 'Tidak berubah',
};

/** Renders word-level hunks: inserted words underlined green, deleted struck through red. */
export function renderHunks(hunks: Hunk[]): HTMLElement {
  return h('div', { class: 'redline-text' }, ...hunkNodes(hunks));
}

/** Hunks as inline nodes: inserted words in `ins`, deleted in `del`, the rest as text. */
function hunkNodes(hunks: Hunk[]): (HTMLElement | string)[] {
  return hunks.map((hunk) =>
    hunk.op === 'insert'
      ? h('ins', { class: 'diff-insert' }, hunk.text)
      : hunk.op === 'delete'
        ? h('del', { class: 'diff-delete' }, hunk.text)
        : hunk.text,
  );
}

const BLOCK_NAMES: Record<'inserted' | 'deleted', [string, string]> = {
  inserted: ['Ayat baru', 'Rincian baru'],
  deleted: ['Ayat dihapus', 'Rincian dihapus'],
};

/** The numbers of a line on both sides: the new one, and the old one beside it when it differs. */
function lineNumbers(row: LineRow): HTMLElement {
  const before = row.before?.label ?? null;
  const after = row.after?.label ?? null;
  const shownAfter = row.change === 'deleted' || row.change === 'moved-away' ? null : after;
  return h(
    'span',
    { class: 'line-number' },
    shownAfter && h('span', { class: 'number-after' }, shownAfter),
    before &&
      before !== shownAfter &&
      h(
        'span',
        { class: 'number-before', title: 'Nomor pada revisi lama' },
        shownAfter ? `semula ${before}` : before,
      ),
  );
}

/** The words of a line: marked as inserted, deleted, moved or word by word. */
function lineWords(row: LineRow): Node | string {
  const words = (row.after ?? row.before)?.text ?? '';
  switch (row.change) {
    case 'modified':
      return h('span', {}, ...hunkNodes(row.hunks));
    case 'inserted':
      return h('ins', { class: 'diff-insert' }, words);
    case 'deleted':
      return h('del', { class: 'diff-delete' }, words);
    case 'moved':
      return h('span', { class: 'diff-moved' }, words);
    case 'moved-away':
      return h('span', { class: 'diff-moved-away' }, row.before?.text ?? '');
    default:
      return words;
  }
}

/** A badge naming what happened to a numbered block (ayat or item), or null for a plain line. */
function lineBadge(row: LineRow): HTMLElement | null {
  const side = row.change === 'deleted' || row.change === 'moved-away' ? row.before : row.after;
  if (!side?.label) return null;
  const which = side.kind === 'ayat' ? 0 : 1;
  if (row.change === 'inserted' || row.change === 'deleted') {
    return h('span', { class: `badge badge-line-${row.change}` }, BLOCK_NAMES[row.change][which]);
  }
  if (row.change === 'moved') {
    return h('span', { class: 'badge badge-moved' }, `Dipindah dari ${row.before?.label ?? ''}`);
  }
  if (row.change === 'moved-away') {
    return h('span', { class: 'badge badge-moved' }, `Dipindah ke ${row.after?.label ?? ''}`);
  }
  return null;
}

/**
 * Renders a clause's lines aligned across both sides, numbers of both sides shown. Consecutive
 * table rows of a Lampiran (printed `| a | b |`, shared/lampiran.ts) show as one HTML table,
 * one row per line, each keeping its change: inserted, deleted or moved as a whole, a modified
 * row compared cell by cell.
 */
export function renderLines(before: string | undefined, after: string | undefined): HTMLElement {
  const rows = alignLines(sideLines(before), sideLines(after));
  return h(
    'div',
    { class: 'redline-text redline-lines' },
    ...groupTableRows(rows, (row) => tableRowCells(row) !== null).map((group) =>
      Array.isArray(group)
        ? h('table', { class: 'redline-table' }, h('tbody', {}, ...group.map(renderTableRow)))
        : renderLine(group),
    ),
  );
}

function renderLine(row: LineRow): HTMLElement {
  return h(
    'div',
    {
      class: `redline-line line-${row.change} level-${(row.after ?? row.before)?.kind ?? 'pasal'}`,
    },
    lineNumbers(row),
    h('span', { class: 'line-words' }, lineWords(row)),
    lineBadge(row),
  );
}

/** The cells of a redline row on each side it stands on, or null unless every side is a table row. */
function tableRowCells(row: LineRow): { before: string[] | null; after: string[] | null } | null {
  const before = row.before ? parseRowLine(row.before.text) : null;
  const after = row.after ? parseRowLine(row.after.text) : null;
  if ((row.before && !before) || (row.after && !after)) return null;
  return { before, after };
}

/** A table row of the redline: its cells marked as the whole row changed, or word by word. */
function renderTableRow(row: LineRow): HTMLElement {
  const { before, after } = tableRowCells(row)!;
  const old = row.change === 'deleted' || row.change === 'moved-away';
  const shown = (old ? before : after) ?? before ?? [];
  const width = Math.max(before?.length ?? 0, after?.length ?? 0);
  const cells = Array.from({ length: width }, (_, i) => {
    const words = shown[i] ?? '';
    switch (row.change) {
      case 'modified':
        return h('td', {}, ...hunkNodes(wordHunks(before?.[i] ?? '', after?.[i] ?? '')));
      case 'inserted':
        return h('td', {}, h('ins', { class: 'diff-insert' }, words));
      case 'deleted':
        return h('td', {}, h('del', { class: 'diff-delete' }, words));
      case 'moved':
        return h('td', {}, h('span', { class: 'diff-moved' }, words));
      case 'moved-away':
        return h('td', {}, h('span', { class: 'diff-moved-away' }, words));
      default:
        return h('td', {}, words);
    }
  });
  const badge = ROW_BADGES[row.change];
  return h(
    'tr',
    { class: `redline-line redline-row line-${row.change}` },
    ...cells,
    h('td', { class: 'row-badge' }, badge && h('span', { class: `badge ${badge[0]}` }, badge[1])),
  );
}

const ROW_BADGES: Partial<Record<LineRow['change'], [string, string]>> = {
  inserted: ['badge-line-inserted', 'Baris baru'],
  deleted: ['badge-line-deleted', 'Baris dihapus'],
  modified: ['badge-modified', 'Baris diubah'],
  moved: ['badge-moved', 'Baris dipindah'],
  'moved-away': ['badge-moved', 'Baris dipindah'],
};

/** The heading of a clause: word hunks when it changed. */
function renderHeading(change: ClauseChange): HTMLElement {
  const before = change.before?.heading;
  const after = change.after?.heading;
  if (before === after || before === undefined || after === undefined) {
    const heading = after ?? before ?? '';
    const inner =
      change.change === 'added'
        ? h('ins', { class: 'diff-insert' }, heading)
        : change.change === 'removed'
          ? h('del', { class: 'diff-delete' }, heading)
          : heading;
    return h('div', { class: 'redline-heading' }, inner);
  }
  return h('div', { class: 'redline-heading' }, ...hunkNodes(wordHunks(before, after)));
}

/**
 * Renders one clause of a diff with its change and moved badges: its heading, then its lines
 * aligned across the two revisions (the hunks compare number-free words; the lines keep the
 * numbers of both sides and mark inserted, deleted and moved ayat and items).
 */
export function renderClauseChange(change: ClauseChange): HTMLElement {
  const version = change.after ?? change.before;
  // The pembukaan and penutup have no number: they show their heading instead.
  const number =
    version?.number === null
      ? version.heading
      : change.after
        ? `Pasal ${change.after.number}`
        : `Pasal ${change.before?.number ?? '?'} (lama)`;
  const body = h(
    'div',
    {
      class:
        change.change === 'unchanged' ? 'redline-body-clause unchanged' : 'redline-body-clause',
    },
    renderHeading(change),
    renderLines(change.before?.text, change.after?.text),
  );
  return h(
    'section',
    { class: `redline-clause change-${change.change}`, dataset: { clauseId: change.clauseId } },
    h(
      'h3',
      {},
      number,
      change.change !== 'unchanged' &&
        h('span', { class: `badge badge-${change.change}` }, CHANGE_LABELS[change.change]),
      change.moved && h('span', { class: 'badge badge-moved' }, 'Dipindah'),
    ),
    body,
  );
}

/** Opens the redline comparing two revisions, with pickers to compare any other two. */
export function openRedline(documentId: string, revisions: Revision[], from: number, to: number) {
  const option = (n: number) =>
    h('option', { value: String(n) }, n === 0 ? 'Dokumen kosong' : revisionName(revisions, n));
  const fromPick = h(
    'select',
    { name: 'from' },
    option(0),
    ...revisions.map((r) => option(r.number)),
  );
  const toPick = h('select', { name: 'to' }, ...revisions.map((r) => option(r.number)));
  fromPick.value = String(from);
  toPick.value = String(to);
  const showUnchanged = h('input', { type: 'checkbox' });
  const summary = h('p', { class: 'redline-summary muted' });
  const content = h('div', { class: 'redline-body' }, 'Memuat…');
  // For a reader who works in Word: the same comparison as tracked changes in a .docx.
  const tracked = h(
    'a',
    {
      class: 'button export-tracked',
      download: '',
      title: 'Unduh revisi yang dibandingkan sebagai dokumen Word dengan perubahannya terlacak',
    },
    'Unduh .docx dengan lacak perubahan',
  );
  const close = h('button', { type: 'button' }, 'Tutup');
  const dialog = h(
    'dialog',
    { class: 'dialog redline' },
    h(
      'div',
      { class: 'redline-head' },
      h('h2', {}, 'Perbandingan revisi'),
      h('label', { class: 'inline' }, 'Dari ', fromPick),
      h('label', { class: 'inline' }, 'ke ', toPick),
      h('label', { class: 'inline' }, showUnchanged, 'Tampilkan pasal yang tidak berubah'),
      tracked,
      close,
    ),
    summary,
    content,
  );
  let changes: ClauseChange[] = [];
  const render = () => {
    const shown = changes.filter(
      (c) => showUnchanged.checked || c.change !== 'unchanged' || c.moved,
    );
    const count = (kind: ClauseChange['change']) => changes.filter((c) => c.change === kind).length;
    summary.textContent = `${count('added')} ditambah, ${count('removed')} dihapus, ${count('modified')} diubah, ${changes.filter((c) => c.moved).length} dipindah.`;
    replaceChildren(
      content,
      ...(shown.length
        ? shown.map(renderClauseChange)
        : [h('p', { class: 'muted' }, 'Tidak ada perubahan.')]),
    );
  };
  const load = () => {
    replaceChildren(content, 'Memuat…');
    // Word tracks changes from an earlier revision only: none from the empty document or backwards.
    const [since, revision] = [Number(fromPick.value), Number(toPick.value)];
    tracked.hidden = since < 1 || since >= revision;
    if (tracked.hidden) tracked.removeAttribute('href');
    else tracked.href = trackedExportUrl(documentId, revision, since);
    diffRevisions(documentId, Number(toPick.value), Number(fromPick.value))
      .then((diff) => {
        changes = diff.clauses;
        render();
      })
      .catch((err) => {
        replaceChildren(
          content,
          h('p', { class: 'form-error' }, 'Perbandingan tidak dapat dimuat.'),
        );
        notifyError(err);
      });
  };
  fromPick.addEventListener('change', load);
  toPick.addEventListener('change', load);
  showUnchanged.addEventListener('change', render);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  load();
}

/** "Revisi 3 — label" for a revision number. */
export function revisionName(revisions: Revision[], n: number): string {
  const label = revisions.find((r) => r.number === n)?.label;
  return label ? `Revisi ${n} — ${label}` : `Revisi ${n}`;
}
