import fc from 'fast-check';
import { Fragment, Slice, type Node } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import {
  LIST_LEVELS,
  childNumbers,
  labelKindOf,
  letterOf,
  numberLabel,
  numberedLines,
  stripLabel,
  type NumberedKind,
} from '../../shared/numbering';
import { buildClauseNode, extractClauses } from '../../shared/clauses';
import { paragraphOf } from '../../shared/structure';
import { numberFree, wordHunks } from '../../shared/clauseDiff';

// UU 12/2011, Lampiran II (teknik penyusunan), on rincian: "pembagian rincian (dengan urutan
// makin kecil) ditulis dengan huruf abjad kecil yang diikuti dengan tanda baca titik; angka
// Arab diikuti dengan tanda baca titik; abjad kecil dengan tanda baca kurung tutup; angka Arab
// dengan tanda baca kurung tutup" and "pembagian rincian tidak melebihi 4 (empat) tingkat".

describe('numberLabel', () => {
  it('numbers an ayat with an Arabic numeral between round brackets: (1), (2)', () => {
    expect(numberLabel('ayat', 1)).toBe('(1)');
    expect(numberLabel('ayat', 12)).toBe('(12)');
  });

  it('numbers the four levels of rincian a. → 1. → a) → 1), in that order', () => {
    expect(LIST_LEVELS.map((kind) => numberLabel(kind, 2))).toEqual(['b.', '2.', 'b)', '2)']);
    expect(LIST_LEVELS).toHaveLength(4);
  });

  it('goes on after z with two letters, never repeating one', () => {
    expect([1, 26, 27, 28, 52, 53].map(letterOf)).toEqual(['a', 'z', 'aa', 'ab', 'az', 'ba']);
  });
});

describe('labels read back', () => {
  it('recognises each kind of printed number and strips it', () => {
    expect(labelKindOf('(3) PARA PIHAK')).toBe('ayat');
    expect(labelKindOf('b. bencana alam;')).toBe('huruf');
    expect(labelKindOf('2. Nama')).toBe('angka');
    expect(labelKindOf('c) wabah;')).toBe('huruf_kurung');
    expect(labelKindOf('4) banjir;')).toBe('angka_kurung');
    expect(labelKindOf('Pasal 3 berlaku.')).toBeNull();
    expect(stripLabel('(2) Dapat diperpanjang.')).toBe('Dapat diperpanjang.');
  });
});

describe('a Pasal built from typed numbers', () => {
  const clause = buildClauseNode({
    id: 'p',
    heading: 'Keadaan Kahar',
    text: [
      '(1) Keadaan kahar meliputi:',
      'a. bencana alam, yang terdiri atas:',
      '1. banjir;',
      '2. gempa bumi, berupa:',
      'a) tektonik; dan',
      'b) vulkanik;',
      'b. wabah penyakit.',
      '(2) PIHAK yang mengalami keadaan kahar wajib memberitahukannya.',
    ].join('\n'),
  });

  it('nests each level inside the one above it', () => {
    const kinds: string[] = [];
    clause.descendants((node, _pos, parent) => {
      if (node.type.name !== 'paragraph' && node.type.name !== 'text')
        kinds.push(`${parent?.type.name}>${node.type.name}`);
    });
    expect(kinds).toEqual([
      'clause>clause_heading',
      'clause>ayat',
      'ayat>huruf',
      'huruf>angka',
      'huruf>angka',
      'angka>huruf_kurung',
      'angka>huruf_kurung',
      'ayat>huruf',
      'clause>ayat',
    ]);
    expect(() => clause.check()).not.toThrow();
  });

  it('prints the same text back, every number derived from position', () => {
    const [read] = extractClauses(schema.topNodeType.create(null, clause));
    expect(read.text.split('\n')).toEqual([
      '(1) Keadaan kahar meliputi:',
      'a. bencana alam, yang terdiri atas:',
      '1. banjir;',
      '2. gempa bumi, berupa:',
      'a) tektonik; dan',
      'b) vulkanik;',
      'b. wabah penyakit.',
      '(2) PIHAK yang mengalami keadaan kahar wajib memberitahukannya.',
    ]);
  });

  it('keeps a number that has no place where it stands as typed text', () => {
    const loose = buildClauseNode({ id: 'q', heading: 'H', text: '1. tanpa huruf di atasnya' });
    expect(loose.child(1).type.name).toBe('paragraph');
    expect(loose.child(1).textContent).toBe('1. tanpa huruf di atasnya');
  });
});

