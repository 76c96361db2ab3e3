import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { extractClauses } from '../../shared/clauses';
import { documentTitleOf, parsePlainText, toPlainText } from '../../shared/plainText';
import { clause, doc, preamble, sequentialIds, title } from './builders';

function parse(text: string): Node {
  return parsePlainText(text, sequentialIds('c'));
}

function blocks(d: Node): [string, string][] {
  const out: [string, string][] = [];
  d.forEach((block) => out.push([block.type.name, block.textContent]));
  return out;
}

function withoutIds(d: Node) {
  return extractClauses(d).map(({ number, heading, text }) => ({ number, heading, text }));
}

describe('parsePlainText', () => {
  it('starts a clause at each Pasal line, with the next line as its heading', () => {
    const d = parse(
      'Pasal 1\nMaksud dan Tujuan\n(1) Satu.\n(2) Dua.\nPasal 2\nRuang Lingkup\nMeliputi:',
    );
    expect(extractClauses(d)).toEqual([
      { id: 'c-1', number: 1, heading: 'Maksud dan Tujuan', text: '(1) Satu.\n(2) Dua.' },
      // c-2 and c-3 went to the two ayat of Pasal 1, which have ids of their own.
      { id: 'c-4', number: 2, heading: 'Ruang Lingkup', text: 'Meliputi:' },
    ]);
    expect(() => d.check()).not.toThrow();
  });

  it('matches Pasal lines case-insensitively, with surrounding whitespace, ignoring their number', () => {
    const d = parse(
      '  PASAL 7  \n\n  Jangka Waktu \n\n  Berlaku 3 tahun. \npasal 99\nPenutup\nSelesai',
    );
    expect(withoutIds(d)).toEqual([
      { number: 1, heading: 'Jangka Waktu', text: 'Berlaku 3 tahun.' },
      { number: 2, heading: 'Penutup', text: 'Selesai' },
    ]);
  });

  it('does not treat a line with more than the number as a Pasal line', () => {
    const d = parse('Pasal 1\nMaksud\nPasal 2 ayat (1) berlaku.\nPasal 2.');
    expect(withoutIds(d)).toEqual([
      { number: 1, heading: 'Maksud', text: 'Pasal 2 ayat (1) berlaku.\nPasal 2.' },
    ]);
  });

  it('gives a clause without paragraph lines one empty paragraph', () => {
    const d = parse('Pasal 1\nPembiayaan\nPasal 2\nPenutup\nSelesai');
    const first = d.child(0);
    expect(first.childCount).toBe(2);
    expect(first.child(1).type.name).toBe('paragraph');
    expect(withoutIds(d)[0]).toEqual({ number: 1, heading: 'Pembiayaan', text: '' });
  });

  it('lets a Pasal line open a clause even where a heading was expected', () => {
    const d = parse('Pasal 1\nPasal 2\nPenutup\nSelesai');
    expect(withoutIds(d)).toEqual([
      { number: 1, heading: '', text: '' },
      { number: 2, heading: 'Penutup', text: 'Selesai' },
    ]);
    expect(() => d.check()).not.toThrow();
  });

  it('splits the lines before the first Pasal into leading title lines and preamble', () => {
    const d = parse(
      [
        'NOTA KESEPAKATAN',
        'ANTARA',
        'PEMERINTAH PROVINSI KALIMANTAN BARAT',
        'Nomor : 123/NK/2025',
        'TENTANG',
        'Pada hari ini, yang bertanda tangan di bawah ini:',
        'PIHAK KESATU DAN PIHAK KEDUA',
        'Pasal 1',
        'Maksud',
        'Isi',
      ].join('\n'),
    );
    expect(blocks(d).slice(0, 7)).toEqual([
      ['title', 'NOTA KESEPAKATAN'],
      ['title', 'ANTARA'],
      ['title', 'PEMERINTAH PROVINSI KALIMANTAN BARAT'],
      ['title', 'Nomor : 123/NK/2025'],
      ['title', 'TENTANG'],
      ['preamble', 'Pada hari ini, yang bertanda tangan di bawah ini:'],
      ['preamble', 'PIHAK KESATU DAN PIHAK KEDUA'],
    ]);
    expect(blocks(d)[7][0]).toBe('clause');
  });

  it('keeps lines after the last clause in that clause', () => {
    const d = parse('Pasal 1\nPenutup\nSelesai.\n\nDEMIKIAN\nTtd.');
    expect(withoutIds(d)).toEqual([
      { number: 1, heading: 'Penutup', text: 'Selesai.\nDEMIKIAN\nTtd.' },
    ]);
  });

  it('normalises line endings, a BOM and control characters, and trims lines', () => {
    const d = parse('\uFEFFJUDUL\r\nPasal 1\r\n\tMaksud\u0000 \rIsi\u0007 dengan\ttab \r\n');
    expect(blocks(d)[0]).toEqual(['title', 'JUDUL']);
    expect(withoutIds(d)).toEqual([{ number: 1, heading: 'Maksud', text: 'Isi dengan\ttab' }]);
  });

  it('yields a valid document for empty input and for text without any Pasal', () => {
    const empty = parse('');
    expect(() => empty.check()).not.toThrow();
    expect(blocks(empty)).toEqual([['preamble', '']]);
    expect(blocks(parse('JUDUL\nSebuah catatan.'))).toEqual([
      ['title', 'JUDUL'],
      ['preamble', 'Sebuah catatan.'],
    ]);
  });

  it('gives every clause a fresh id by default', () => {
    const a = parsePlainText('Pasal 1\nA\nx\nPasal 2\nB\ny');
    const b = parsePlainText('Pasal 1\nA\nx\nPasal 2\nB\ny');
    const ids = [...extractClauses(a), ...extractClauses(b)].map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => id.length > 0)).toBe(true);
  });
});

