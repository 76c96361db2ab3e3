import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import {
  citedIds,
  DANGLING_LABEL,
  joinWithDan,
  rujukanIndex,
  rujukanLabel,
} from '../../shared/rujukan';
import {
  expectedPreposition,
  inlineIdentity,
  prepositionHints,
  rujukanProblems,
} from '../../shared/rujukanText';
import { extractClauses } from '../../shared/clauses';
import { printedText } from '../../shared/canonicalText';
import { diffClauses } from '../../shared/clauseDiff';
import { parsePlainTextWithReferences, toPlainText } from '../../shared/plainText';

// Pengacuan, UU 12/2011 Lampiran II: "Pengacuan dilakukan dengan menyebutkan secara tegas nomor
// dari pasal atau ayat"; "Pengacuan dua atau lebih terhadap pasal atau ayat yang berurutan tidak
// perlu menyebutkan pasal demi pasal atau ayat demi ayat yang diacu tetapi cukup dengan
// menggunakan frasa sampai dengan"; "Jika ada dua atau lebih pengacuan, urutan dari pengacuan
// dimulai dari ayat dalam pasal yang bersangkutan (jika ada), kemudian diikuti dengan pasal atau
// ayat yang angkanya lebih kecil".

const n = schema.nodes;
type Inline = string | Node;
const p = (...parts: Inline[]) =>
  n.paragraph.create(
    null,
    parts.filter((x) => x !== '').map((x) => (typeof x === 'string' ? schema.text(x) : x)),
  );
const ref = (target: string, more = '', until = '') => n.rujukan.create({ target, more, until });
const block = (kind: 'ayat' | 'huruf' | 'angka', id: string, text: Inline[], ...inner: Node[]) =>
  n[kind].create({ id }, [p(...text), ...inner]);
const pasal = (id: string, ...content: Node[]) =>
  n.clause.create({ id }, [n.clause_heading.create(null, schema.text(`Judul ${id}`)), ...content]);

/** Pasal 1 plain; Pasal 2 with ayat (1) and ayat (2) holding huruf a–d, huruf b holding angka 1; Pasal 3 citing. */
function naskah(pasal3: Node[] = [p('Lihat ', ref('h2'), '.')], before: Node[] = []) {
  return n.doc.create(null, [
    n.title.create(null, schema.text('NOTA KESEPAKATAN')),
    n.huruf.create({ id: 'pk1' }, p('bahwa kerja sama perlu;')),
    ...before,
    pasal('p1', p('Para pihak sepakat.')),
    pasal(
      'p2',
      block('ayat', 'a1', ['Ruang lingkup.']),
      block(
        'ayat',
        'a2',
        ['Kegiatan meliputi:'],
        block('huruf', 'h1', ['satu;']),
        block('huruf', 'h2', ['dua:'], block('angka', 'n1', ['rinci.'])),
        block('huruf', 'h3', ['tiga;']),
        block('huruf', 'h4', ['empat.']),
      ),
    ),
    pasal('p3', ...pasal3),
    pasal('p4', p('Penutup.')),
  ]);
}

const index = rujukanIndex(naskah());
const label = (holder: string | null, ...ids: string[]) => rujukanLabel(index, holder, ids);

describe('rujukanLabel: one target', () => {
  test('another Pasal is cited in full', () => {
    expect(label('p3', 'p2')).toBe('Pasal 2');
    expect(label('p3', 'a2')).toBe('Pasal 2 ayat (2)');
    expect(label('p3', 'h2')).toBe('Pasal 2 ayat (2) huruf b');
    expect(label('p3', 'n1')).toBe('Pasal 2 ayat (2) huruf b angka 1');
  });

  test('inside the same Pasal the Pasal is left out ("sebagaimana dimaksud pada ayat (2)")', () => {
    expect(label('a1', 'a2')).toBe('ayat (2)');
    expect(label('a1', 'h2')).toBe('ayat (2) huruf b');
    expect(label('p2', 'h3')).toBe('ayat (2) huruf c');
  });

  test('inside the same ayat only the item is named', () => {
    expect(label('a2', 'h2')).toBe('huruf b');
    expect(label('h1', 'n1')).toBe('huruf b angka 1');
  });

  test('a numbered block of the pembukaan is cited by its own number', () => {
    expect(label('p3', 'pk1')).toBe('huruf a');
  });

  test('a gone target reads [rujukan terputus]', () => {
    expect(label('p3', 'hilang')).toBe(DANGLING_LABEL);
    expect(label('p3', 'h1', 'hilang')).toBe(DANGLING_LABEL);
    expect(rujukanLabel(index, 'p3', null)).toBe(DANGLING_LABEL);
  });
});

