import { proposalChanges, type ProposalPiece } from '../../shared/proposalDiff';

const show = (pieces: ProposalPiece[]) =>
  pieces
    .map((p) =>
      p.op === 'gap'
        ? '…'
        : p.op === 'insert'
          ? `[+${p.text}]`
          : p.op === 'delete'
            ? `[-${p.text}]`
            : p.text,
    )
    .join('');

describe('what an usulan redaksi changes', () => {
  const current = {
    heading: 'Jangka Waktu',
    text: [
      '(1) Nota Kesepakatan ini berlaku untuk jangka waktu 3 (tiga) tahun sejak tanggal ditandatangani oleh Para Pihak.',
      '(2) Nota Kesepakatan ini dapat diperpanjang atas kesepakatan Para Pihak yang dituangkan secara tertulis.',
    ].join('\n'),
  };

  it('shows the changed words with a few words around them, not the whole Pasal again', () => {
    const proposal = { ...current, text: current.text.replace('3 (tiga)', '5 (lima)') };
    expect(show(proposalChanges(current, proposal))).toBe(
      '…Kesepakatan ini berlaku untuk jangka waktu [-3][+5] ([-tiga][+lima]) tahun sejak tanggal ditandatangani oleh Para…',
    );
  });

  it('keeps the current heading when the proposal has none, and shows a new heading', () => {
    const same = proposalChanges(current, { text: current.text });
    expect(same).toEqual([]);
    expect(show(proposalChanges(current, { heading: 'Masa Berlaku', text: current.text }))).toBe(
      '[-Jangka Waktu][+Masa Berlaku]\n(1) Nota Kesepakatan ini berlaku untuk…',
    );
  });

  it('shows a new ayat at the end in full', () => {
    const proposal = { ...current, text: `${current.text}\n(3) Perpanjangan diajukan tertulis.` };
    expect(show(proposalChanges(current, proposal))).toBe(
      '…Para Pihak yang dituangkan secara tertulis.[+\n(3) Perpanjangan diajukan tertulis.]',
    );
  });
});