describe('toPlainText', () => {
  it('writes title, preamble and each clause as Pasal N, heading and paragraphs', () => {
    const d = doc(
      title('NOTA KESEPAKATAN'),
      preamble('Pada hari ini'),
      clause('x', 'Maksud', '(1) a', '(2) b'),
      clause('y', 'Penutup', 'Selesai'),
    );
    expect(toPlainText(d)).toBe(
      'NOTA KESEPAKATAN\nPada hari ini\n\nPasal 1\nMaksud\n(1) a\n(2) b\n\nPasal 2\nPenutup\nSelesai\n',
    );
  });

  // Lines the plain form can carry: non-empty, trimmed, single-line and not a Pasal line.
  const word = fc.constantFrom(
    'PARA',
    'PIHAK',
    'sepakat',
    '(1)',
    'a.',
    'masing-masing',
    'Pasal',
    '3',
    ',',
  );
  const line = fc
    .array(word, { minLength: 1, maxLength: 8 })
    .map((words) => words.join(' '))
    .filter((text) => !/^pasal\s+\d+$/i.test(text));
  const clauseContent = fc.record({
    heading: line,
    paragraphs: fc.array(line, { minLength: 1, maxLength: 4 }),
  });

  // Typed numbers become structure and are then printed as derived, so a document read from
  // the plain form comes back from it unchanged (the first reading may renumber "(1) (1)").
  it('round-trips the clauses of a document through the plain form, except ids', () => {
    fc.assert(
      fc.property(fc.array(clauseContent, { maxLength: 12 }), (contents) => {
        const d = doc(
          title('NOTA KESEPAKATAN'),
          preamble('Pada hari ini'),
          ...contents.map((c, i) => clause(`k${i}`, c.heading, ...c.paragraphs)),
        );
        const once = parse(toPlainText(d));
        expect(withoutIds(parse(toPlainText(once)))).toEqual(withoutIds(once));
      }),
    );
  });

  it('round-trips a clause whose only paragraph is empty', () => {
    const d = doc(clause('a', 'Pembiayaan', ''), clause('b', 'Penutup', 'Selesai'));
    expect(withoutIds(parse(toPlainText(d)))).toEqual(withoutIds(d));
  });
});

describe('documentTitleOf', () => {
  it('joins the title lines with spaces, leaving out Nomor lines', () => {
    const d = doc(
      title('NOTA KESEPAKATAN'),
      title('ANTARA'),
      title('Nomor : 1/NK/2025'),
      title('TENTANG  KERJA SAMA'),
      preamble('Pada hari ini'),
    );
    expect(documentTitleOf(d)).toBe('NOTA KESEPAKATAN ANTARA TENTANG KERJA SAMA');
  });

  it('returns an empty string for a document without title lines', () => {
    expect(documentTitleOf(doc(preamble('Pada hari ini')))).toBe('');
  });
});