describe('rujukanLabel: several targets', () => {
  test('two are joined with "dan", the common part said once', () => {
    expect(label('a2', 'h1', 'h2')).toBe('huruf a dan huruf b');
    expect(label('p3', 'a1', 'a2')).toBe('Pasal 2 ayat (1) dan ayat (2)');
    expect(label('p3', 'h1', 'h3')).toBe('Pasal 2 ayat (2) huruf a dan huruf c');
  });

  test('three or more not in a row are listed "a, b, dan c"', () => {
    expect(label('a2', 'h1', 'h2', 'h4')).toBe('huruf a, huruf b, dan huruf d');
  });

  test('three or more in a row take "sampai dengan"', () => {
    expect(label('a2', 'h1', 'h2', 'h3')).toBe('huruf a sampai dengan huruf c');
    expect(label('p4', 'p1', 'p2', 'p3')).toBe('Pasal 1 sampai dengan Pasal 3');
    expect(label('a2', 'h1', 'h2', 'h3', 'h4')).toBe('huruf a sampai dengan huruf d');
  });

  test('ayat of the same Pasal first, then the lower numbers', () => {
    expect(label('a1', 'p1', 'a2')).toBe('ayat (2) dan Pasal 1');
    expect(label('p4', 'p3', 'p1')).toBe('Pasal 1 dan Pasal 3');
  });

  test('a range stored as target … until covers every block between', () => {
    const ids = citedIds(index, { target: 'p1', until: 'p3' });
    expect(ids).toEqual(['p1', 'p2', 'p3']);
    expect(rujukanLabel(index, 'p4', ids)).toBe('Pasal 1 sampai dengan Pasal 3');
    expect(citedIds(index, { target: 'p1', until: 'hilang' })).toBeNull();
  });

  test('joinWithDan lists as Indonesian does', () => {
    expect(joinWithDan(['a'])).toBe('a');
    expect(joinWithDan(['a', 'b'])).toBe('a dan b');
    expect(joinWithDan(['a', 'b', 'c'])).toBe('a, b, dan c');
  });
});

describe('rujukanLabel: properties', () => {
  const items = ['h1', 'h2', 'h3', 'h4'];
  test('the order targets are given in does not change the label', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: 1 }), fc.boolean(), (ids, reverse) => {
        const given = reverse ? [...ids].reverse() : ids;
        const sorted = [...ids].sort();
        expect(label('p3', ...given)).toBe(label('p3', ...sorted));
      }),
    );
  });

  test('a run of k consecutive items says "sampai dengan" exactly when k ≥ 3', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), (start, k) => {
        const run = items.slice(start, start + k);
        const text = label('a2', ...run);
        expect(text.includes('sampai dengan')).toBe(run.length >= 3);
        expect(text.startsWith(`huruf ${'abcd'[start]}`)).toBe(true);
      }),
    );
  });
});

describe('rujukanLabel: the deeper list levels and renumbering', () => {
  test('items a) and 1) are cited as "huruf a)" and "angka 1)"', () => {
    const deep = n.doc.create(null, [
      pasal(
        'd1',
        n.huruf.create({ id: 'dh' }, [
          p('satu:'),
          n.angka.create({ id: 'da' }, [
            p('dua:'),
            n.huruf_kurung.create({ id: 'dk' }, [
              p('tiga:'),
              n.angka_kurung.create({ id: 'dak' }, p('empat.')),
            ]),
          ]),
        ]),
      ),
      pasal('d2', p('Lihat.')),
    ]);
    const deepIndex = rujukanIndex(deep);
    expect(rujukanLabel(deepIndex, 'd2', ['dak'])).toBe(
      'Pasal 1 huruf a angka 1 huruf a) angka 1)',
    );
    expect(rujukanLabel(deepIndex, 'dh', ['dk'])).toBe('angka 1 huruf a)');
  });

  test("an ayat inserted anywhere renumbers the label to the target's new place (property)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((count) =>
            fc.tuple(
              fc.constant(count),
              fc.integer({ min: 0, max: count - 1 }),
              fc.integer({ min: 0, max: count }),
            ),
          ),
        ([count, target, insertAt]) => {
          const ayat = Array.from({ length: count }, (_, i) =>
            block('ayat', `y${i}`, [`Ayat ${i}.`]),
          );
          ayat.splice(insertAt, 0, block('ayat', 'baru', ['Sisipan.']));
          const doc = n.doc.create(null, [pasal('x1', ...ayat), pasal('x2', p('Lihat.'))]);
          const expected = target + 1 + (insertAt <= target ? 1 : 0);
          expect(rujukanLabel(rujukanIndex(doc), 'x2', [`y${target}`])).toBe(
            `Pasal 1 ayat (${expected})`,
          );
        },
      ),
    );
  });
});

