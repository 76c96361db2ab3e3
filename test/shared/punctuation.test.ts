import { Fragment, Slice, type Node } from 'prosemirror-model';
import { buildClauseNode } from '../../shared/clauses';
import { punctuationHints, readEnding, type PunctuationHint } from '../../shared/punctuation';
import { doc, preamble, sequentialIds, title } from './builders';
import { schema } from '../../shared/schema';

// UU 12/2011, Lampiran II, on tabulasi: "setiap rincian menggunakan huruf abjad kecil dan diberi
// tanda baca titik; setiap frasa dalam rincian diawali dengan huruf kecil; setiap rincian
// diakhiri dengan tanda baca titik koma; jika suatu rincian dibagi lagi ke dalam unsur yang
// lebih kecil, unsur tersebut dituliskan masuk ke dalam; di belakang rincian yang masih
// mempunyai rincian lebih lanjut diberi tanda baca titik dua; [...] pembagian rincian tidak
// melebihi 4 (empat) tingkat." and "Jika unsur atau rincian dalam tabulasi dimaksudkan sebagai
// rincian kumulatif, ditambahkan kata dan yang diletakkan di belakang rincian kedua dari
// rincian terakhir. [...] rincian alternatif ditambahkan kata atau [...] kumulatif dan
// alternatif, ditambahkan kata dan/atau".

/** A document of one Pasal built from its printed lines. */
function pasal(...lines: string[]): Node {
  const ids = sequentialIds('b');
  return doc(
    title('NOTA KESEPAKATAN'),
    buildClauseNode({ id: 'p1', heading: 'Keadaan Kahar', text: lines.join('\n') }, ids),
  );
}

/** The line a hint concerns and the line after its fix, read from the document. */
function described(document: Node, hint: PunctuationHint) {
  const paragraph = document.nodeAt(hint.pos);
  const fixed = document.replace(
    hint.fix.from,
    hint.fix.to,
    new Slice(Fragment.from(schema.text(hint.fix.text)), 0, 0),
  );
  return {
    line: paragraph?.textContent,
    expected: hint.expected,
    fixed: fixed.nodeAt(hint.pos)?.textContent,
  };
}

const hintsOf = (document: Node) => punctuationHints(document).map((h) => described(document, h));

