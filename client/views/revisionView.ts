import { getRevision } from '../api/revisions';
import type { Me, Revision } from '../api/types';
import { labelKindOf, LABEL_PATTERNS } from '../../shared/numbering';
import { errorMessage } from '../api/http';
import { parseRowLine } from '../../shared/lampiran';
import { formatTime, h } from './dom';
import { groupTableRows } from './redlineLines';
import { appHeader } from './header';
import { navigate } from './router';

/**
 * A revision read on its own, at /documents/:id/revisions/:n: the frozen naskah as it was
 * initialled, not the live text and not a comparison. Read-only for every role.
 */
export function revisionView(
  root: HTMLElement,
  me: Me,
  documentId: string,
  number: number,
  onLogout: () => void,
) {
  let disposed = false;
  const main = h('main', { class: 'revision-read loading' }, 'Memuat revisi…');
  root.replaceChildren(appHeader(me, onLogout), main);
  getRevision(documentId, number)
    .then((revision) => {
      if (!disposed) main.replaceWith(readView(documentId, revision));
    })
    .catch((err) => {
      if (!disposed) main.replaceChildren(h('p', { class: 'form-error' }, errorMessage(err)));
    });
  return () => {
    disposed = true;
  };
}

function readView(documentId: string, revision: Revision): HTMLElement {
  const back = h(
    'a',
    { href: `/documents/${encodeURIComponent(documentId)}` },
    'Kembali ke naskah',
  );
  back.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(`/documents/${encodeURIComponent(documentId)}`);
  });
  const label = revision.label ? ` — ${revision.label}` : '';
  return h(
    'main',
    { class: 'revision-read', dataset: { revision: String(revision.number) } },
    h(
      'div',
      { class: 'revision-read-bar' },
      h('h1', {}, `Revisi ${revision.number}${label}`),
      h(
        'p',
        { class: 'muted' },
        `Dibuat ${formatTime(revision.createdAt)} oleh ${revision.createdBy.name}. Hanya baca: inilah teks yang diparaf untuk revisi ini.`,
      ),
      back,
    ),
    h(
      'article',
      { class: 'nota revision-text', lang: 'id' },
      ...linesOf(revision.pembukaan?.text ?? ''),
      ...revision.clauses.flatMap((clause) => [
        h('h3', { class: 'pasal-number' }, `Pasal ${clause.number}`),
        h('h3', { class: 'clause-heading' }, clause.heading),
        ...linesOf(clause.text),
      ]),
      ...linesOf(revision.penutup?.text ?? ''),
    ),
  );
}

/**
 * Printed lines as paragraphs, each numbered line hanging at its level; a Lampiran's table rows
 * (`| a | b |`, shared/lampiran.ts) as one HTML table.
 */
function linesOf(text: string): HTMLElement[] {
  if (text === '') return [];
  const groups = groupTableRows(text.split('\n'), (line) => parseRowLine(line) !== null);
  const lines = groups.filter((g): g is string => !Array.isArray(g));
  const paragraphs = lineParagraphs(lines);
  return groups.map((group) =>
    Array.isArray(group)
      ? h(
          'table',
          { class: 'revision-table' },
          h(
            'tbody',
            {},
            ...group.map((line) =>
              h('tr', {}, ...parseRowLine(line)!.map((cell) => h('td', {}, cell))),
            ),
          ),
        )
      : paragraphs.shift()!,
  );
}

/** Lines that are not table rows as paragraphs, each numbered line hanging at its level. */
function lineParagraphs(lines: string[]): HTMLElement[] {
  let underAyat = false;
  return lines.map((line) => {
    const kind = labelKindOf(line);
    if (kind === 'ayat') underAyat = true;
    const level =
      kind === null
        ? 0
        : ['ayat', 'huruf', 'angka', 'huruf_kurung', 'angka_kurung'].indexOf(kind) +
          (underAyat || kind === 'ayat' ? 1 : 0);
    if (!kind) return h('p', {}, line);
    const marker = LABEL_PATTERNS[kind].exec(line)![0].trim();
    return h(
      'p',
      { class: 'numbered-line', style: `--level: ${level}` },
      h('span', { class: 'marker' }, marker),
      line.slice(LABEL_PATTERNS[kind].exec(line)![0].length),
    );
  });
}