describe('references in the printed text', () => {
  test('/clauses and /text print labels, which follow a Pasal inserted before the target', () => {
    const doc = naskah([p('Sebagaimana dimaksud dalam ', ref('h2'), '.')]);
    expect(extractClauses(doc)[2].text).toBe(
      'Sebagaimana dimaksud dalam Pasal 2 ayat (2) huruf b.',
    );
    const moved = naskah(
      [p('Sebagaimana dimaksud dalam ', ref('h2'), '.')],
      [pasal('p0', p('Baru.'))],
    );
    expect(extractClauses(moved)[3].text).toBe(
      'Sebagaimana dimaksud dalam Pasal 3 ayat (2) huruf b.',
    );
    expect(printedText(moved)).toContain('Sebagaimana dimaksud dalam Pasal 3 ayat (2) huruf b.\n');
    expect(toPlainText(moved)).toContain('Sebagaimana dimaksud dalam Pasal 3 ayat (2) huruf b.\n');
  });

  test('a reference inside an ayat to its own Pasal prints without the Pasal', () => {
    const doc = n.doc.create(null, [
      pasal(
        'q1',
        block('ayat', 'b1', ['Pertama.']),
        block('ayat', 'b2', ['Lihat pada ', ref('b1'), '.']),
      ),
    ]);
    expect(extractClauses(doc)[0].text).toBe('(1) Pertama.\n(2) Lihat pada ayat (1).');
  });

  test('a dangling reference prints [rujukan terputus]', () => {
    const doc = naskah([p('Lihat ', ref('dihapus'), '.')]);
    expect(extractClauses(doc)[2].text).toBe('Lihat [rujukan terputus].');
    expect(printedText(doc)).toContain('Lihat [rujukan terputus].');
  });

  test('the comparison text holds ids and the clause names the Pasal it cites', () => {
    const [, , third] = extractClauses(naskah());
    expect(third.identityText).toBe('Lihat ⟦h2⟧.');
    expect(third.cites).toEqual(['p2']);
    const own = rujukanIndex(n.doc.create(null, [pasal('x', p('.')), pasal('y', p('.'))]));
    expect(inlineIdentity(p('a ', ref('x', 'y')), own)).toBe('a ⟦x y⟧');
    expect(inlineIdentity(p('a ', ref('x', 'y z', 'w')), own)).toBe(
      `a ⟦${DANGLING_LABEL} x y z…w⟧`,
    );
  });
});

describe('diff of references', () => {
  test('renumbering a target changes no hunk; retargeting does', () => {
    const before = extractClauses(naskah());
    const renumbered = extractClauses(naskah(undefined, [pasal('p0', p('Baru.'))]));
    const change = diffClauses(before, renumbered).find((c) => c.clauseId === 'p3')!;
    expect(change.after!.text).toBe('Lihat Pasal 3 ayat (2) huruf b.');
    expect(change.change).toBe('unchanged');
    expect(change.hunks).toEqual([]);

    const retargeted = extractClauses(naskah([p('Lihat ', ref('h3'), '.')]));
    const moved = diffClauses(before, retargeted).find((c) => c.clauseId === 'p3')!;
    expect(moved.change).toBe('modified');
    expect(moved.hunks).toEqual([
      { op: 'equal', text: 'Judul p3\nLihat ' },
      { op: 'delete', text: 'Pasal 2 ayat (2) huruf b' },
      { op: 'insert', text: 'Pasal 2 ayat (2) huruf c' },
      { op: 'equal', text: '.' },
    ]);
  });

  test('a reference whose target lost its identity is a change: it now prints [rujukan terputus]', () => {
    // The ayat only got another id (nothing a reader sees in Pasal 1), yet Pasal 4 now reads
    // differently, so it must not pass as unchanged under an agency's paraf.
    const cites = [p('Lihat ', ref('x1'), '.')];
    const before = extractClauses(naskah(cites, [pasal('p0', block('ayat', 'x1', ['Satu.']))]));
    const after = extractClauses(naskah(cites, [pasal('p0', block('ayat', 'x9', ['Satu.']))]));
    const changes = diffClauses(before, after);
    expect(changes.find((c) => c.clauseId === 'p0')!.change).toBe('unchanged');
    const citing = changes.find((c) => c.clauseId === 'p3')!;
    expect(citing.change).toBe('modified');
    expect(citing.hunks).toContainEqual({ op: 'insert', text: DANGLING_LABEL });
  });

  test('an edit beside a renumbered reference shows the edit only, with the new label', () => {
    const before = extractClauses(naskah());
    const after = extractClauses(
      naskah([p('Periksa ', ref('h2'), '.')], [pasal('p0', p('Baru.'))]),
    );
    const change = diffClauses(before, after).find((c) => c.clauseId === 'p3')!;
    expect(change.hunks).toEqual([
      { op: 'equal', text: 'Judul p3\n' },
      { op: 'delete', text: 'Lihat' },
      { op: 'insert', text: 'Periksa' },
      { op: 'equal', text: ' Pasal 3 ayat (2) huruf b.' },
    ]);
  });
});

