import type { Proposal } from '../api/types';
import { proposalChanges } from '../../shared/proposalDiff';
import { h } from './dom';

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
