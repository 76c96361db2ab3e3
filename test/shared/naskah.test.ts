import fc from 'fast-check';
import { canonicalForm, canonicalText, printedText } from '../../shared/canonicalText';
import { diffClauses, diffNaskah } from '../../shared/clauseDiff';
import { emptyNaskah, extractNaskah } from '../../shared/naskah';
import { clause, closing, doc, numbered, preamble, title } from './builders';

const NASKAH = doc(
  title('NOTA KESEPAKATAN'),
  title('TENTANG KERJA SAMA'),
  preamble('Pada hari ini, yang bertanda tangan di bawah ini:'),
  preamble('a. bahwa PARA PIHAK sepakat;'),
  clause('c1', 'Maksud', '(1) Maksud nota ini.', '(2) Tujuan nota ini.'),
  clause('c2', 'Pembiayaan', 'Dibebankan pada APBD.'),
  closing('Demikian Nota Kesepakatan ini dibuat.'),
);

describe('extractNaskah', () => {
  it('splits the naskah into the pembukaan before the first Pasal, the Pasal, and the penutup after the last', () => {
    const naskah = extractNaskah(NASKAH);
    expect(naskah.pembukaan).toEqual({
      heading: 'Pembukaan',
      text: [
        'NOTA KESEPAKATAN',
        'TENTANG KERJA SAMA',
        '',
        'Pada hari ini, yang bertanda tangan di bawah ini:',
        'a. bahwa PARA PIHAK sepakat;',
      ].join('\n'),
    });
    expect(naskah.clauses.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(naskah.penutup).toEqual({
      heading: 'Penutup',
      text: 'Demikian Nota Kesepakatan ini dibuat.',
    });
  });

  it('counts a block standing between two Pasal with the penutup, so it is never outside the paraf', () => {
    const naskah = extractNaskah(
      doc(clause('c1', 'A', 'x'), preamble('Sisipan.'), clause('c2', 'B', 'y'), closing('Akhir.')),
    );
    expect(naskah.pembukaan.text).toBe('');
    expect(naskah.penutup.text).toBe('Sisipan.\n\nAkhir.');
  });

  it('prints a title line turned into a preamble line differently', () => {
    const asTitle = extractNaskah(doc(title('A'), title('B'), clause('c', 'H', 't')));
    const asPreamble = extractNaskah(doc(title('A'), preamble('B'), clause('c', 'H', 't')));
    expect(asTitle.pembukaan.text).not.toBe(asPreamble.pembukaan.text);
  });
});

describe('canonicalText', () => {
  it('prints the pembukaan, each Pasal with its number and heading, and the penutup, one blank line apart', () => {
    expect(printedText(NASKAH)).toBe(
      [
        'NOTA KESEPAKATAN',
        'TENTANG KERJA SAMA',
        '',
        'Pada hari ini, yang bertanda tangan di bawah ini:',
        'a. bahwa PARA PIHAK sepakat;',
        '',
        'Pasal 1',
        'Maksud',
        '(1) Maksud nota ini.',
        '(2) Tujuan nota ini.',
        '',
        'Pasal 2',
        'Pembiayaan',
        'Dibebankan pada APBD.',
        '',
        'Demikian Nota Kesepakatan ini dibuat.',
        '',
      ].join('\n'),
    );
  });

  it('leaves out an empty pembukaan and penutup, and prints the empty naskah as no bytes', () => {
    expect(printedText(doc(clause('c', 'H', 't')))).toBe('Pasal 1\nH\nt\n');
    expect(canonicalText(emptyNaskah())).toBe('');
  });

  it('is in NFC with LF line ends, every line ended by one LF', () => {
    // "Pemeriksaan" with a decomposed é, and every kind of line break.
    const decomposed = 'Pe\u0301riksa\r\nBaris\rdua\u2028tiga';
    expect(canonicalForm(decomposed)).toBe('P\u00e9riksa\nBaris\ndua\ntiga\n');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = canonicalForm(text);
        expect(once === '' || once.endsWith('\n')).toBe(true);
        expect(once).not.toMatch(/\r|\u2028|\u2029/);
        expect(once).toBe(once.normalize('NFC'));
      }),
    );
  });
});

describe('diffNaskah', () => {
  it('puts the pembukaan first and the penutup last, unchanged when equal and modified when not', () => {
    const before = extractNaskah(NASKAH);
    const same = diffNaskah(before, extractNaskah(NASKAH));
    expect(same.map((c) => [c.clauseId, c.change])).toEqual([
      ['pembukaan', 'unchanged'],
      ['c1', 'unchanged'],
      ['c2', 'unchanged'],
      ['penutup', 'unchanged'],
    ]);
    const after = extractNaskah(
      doc(title('NOTA KESEPAKATAN'), clause('c1', 'Maksud', 'x'), closing('Berbeda.')),
    );
    const changes = diffNaskah(before, after);
    expect(changes[0]).toMatchObject({
      clauseId: 'pembukaan',
      change: 'modified',
      moved: false,
      before: { number: null, heading: 'Pembukaan' },
      after: { number: null, heading: 'Pembukaan', text: 'NOTA KESEPAKATAN' },
    });
    expect(changes.at(-1)).toMatchObject({ clauseId: 'penutup', change: 'modified' });
    const rebuilt = changes[0].hunks
      .filter((h) => h.op !== 'delete')
      .map((h) => h.text)
      .join('');
    expect(rebuilt).toBe('Pembukaan\nNOTA KESEPAKATAN');
  });
});

describe('diffClauses with a repeated id', () => {
  const a = { id: 'a', heading: 'Maksud', text: 'Teks.' };
  const b = { id: 'b', heading: 'Biaya', text: 'APBD.' };

  it('shows a clause appended with the id of an existing one as added under that id', () => {
    const changes = diffClauses(
      numbered([a, b]),
      numbered([a, b, { ...a, text: 'Sanksi tambahan.' }]),
    );
    expect(changes.map((c) => [c.clauseId, c.change])).toEqual([
      ['a', 'unchanged'],
      ['b', 'unchanged'],
      ['a', 'added'],
    ]);
    expect(changes[2].after).toEqual({ number: 3, heading: 'Maksud', text: 'Sanksi tambahan.' });
  });

  it('shows the removal of a repeated clause, and an edit of the second holder of an id', () => {
    const twice = numbered([a, b, { ...a, text: 'Kedua.' }]);
    expect(diffClauses(twice, numbered([a, b])).map((c) => c.change)).toEqual([
      'unchanged',
      'unchanged',
      'removed',
    ]);
    const edited = numbered([a, b, { ...a, text: 'Kedua, diubah.' }]);
    expect(diffClauses(twice, edited).map((c) => c.change)).toEqual([
      'unchanged',
      'unchanged',
      'modified',
    ]);
  });
});