describe('reference check', () => {
  test('dangling, forward and self references are listed with where they stand', () => {
    const doc = n.doc.create(null, [
      pasal('r1', p('Lihat ', ref('r2'), ' dan ', ref('hilang'), '.')),
      pasal(
        'r2',
        block('ayat', 'c1', ['Menurut ', ref('c1'), '.']),
        block('ayat', 'c2', ['Lihat ', ref('r1'), '.']),
      ),
    ]);
    const problems = rujukanProblems(doc, rujukanIndex(doc));
    expect(problems.map((x) => [x.kind, x.where, x.label])).toEqual([
      ['forward', 'Pasal 1', 'Pasal 2'],
      ['dangling', 'Pasal 1', DANGLING_LABEL],
      ['self', 'Pasal 2', 'ayat (1)'],
    ]);
    expect(problems[1].message).toBe('Rujukan terputus di Pasal 1: yang dirujuk sudah dihapus.');
  });
});

describe('preposition before a reference', () => {
  test('"dalam" before a Pasal, "pada" before an ayat of the same Pasal', () => {
    expect(expectedPreposition('Pasal 5 ayat (2)')).toBe('dalam');
    expect(expectedPreposition('ayat (1)')).toBe('pada');
    expect(expectedPreposition('huruf b')).toBe('pada');
    expect(expectedPreposition(DANGLING_LABEL)).toBeNull();
  });

  test('a wrong preposition is offered a fix that replaces just the word', () => {
    const doc = naskah([p('sebagaimana dimaksud pada ', ref('a2'), ' dan dalam ', ref('p1'), '.')]);
    const hints = prepositionHints(doc, rujukanIndex(doc));
    expect(hints).toHaveLength(1);
    const [hint] = hints;
    expect(hint.found).toBe('pada');
    expect(hint.expected).toBe('dalam');
    expect(doc.textBetween(hint.from, hint.to)).toBe('pada');
    expect(hint.message).toBe(
      'Gunakan "dalam" sebelum Pasal 2 ayat (2): "sebagaimana dimaksud dalam Pasal 2 ayat (2)".',
    );
  });
});

describe('typed references in the plain form', () => {
  const draft = [
    'Pasal 1',
    'Maksud',
    'Maksud kerja sama.',
    'Pasal 2',
    'Ruang Lingkup',
    '(1) Kerja sama meliputi:',
    'a. sosialisasi;',
    'b. pengawasan sebagaimana dimaksud pada huruf a; dan',
    'c. evaluasi.',
    '(2) Kegiatan sebagaimana dimaksud pada ayat (1) huruf a sampai dengan huruf c dibiayai bersama.',
    'Pasal 3',
    'Penutup',
    'Ketentuan dalam Pasal 1 sampai dengan Pasal 2 dan Pasal 7 berlaku.',
  ].join('\n');

  test('resolvable references become rujukan, read from where they stand; the rest stays text', () => {
    const { doc, unresolved } = parsePlainTextWithReferences(draft);
    const [, second, third] = extractClauses(doc);
    expect(second.identityText).toMatch(/b\. pengawasan sebagaimana dimaksud pada ⟦[^⟧ …]+⟧; dan/);
    expect(second.identityText).toMatch(/pada ⟦[^⟧ …]+…[^⟧ ]+⟧ dibiayai/);
    expect(second.text).toContain(
      '(2) Kegiatan sebagaimana dimaksud pada ayat (1) huruf a sampai dengan huruf c dibiayai bersama.',
    );
    expect(third.text).toBe('Ketentuan dalam Pasal 1 dan Pasal 2 dan Pasal 7 berlaku.');
    expect(unresolved).toEqual([{ text: 'Pasal 7', where: 'Pasal 3' }]);
  });

  test('a text with no resolvable reference parses as before', () => {
    const { doc, unresolved } = parsePlainTextWithReferences('Pasal 1\nMaksud\nLihat huruf z.');
    expect(extractClauses(doc)[0].identityText).toBeUndefined();
    expect(unresolved).toEqual([{ text: 'huruf z', where: 'Pasal 1' }]);
  });
});
