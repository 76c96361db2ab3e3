import { attendMeeting, closeMeeting, listMeetings, openMeeting } from '../api/meetings';
import type { CollabSession } from '../editor/collab';
import { publishPresence, watchPresenter } from '../editor/presenter';
import type { Meeting } from '../../shared/meetings';
import { formatTime, h, replaceChildren } from './dom';
import { agendaOf, meetingAgenda } from './meetingDecisions';
import { attendanceList, meetingHistory, meetingOutcome } from './meetingRecord';
import { notify, runAction } from './notice';
import type { WorkspaceData, WorkspaceStore } from './store';

/**
 * The Rapat tab: open a rapat penyelarasan, attend it (daftar hadir), follow the presenter
 * Pasal by Pasal, record decisions, close it, download its berita acara and give the paraf
 * on the revision it cut.
 */
export function meetingPanel(
  store: WorkspaceStore,
  session: CollabSession,
  jumpTo: (clauseId: string) => void,
) {
  const awareness = session.provider.awareness;
  let meetings: Meeting[] = [];
  let selected: string | null = null;
  let presented: string | null = null;
  let following = false;
  let stopWatching: (() => void) | null = null;
  let watched: string | null = null;
  let lastCursor: string | null = store.get().currentClauseId;

  const title = h('input', {
    name: 'title',
    required: true,
    maxlength: '300',
    value: 'Rapat penyelarasan',
  });
  const place = h('input', {
    name: 'place',
    required: true,
    maxlength: '300',
    placeholder: 'Tempat',
  });
  const startsAt = h('input', { name: 'startsAt', type: 'datetime-local', required: true });
  startsAt.value = localNow();
  const openButton = h('button', { type: 'submit', class: 'primary' }, 'Buka rapat');
  const openForm = h(
    'form',
    { class: 'meeting-open', hidden: true },
    h('h3', {}, 'Buka rapat penyelarasan'),
    title,
    place,
    startsAt,
    openButton,
  );
  const heading = h('div', { class: 'meeting-heading' });
  const jabatan = h('input', {
    name: 'jabatan',
    maxlength: '200',
    placeholder: 'Jabatan (opsional)',
  });
  const attendButton = h('button', { type: 'button', class: 'primary meeting-attend' }, 'Hadir');
  const attendForm = h(
    'div',
    { class: 'meeting-attend-form', hidden: true },
    jabatan,
    attendButton,
  );
  const attendance = h('div', { class: 'meeting-attendance' });
  const follow = h('input', { type: 'checkbox', name: 'follow' });
  const followLabel = h(
    'label',
    { class: 'meeting-follow', hidden: true },
    follow,
    ' Ikuti penyaji',
  );
  const presenterInfo = h('p', { class: 'muted meeting-presenter' });
  const agenda = meetingAgenda({
    selected: () => selected,
    pick(clauseId) {
      selected = clauseId;
      const meeting = current();
      if (meeting && isPresenter(meeting)) {
        jumpTo(clauseId);
        publishPresence(awareness, { id: meeting.id, clauseId });
      }
      render();
    },
    decided(meeting) {
      replace(meeting);
      notify('Keputusan tercatat.');
    },
  });
  const closeButton = h(
    'button',
    { type: 'button', class: 'meeting-close', hidden: true },
    'Tutup rapat',
  );
  const outcome = h('div', { class: 'meeting-outcome' });
  const history = h('div', { class: 'meeting-history-wrap' });
  const meetingBox = h(
    'div',
    { class: 'meeting', hidden: true },
    heading,
    attendForm,
    attendance,
    followLabel,
    presenterInfo,
    agenda.element,
    closeButton,
    outcome,
  );
  const element = h('section', { class: 'panel meeting-panel' }, openForm, meetingBox, history);

  openForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(openButton, async () => {
      const meeting = await openMeeting(store.get().doc.id, {
        title: title.value.trim(),
        place: place.value.trim(),
        startsAt: new Date(startsAt.value).toISOString(),
      });
      meetings = [meeting, ...meetings.filter((m) => m.id !== meeting.id)];
      notify('Rapat dibuka.');
      render();
    });
  });
  attendButton.addEventListener(
    'click',
    () =>
      void runAction(attendButton, async () => {
        const meeting = current();
        if (!meeting) return;
        replace(
          await attendMeeting(store.get().doc.id, meeting.id, jabatan.value.trim() || undefined),
        );
        notify('Kehadiran tercatat.');
      }),
  );
  follow.addEventListener('change', () => {
    following = follow.checked;
    if (following && presented) scrollToPart(presented);
  });
  closeButton.addEventListener(
    'click',
    () =>
      void runAction(closeButton, async () => {
        const meeting = current();
        if (!meeting) return;
        const closed = await closeMeeting(store.get().doc.id, meeting.id);
        replace(closed.meeting);
        notify(`Rapat ditutup; revisi ${closed.revision} dibuat.`);
        await store.refresh('revisions', 'doc', 'signoffs', 'matrix');
      }),
  );

  function current(): Meeting | null {
    return meetings[0] ?? null;
  }

  function isPresenter(meeting: Meeting): boolean {
    return meeting.status === 'open' && meeting.presenter.id === store.get().me.id;
  }

  function replace(meeting: Meeting) {
    meetings = meetings.map((m) => (m.id === meeting.id ? meeting : m));
    render();
  }

  // Followers scroll the editor to where the presenter is; the pembukaan and the penutup are
  // the text before the first and after the last Pasal.
  function scrollToPart(clauseId: string) {
    const editor = document.querySelector('.ProseMirror');
    if (!editor) return;
    const target =
      clauseId === 'pembukaan'
        ? editor.firstElementChild
        : clauseId === 'penutup'
          ? editor.lastElementChild
          : editor.querySelector(`[data-clause-id="${CSS.escape(clauseId)}"]`);
    target?.scrollIntoView({ block: 'start' });
  }

  function watch(meeting: Meeting | null) {
    const key = meeting && meeting.status === 'open' && !isPresenter(meeting) ? meeting.id : null;
    if (key === watched) return;
    stopWatching?.();
    stopWatching = null;
    watched = key;
    presented = null;
    if (!meeting || !key) return;
    stopWatching = watchPresenter(
      awareness,
      meeting.id,
      { name: meeting.presenter.name, agency: meeting.presenter.agency.code },
      (clauseId) => {
        presented = clauseId;
        if (following && clauseId) scrollToPart(clauseId);
        render();
      },
    );
  }

  function render() {
    const data = store.get();
    const meeting = current();
    const open = meeting?.status === 'open';
    openForm.hidden = open || data.me.role !== 'drafter' || data.doc.status !== 'drafting';
    meetingBox.hidden = !meeting;
    watch(meeting);
    const cursor = lastCursor;
    lastCursor = data.currentClauseId;
    if (!meeting || !isPresenter(meeting)) publishPresence(awareness, null);
    if (!meeting) return;
    if (isPresenter(meeting)) {
      // Moving the cursor into another Pasal presents it too, as picking it in the agenda does.
      if (data.currentClauseId !== cursor && data.currentClauseId) selected = data.currentClauseId;
      presented = selected;
      publishPresence(awareness, { id: meeting.id, clauseId: selected });
    }
    replaceChildren(
      heading,
      h(
        'h3',
        {},
        meeting.title,
        ' ',
        h(
          'span',
          { class: `badge meeting-status-${meeting.status}` },
          open ? 'Berlangsung' : 'Selesai',
        ),
      ),
      h(
        'div',
        { class: 'muted' },
        `${formatTime(meeting.startsAt)} · ${meeting.place} · membahas revisi ${meeting.revision}`,
      ),
    );
    const present = meeting.attendees.some((a) => a.user.id === data.me.id);
    attendForm.hidden = !open || present;
    replaceChildren(attendance, ...attendanceList(meeting));
    followLabel.hidden = !open || isPresenter(meeting);
    presenterInfo.textContent = open ? presenterText(meeting, data) : '';
    agenda.update(data, meeting, presented);
    closeButton.hidden = !open || data.me.role !== 'drafter';
    replaceChildren(outcome, ...meetingOutcome(store, meeting, data));
    replaceChildren(history, ...meetingHistory(data.doc.id, meetings.slice(1)));
  }

  function presenterText(meeting: Meeting, data: WorkspaceData): string {
    if (isPresenter(meeting))
      return 'Anda penyaji: Pasal yang Anda pilih ditampilkan kepada peserta.';
    const item = agendaOf(data).find((i) => i.clauseId === presented);
    return `Penyaji: ${meeting.presenter.name}${item ? ` — sedang membahas ${item.label}` : ''}`;
  }

  /** Reloads the meetings from the server. */
  async function refresh() {
    try {
      meetings = await listMeetings(store.get().doc.id);
      render();
    } catch {
      // As the store does: the old list stays until the next event or reload brings it.
    }
  }
  void refresh();

  return {
    element,
    /** Re-renders from the store (live clauses, sign-offs, the document). */
    update: render,
    refresh,
    /** Stops following the presenter (the session's end takes this client's place away). */
    destroy() {
      stopWatching?.();
    },
  };
}

function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset(), 0, 0);
  return now.toISOString().slice(0, 16);
}
