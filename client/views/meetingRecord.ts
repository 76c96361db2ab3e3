import { minutesUrl } from '../api/meetings';
import { recordSignoff } from '../api/signoffs';
import type { Meeting } from '../../shared/meetings';
import { formatTime, h } from './dom';
import { notify, runAction } from './notice';
import { canSignoff } from './permissions';
import type { WorkspaceData, WorkspaceStore } from './store';

// What a meeting leaves on record, as the Rapat tab shows it: the daftar hadir, the berita
// acara links, the paraf on the revision it cut, and the earlier meetings.

/** The daftar hadir grouped by agency (full name), each person with the jabatan given. */
export function attendanceList(meeting: Meeting): HTMLElement[] {
  const byAgency = new Map<string, { name: string; people: string[] }>();
  for (const a of meeting.attendees) {
    const group = byAgency.get(a.agency.code) ?? { name: a.agency.name, people: [] };
    group.people.push(a.jabatan ? `${a.user.name} (${a.jabatan})` : a.user.name);
    byAgency.set(a.agency.code, group);
  }
  return [
    h('h4', {}, `Daftar hadir (${meeting.attendees.length})`),
    byAgency.size === 0
      ? h('p', { class: 'muted' }, 'Belum ada yang hadir.')
      : h(
          'ul',
          { class: 'attendee-list' },
          ...[...byAgency].map(([code, group]) =>
            h(
              'li',
              { dataset: { agency: code } },
              h('span', { class: 'attendee-agency', title: code }, group.name),
              group.people.join(', '),
            ),
          ),
        ),
  ];
}

/** The download links of a meeting's berita acara. */
export function minutesLinks(documentId: string, meeting: Meeting): HTMLElement {
  return h(
    'div',
    { class: 'minutes-links' },
    ...(['pdf', 'docx'] as const).map((format) =>
      h(
        'a',
        {
          class: `button minutes-${format}`,
          href: minutesUrl(documentId, meeting.id, format),
          download: '',
        },
        format === 'pdf' ? 'Berita acara (PDF)' : 'Berita acara (.docx)',
      ),
    ),
  );
}

/**
 * The outcome of a meeting: the revision its close cut, the berita acara, and for a reviewer or
 * head of an agency that attended, the paraf on that revision while it is the latest.
 */
export function meetingOutcome(
  store: WorkspaceStore,
  meeting: Meeting,
  data: WorkspaceData,
): HTMLElement[] {
  const revision = meeting.closedRevision;
  return [
    revision !== null && h('p', {}, `Hasil rapat dituangkan dalam revisi ${revision}.`),
    minutesLinks(data.doc.id, meeting),
    revision !== null && parafOnRevision(store, meeting, data, revision),
  ].filter((el): el is HTMLElement => el instanceof HTMLElement);
}

function parafOnRevision(
  store: WorkspaceStore,
  meeting: Meeting,
  data: WorkspaceData,
  revision: number,
): HTMLElement | null {
  const attended = meeting.attendees.some((a) => a.agency.code === data.me.agency.code);
  if (!attended || !canSignoff(data).ok || data.doc.latestRevision !== revision) return null;
  const own = data.signoffs?.find((s) => s.agency.code === data.me.agency.code);
  if (own?.status === 'approved' && own.revision === revision)
    return h(
      'p',
      { class: 'meeting-paraf-done' },
      `Paraf ${data.me.agency.name} atas revisi ${revision} tercatat.`,
    );
  const button = h(
    'button',
    { type: 'button', class: 'primary meeting-paraf' },
    `Paraf revisi ${revision}`,
  );
  button.addEventListener(
    'click',
    () =>
      void runAction(button, async () => {
        await recordSignoff(data.doc.id, revision, 'approve');
        notify('Paraf tercatat.');
        await store.refresh('signoffs', 'matrix');
      }),
  );
  return button;
}

/** The earlier meetings of the document, newest first, each with its berita acara. */
export function meetingHistory(documentId: string, earlier: Meeting[]): HTMLElement[] {
  if (earlier.length === 0) return [];
  return [
    h('h4', {}, 'Rapat sebelumnya'),
    h(
      'ul',
      { class: 'meeting-history' },
      ...earlier.map((m) =>
        h(
          'li',
          { dataset: { meetingId: m.id } },
          h('strong', {}, m.title),
          h(
            'div',
            { class: 'muted' },
            `${formatTime(m.startsAt)} · ${m.place}` +
              (m.closedRevision !== null ? ` · hasil: revisi ${m.closedRevision}` : ''),
          ),
          minutesLinks(documentId, m),
        ),
      ),
    ),
  ];
}
