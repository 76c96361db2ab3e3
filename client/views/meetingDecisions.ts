import { decideClause } from '../api/meetings';
import {
  MEETING_DECISION_LABELS,
  MEETING_DECISIONS,
  type Meeting,
  type MeetingDecision,
} from '../../shared/meetings';
import { PENUTUP } from '../../shared/naskah';
import { h, replaceChildren } from './dom';
import { partName } from './labels';
import { runAction } from './notice';
import type { WorkspaceData } from './store';

/** A row of the meeting's agenda: the pembukaan, a Pasal or the penutup. */
export interface AgendaItem {
  clauseId: string;
  label: string;
  heading: string;
}

/** The agenda of a meeting: the pembukaan, every live Pasal in order, the penutup. */
export function agendaOf(data: WorkspaceData): AgendaItem[] {
  return [
    { clauseId: 'pembukaan', label: 'Pembukaan', heading: '' },
    ...data.liveClauses.map((c, i) => ({
      clauseId: c.id,
      label: `Pasal ${i + 1}`,
      heading: c.heading,
    })),
    { clauseId: PENUTUP, label: partName(PENUTUP, data)!, heading: '' },
  ];
}

/** What the agenda needs from the meeting panel. */
export interface AgendaHost {
  /** The Pasal picked in the agenda (the presenter's place); null before any pick. */
  selected(): string | null;
  /** Called when the drafter or presenter picks an agenda row. */
  pick(clauseId: string): void;
  /** Called with the meeting as the server returned it after a decision. */
  decided(meeting: Meeting): void;
}

/**
 * The agenda of the meeting with each item's decision, and, for the drafter while the meeting
 * is open, one decision form for the picked item. The form stays in place across re-renders,
 * so a note being typed survives others joining or deciding.
 */
export function meetingAgenda(host: AgendaHost) {
  const list = h('ol', { class: 'meeting-agenda' });
  const formHeading = h('h4', {}, 'Pilih Pasal pada daftar untuk mencatat keputusan.');
  const note = h('textarea', {
    name: 'note',
    rows: 2,
    maxlength: '5000',
    placeholder: 'Catatan / alasan (opsional)',
  });
  const followUp = h('input', {
    name: 'followUp',
    maxlength: '300',
    placeholder: 'Ditindaklanjuti oleh (untuk Pasal yang ditunda)',
  });
  const buttons = MEETING_DECISIONS.map((decision) =>
    h('button', { type: 'button', dataset: { decision } }, MEETING_DECISION_LABELS[decision]),
  );
  const form = h(
    'div',
    { class: 'decision-form', hidden: true },
    formHeading,
    note,
    followUp,
    h('div', { class: 'actions' }, ...buttons),
  );
  const element = h('div', { class: 'meeting-agenda-wrap' }, form, list);
  let context: { data: WorkspaceData; meeting: Meeting } | null = null;

  const decide = (decision: MeetingDecision, button: HTMLButtonElement) =>
    void runAction(button, async () => {
      const clauseId = host.selected();
      if (!context || !clauseId) return;
      const meeting = await decideClause(context.data.doc.id, context.meeting.id, clauseId, {
        decision,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
        ...(followUp.value.trim() ? { followUp: followUp.value.trim() } : {}),
      });
      note.value = '';
      followUp.value = '';
      host.decided(meeting);
    });
  buttons.forEach((button) =>
    button.addEventListener('click', () =>
      decide(button.dataset.decision as MeetingDecision, button),
    ),
  );

  return {
    element,
    /** Re-renders the agenda; `presented` marks the row the presenter is at. */
    update(data: WorkspaceData, meeting: Meeting, presented: string | null) {
      context = { data, meeting };
      const agenda = agendaOf(data);
      const selected = host.selected();
      const canDecide = data.me.role === 'drafter' && meeting.status === 'open';
      form.hidden = !canDecide;
      const picked = agenda.find((item) => item.clauseId === selected);
      formHeading.textContent = picked
        ? `Keputusan untuk ${itemTitle(picked)}`
        : 'Pilih Pasal pada daftar untuk mencatat keputusan.';
      buttons.forEach((b) => (b.disabled = !picked));
      replaceChildren(list, ...agenda.map((item) => agendaRow(item, meeting, selected, presented)));
    },
  };

  function agendaRow(
    item: AgendaItem,
    meeting: Meeting,
    selected: string | null,
    presented: string | null,
  ) {
    const decision = meeting.decisions[item.clauseId];
    const pickButton = h('button', { type: 'button', class: 'link meeting-pick' }, itemTitle(item));
    pickButton.addEventListener('click', () => host.pick(item.clauseId));
    const classes = ['meeting-item'];
    if (item.clauseId === selected) classes.push('selected');
    if (item.clauseId === presented) classes.push('presented');
    return h(
      'li',
      {
        class: classes.join(' '),
        dataset: { clauseId: item.clauseId, decision: decision?.decision ?? '' },
      },
      pickButton,
      item.clauseId === presented && h('span', { class: 'badge presenting' }, 'Sedang dibahas'),
      decision
        ? h(
            'span',
            { class: `badge decision-${decision.decision}` },
            MEETING_DECISION_LABELS[decision.decision],
          )
        : h('span', { class: 'muted' }, 'Belum diputuskan'),
      decision?.note && h('div', { class: 'note' }, `“${decision.note}”`),
      decision?.followUp && h('div', { class: 'muted' }, `Tindak lanjut: ${decision.followUp}`),
    );
  }
}

function itemTitle(item: AgendaItem): string {
  return item.heading ? `${item.label} — ${item.heading}` : item.label;
}
