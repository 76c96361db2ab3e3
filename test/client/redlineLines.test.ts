import {
  alignLines,
  groupTableRows,
  sideLines,
  type LineRow,
} from '../../client/views/redlineLines';

// The redline compares a Pasal's lines by their number-free words (CONTRACT.md, "Legal
// structure": hunks over the number-free text, `before`/`after` keep the numbers), so a block
// renumbered only because another moved or was inserted is never shown as changed.

/** Each row as `change: before-number → after-number words`. */
function rows(before: string[], after: string[]): string[] {
  const show = (row: LineRow) =>
    `${row.change}: ${row.before?.label ?? '-'} → ${row.after?.label ?? '-'} ${(row.after ?? row.before)?.text}`;
  return alignLines(sideLines(before.join('\n')), sideLines(after.join('\n'))).map(show);
}

describe('redline lines', () => {
  it('marks an inserted ayat and shows both numbers of the one renumbered after it, unchanged', () => {
    expect(rows(['(1) Satu.', '(2) Dua.'], ['(1) Satu.', '(2) Baru.', '(3) Dua.'])).toEqual([
      'same: (1) → (1) Satu.',
      'inserted: - → (2) Baru.',
      'same: (2) → (3) Dua.',
    ]);
  });

  it('marks a deleted item and an edited one with its word changes', () => {
    const aligned = alignLines(
      sideLines('Meliputi:\na. data pengaduan;\nb. pelatihan; dan\nc. evaluasi.'),
      sideLines('Meliputi:\na. data pengaduan masyarakat; dan\nb. evaluasi.'),
    );
    expect(aligned.map((r) => r.change)).toEqual(['same', 'modified', 'deleted', 'same']);
    expect(aligned[1].hunks.filter((h) => h.op === 'insert').map((h) => h.text.trim())).toContain(
      'masyarakat',
    );
    expect(aligned[2].before).toEqual({ label: 'b.', kind: 'huruf', text: 'pelatihan; dan' });
  });

  it('shows an ayat that moved as moved, from its old number to its new one', () => {
    expect(
      rows(['(1) Satu.', '(2) Dua.', '(3) Tiga.'], ['(1) Tiga.', '(2) Satu.', '(3) Dua.']),
    ).toEqual([
      'moved: (3) → (1) Tiga.',
      'same: (1) → (2) Satu.',
      'same: (2) → (3) Dua.',
      'moved-away: (3) → (1) Tiga.',
    ]);
  });
});

describe('groupTableRows', () => {
  it('gathers each run of table rows into one table and leaves every other line alone', () => {
    const lines = ['RENCANA KERJA', '', '| No. | Kegiatan |', '| 1. | Rapat |', '', 'Catatan.'];
    expect(groupTableRows(lines, (line) => line.startsWith('| '))).toEqual([
      'RENCANA KERJA',
      '',
      ['| No. | Kegiatan |', '| 1. | Rapat |'],
      '',
      'Catatan.',
    ]);
    expect(groupTableRows(['| a |', 'x', '| b |'], (line) => line.startsWith('| '))).toEqual([
      ['| a |'],
      'x',
      ['| b |'],
    ]);
  });
});