describe('punctuation of rincian (Lampiran II)', () => {
  it('accepts a well punctuated list: ":" before it, ";" after each item, "; dan" before the last, "." at the end', () => {
    expect(
      punctuationHints(
        pasal('Keadaan kahar meliputi:', 'a. bencana alam;', 'b. wabah; dan', 'c. perang.'),
      ),
    ).toEqual([]);
  });

  it('"setiap rincian diakhiri dengan tanda baca titik koma": an item without ";" gets a hint that adds it', () => {
    expect(
      hintsOf(pasal('Keadaan kahar meliputi:', 'a. bencana alam', 'b. wabah; dan', 'c. perang.')),
    ).toEqual([{ line: 'bencana alam', expected: ';', fixed: 'bencana alam;' }]);
  });

  it('"ditambahkan kata dan ... di belakang rincian kedua dari rincian terakhir": the fix adds "dan"', () => {
    expect(
      hintsOf(pasal('Keadaan kahar meliputi:', 'a. bencana alam;', 'b. wabah;', 'c. perang.')),
    ).toEqual([{ line: 'wabah;', expected: 'connector', fixed: 'wabah; dan' }]);
  });

  it('accepts "atau" (alternatif) and "dan/atau" (kumulatif dan alternatif) as the connector', () => {
    for (const connector of ['atau', 'dan/atau']) {
      expect(
        punctuationHints(
          pasal(
            'Para Pihak dapat:',
            'a. bertemu;',
            `b. berkirim surat; ${connector}`,
            'c. menelepon.',
          ),
        ),
      ).toEqual([]);
    }
  });

  it('moves the connector when an item is added after the last: the old one loses "dan", the new second-to-last gains it', () => {
    expect(
      hintsOf(
        pasal(
          'Keadaan kahar meliputi:',
          'a. bencana alam;',
          'b. wabah; dan',
          'c. perang.',
          'd. huru-hara.',
        ),
      ),
    ).toEqual([
      { line: 'wabah; dan', expected: ';', fixed: 'wabah;' },
      { line: 'perang.', expected: 'connector', fixed: 'perang; dan' },
    ]);
  });

  it('"diberi tanda baca titik dua" before a list: the line before the items gets ":"', () => {
    expect(hintsOf(pasal('Keadaan kahar meliputi', 'a. bencana alam; dan', 'b. perang.'))).toEqual([
      { line: 'Keadaan kahar meliputi', expected: ':', fixed: 'Keadaan kahar meliputi:' },
    ]);
    expect(hintsOf(pasal('Keadaan kahar meliputi.', 'a. bencana alam; dan', 'b. perang.'))).toEqual(
      [{ line: 'Keadaan kahar meliputi.', expected: ':', fixed: 'Keadaan kahar meliputi:' }],
    );
  });

  it('ends the last item with "." (replacing a ";"), and a single item too', () => {
    expect(hintsOf(pasal('Meliputi:', 'a. banjir; dan', 'b. gempa;'))).toEqual([
      { line: 'gempa;', expected: '.', fixed: 'gempa.' },
    ]);
    expect(hintsOf(pasal('Meliputi:', 'a. banjir'))).toEqual([
      { line: 'banjir', expected: '.', fixed: 'banjir.' },
    ]);
  });

  it("checks lists inside an ayat, and a nested list carries its parent item's ending", () => {
    const document = pasal(
      '(1) Keadaan kahar meliputi:',
      'a. bencana alam, yang terdiri atas:',
      '1. banjir;',
      '2. gempa bumi; dan',
      '3. tsunami;',
      'b. wabah; dan',
      'c. perang.',
      '(2) Para Pihak saling memberi tahu.',
    );
    expect(punctuationHints(document)).toEqual([]);
    // The last `3.` closes `a.`, which is not second-to-last: `;`, not `.`.
    const wrong = pasal(
      '(1) Keadaan kahar meliputi:',
      'a. bencana alam, yang terdiri atas:',
      '1. banjir; dan',
      '2. tsunami.',
      'b. perang.',
    );
    expect(hintsOf(wrong)).toEqual([
      { line: 'tsunami.', expected: 'connector', fixed: 'tsunami; dan' },
    ]);
  });

  it('ends a list with ";" when more text of its block follows it (kept simple, see punctuation.ts)', () => {
    const { clause, clause_heading, paragraph, huruf } = schema.nodes;
    const p = (text: string) => paragraph.create(null, schema.text(text));
    const document = doc(
      clause.create({ id: 'p' }, [
        clause_heading.create(null, schema.text('Kerja Sama')),
        p('Para Pihak sepakat:'),
        huruf.create({ id: 'a' }, [p('bertemu; dan')]),
        huruf.create({ id: 'b' }, [p('berkirim surat.')]),
        p('dengan biaya masing-masing.'),
      ]),
    );
    expect(hintsOf(document)).toEqual([
      { line: 'berkirim surat.', expected: ';', fixed: 'berkirim surat;' },
    ]);
  });

  it('leaves empty items alone and does not check the pembukaan', () => {
    const ids = sequentialIds('c');
    const considerations = schema.nodes.huruf.create({ id: 'k1' }, [
      schema.nodes.paragraph.create(null, schema.text('bahwa kerja sama perlu')),
    ]);
    const document = doc(
      title('NOTA KESEPAKATAN'),
      preamble('Menimbang'),
      considerations,
      buildClauseNode({ id: 'p', heading: 'X', text: 'Meliputi:\na. \nb. perang.' }, ids),
    );
    expect(hintsOf(document)).toEqual([]);
  });

  it('reads endings, connectors included', () => {
    expect(readEnding('wabah ; dan/atau ')).toMatchObject({
      ending: 'connector',
      connector: 'dan/atau',
    });
    expect(readEnding('makan dan')).toMatchObject({ ending: null, length: 0 });
    expect(readEnding('perang.')).toMatchObject({ ending: '.', length: 1 });
  });
});
