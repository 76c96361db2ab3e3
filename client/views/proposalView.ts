import type { Proposal } from '../api/types';
import { proposalChanges } from '../../shared/proposalDiff';
import { PART_HEADINGS } from '../../shared/naskah';
import { partName } from './labels';
import { h } from './dom';
import type { WorkspaceData } from './store';

/** The current wording of a Pasal a proposal is shown against; null when the Pasal is gone. */
export type CurrentWording = { heading: string; text: string } | null;

/**
 * An usulan redaksi as what it changes in the current text of its Pasal: inserted words
 * underlined, deleted ones struck through, unchanged stretches left out (`…`). Without a
 * current Pasal the proposed wording is shown whole.
 */
export function proposalDiff(current: CurrentWording, proposal: Proposal): HTMLElement {
  if (!current)
    return h(
      'div',
      { class: 'proposal-diff' },
      proposal.heading && h('strong', {}, proposal.heading),
      h('p', {}, proposal.text),
    );
  const pieces = proposalChanges(current, proposal);
  if (pieces.length === 0)
    return h('div', { class: 'proposal-diff muted' }, 'Sama dengan teks Pasal saat ini.');
  return h(
    'div',
    { class: 'proposal-diff' },
    ...pieces.map((piece) =>
      piece.op === 'gap'
        ? h('span', { class: 'diff-gap', title: 'teks yang tidak berubah' }, '…')
        : piece.op === 'insert'
          ? h('ins', { class: 'diff-insert' }, piece.text)
          : piece.op === 'delete'
            ? h('del', { class: 'diff-delete' }, piece.text)
            : piece.text,
    ),
  );
}

/**
 * Where a comment stands, as the panels name it (`Pasal 3 — Ruang Lingkup`, `Pembukaan`), and
 * the current wording its proposal is shown against (null when that Pasal is gone).
 */
export function commentPlace(
  data: Pick<WorkspaceData, 'liveClauses' | 'liveParts' | 'liveLampiran'>,
  clauseId: string,
  proposal: Proposal | null = null,
): { label: string; current: CurrentWording } {
  if (clauseId === 'pembukaan' || clauseId === 'penutup') {
    const text = data.liveParts?.[clauseId];
    // A part's heading is its name, never proposed: the diff shows its lines only.
    const name = partName(clauseId, data) ?? PART_HEADINGS[clauseId];
    const heading = proposal?.heading ?? name;
    return {
      label: name,
      current: text === undefined ? null : { heading, text },
    };
  }
  const index = data.liveClauses.findIndex((c) => c.id === clauseId);
  const clause = data.liveClauses[index];
  if (!clause) return { label: 'Pasal dihapus', current: null };
  return {
    label: `Pasal ${index + 1}${clause.heading ? ` — ${clause.heading}` : ''}`,
    current: { heading: clause.heading, text: clause.text },
  };
}