// Random Pasal: a tree of ayat and list items, each level holding only the next one down.
type Tree = { text: string; children: Tree }[];
const NEXT: Record<string, NumberedKind | null> = {
  clause: 'ayat',
  ayat: 'huruf',
  huruf: 'angka',
  angka: 'huruf_kurung',
  huruf_kurung: 'angka_kurung',
  angka_kurung: null,
};
const tree = (depth: number): fc.Arbitrary<Tree> =>
  fc.array(
    fc.record({
      text: fc.constantFrom('satu', 'dua', 'PARA PIHAK', 'bencana alam;'),
      children: depth > 0 ? fc.constant([]).chain(() => tree(depth - 1)) : fc.constant([]),
    }),
    { minLength: 1, maxLength: 3 },
  );

let ids = 0;
function build(kind: NumberedKind, items: Tree): Node[] {
  const next = NEXT[kind];
  return items.map((item) =>
    schema.nodes[kind].create({ id: `b${ids++}` }, [
      paragraphOf(item.text),
      ...(next ? build(next, item.children) : []),
    ]),
  );
}

function clauseOf(items: Tree): Node {
  return schema.nodes.clause.create({ id: 'p' }, [
    schema.nodes.clause_heading.create(null, schema.text('Judul')),
    ...build('ayat', items),
  ]);
}

/** Every numbered parent's labels, checked to run 1, 2, 3… (or a, b, c…) with no gap. */
function expectContiguous(node: Node) {
  const labels = childNumbers(node).filter((l): l is string => l !== null);
  labels.forEach((label, i) => {
    const kind = labelKindOf(`${label} x`)!;
    expect(label).toBe(numberLabel(kind, i + 1));
  });
  node.forEach((child) => expectContiguous(child));
}

/** Inserts a new block at the `at`-th place among a random parent's numbered children. */
function insertSomewhere(clause: Node, pick: number, at: number): { doc: Node; id: string } {
  const parents: { pos: number; node: Node }[] = [];
  clause.descendants((node, pos) => {
    if (NEXT[node.type.name] && node.type.name !== 'angka_kurung') parents.push({ pos, node });
  });
  const id = 'baru';
  const doc = schema.topNodeType.create(null, clause);
  const target = parents.length ? parents[pick % parents.length] : null;
  if (!target) return { doc, id };
  const kind = NEXT[target.node.type.name]!;
  const block = schema.nodes[kind].create({ id }, [paragraphOf('sisipan baru')]);
  // Children of the target after its first paragraph (and the heading of a clause).
  const offsets: number[] = [];
  target.node.forEach((child, offset, index) => {
    if (index > 0) offsets.push(offset);
  });
  offsets.push(target.node.content.size);
  const offset = offsets[at % offsets.length];
  const insertPos = target.pos + 1 + 1 + offset; // doc → clause content, then into target
  return { doc: doc.replace(insertPos, insertPos, sliceOf(block)), id };
}

function sliceOf(node: Node) {
  return new Slice(Fragment.from(node), 0, 0);
}

describe('numbers derived from structure (property)', () => {
  it('stay contiguous at every level, and renumbering alone changes no word of the diff', () => {
    fc.assert(
      fc.property(tree(4), fc.nat(), fc.nat(), (items, pick, at) => {
        const clause = clauseOf(items);
        expectContiguous(clause);
        const before = numberedLines(clause);
        const { doc, id } = insertSomewhere(clause, pick, at);
        expect(() => doc.check()).not.toThrow();
        expectContiguous(doc.child(0));
        // Leaving out the inserted block's line, the other blocks read the same without numbers,
        // though many of their numbers changed.
        const after = numberedLines(doc.child(0)).filter((line) => line.blockId !== id);
        const text = (lines: typeof before) =>
          numberFree(lines.map((l) => (l.label ? `${l.label} ${l.text}` : l.text)).join('\n'));
        const hunks = wordHunks(text(before), text(after));
        expect(hunks.filter((h) => h.op !== 'equal')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
