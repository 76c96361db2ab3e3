import fc from 'fast-check';
import type { Clause } from '../../shared/clauses';
import {
  changedClauseIds,
  diffClauses,
  summarizeDiff,
  tokenize,
  wordHunks,
  type ClauseChange,
  type Hunk,
} from '../../shared/clauseDiff';
import { numbered } from './builders';

type Content = Omit<Clause, 'number' | 'id'>;

const WORDS = [
  '(1)',
  '(2)',
  'a.',
  'b.',
  'PARA',
  'PIHAK',
  'sepakat',
  'masing-masing',
  'Nota',
  'ini',
  ',',
  ';',
  '1.000,00',
];
const phrase = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 })
  .map((w) => w.join(' '));
const content: fc.Arbitrary<Content> = fc.record({
  heading: phrase,
  text: fc.array(phrase, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
});

function rebuild(hunks: Hunk[], keep: Hunk['op']): string {
  return hunks
    .filter((h) => h.op === 'equal' || h.op === keep)
    .map((h) => h.text)
    .join('');
}

function kinds(changes: ClauseChange[]): Record<string, string> {
  return Object.fromEntries(changes.map((c) => [c.clauseId, c.change]));
}

function movedIds(changes: ClauseChange[]): string[] {
  return changes.filter((c) => c.moved).map((c) => c.clauseId);
}

function longestIncreasingLength(values: number[]): number {
  const best = values.map(() => 1);
  values.forEach((v, i) => {
    for (let j = 0; j < i; j++) if (values[j] < v) best[i] = Math.max(best[i], best[j] + 1);
  });
  return Math.max(0, ...best);
}

/** A before list and the after list produced by random deletes, edits, moves and inserts. */
const scenario = fc.array(content, { maxLength: 25 }).chain((contents) => {
  const n = contents.length;
  return fc
    .record({
      deleted: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      edits: fc.array(fc.constantFrom('none', 'none', 'heading', 'text'), {
        minLength: n,
        maxLength: n,
      }),
      moves: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      inserts: fc.array(fc.tuple(fc.nat(), content), { maxLength: 4 }),
    })
    .map(({ deleted, edits, moves, inserts }) => {
      const before = numbered(contents.map((c, i) => ({ id: `old-${i}`, ...c })));
      const expected: Record<string, string> = {};
      let working = before.flatMap((c, i) => {
        if (deleted[i]) {
          expected[c.id] = 'removed';
          return [];
        }
        expected[c.id] = edits[i] === 'none' ? 'unchanged' : 'modified';
        if (edits[i] === 'heading') return [{ ...c, heading: `${c.heading} diubah` }];
        if (edits[i] === 'text') return [{ ...c, text: `${c.text}\nayat baru` }];
        return [c];
      });
      for (const [from, to] of moves) {
        if (working.length < 2) break;
        const [moved] = working.splice(from % working.length, 1);
        working.splice(to % (working.length + 1), 0, moved);
      }
      inserts.forEach(([at, c], k) => {
        expected[`new-${k}`] = 'added';
        working.splice(at % (working.length + 1), 0, { id: `new-${k}`, number: 0, ...c });
      });
      working = numbered(working);
      return { before, after: working, expected };
    });
});

describe('diffClauses', () => {
  it('classifies random deletes, edits, moves and inserts by clause id', () => {
    fc.assert(
      fc.property(scenario, ({ before, after, expected }) => {
        const changes = diffClauses(before, after);
        expect(kinds(changes)).toEqual(expected);
        expect(changes).toHaveLength(Object.keys(expected).length);
        for (const c of changes) {
          expect(c.before === null).toBe(c.change === 'added');
          expect(c.after === null).toBe(c.change === 'removed');
          expect(c.hunks.length > 0).toBe(c.change === 'modified');
          if (c.change === 'added' || c.change === 'removed') expect(c.moved).toBe(false);
        }
      }),
    );
  });

  it('flags as moved only clauses outside one longest run that kept its order', () => {
    fc.assert(
      fc.property(scenario, ({ before, after }) => {
        const changes = diffClauses(before, after);
        const oldIndex = new Map(before.map((c, i) => [c.id, i]));
        const survivors = after
          .filter((c) => oldIndex.has(c.id))
          .map((c) => oldIndex.get(c.id) ?? -1);
        const kept = changes
          .filter((c) => c.before && c.after && !c.moved)
          .map((c) => oldIndex.get(c.clauseId) ?? -1);
        expect(kept).toEqual([...kept].sort((a, b) => a - b));
        expect(kept).toHaveLength(longestIncreasingLength(survivors));
      }),
    );
  });

  it('lists clauses in the new order with each removed one after its nearest surviving predecessor', () => {
    fc.assert(
      fc.property(scenario, ({ before, after }) => {
        const changes = diffClauses(before, after);
        const ids = changes.map((c) => c.clauseId);
        expect(changes.filter((c) => c.change !== 'removed').map((c) => c.clauseId)).toEqual(
          after.map((c) => c.id),
        );
        const afterIds = new Set(after.map((c) => c.id));
        before.forEach((c, i) => {
          if (afterIds.has(c.id)) return;
          const anchor = before
            .slice(0, i)
            .reverse()
            .find((p) => afterIds.has(p.id));
          const from = anchor ? ids.indexOf(anchor.id) + 1 : 0;
          const between = changes.slice(from, ids.indexOf(c.id));
          expect(between.every((b) => b.change === 'removed')).toBe(true);
        });
      }),
    );
  });

  it('reports a renumbering caused by an insert at the start as one added clause', () => {
    fc.assert(
      fc.property(
        fc.array(content, { minLength: 1, maxLength: 30 }),
        content,
        (contents, extra) => {
          const before = numbered(contents.map((c, i) => ({ id: `c${i}`, ...c })));
          const after = numbered([{ id: 'new', ...extra }, ...before]);
          const changes = diffClauses(before, after);
          expect(changes[0]).toMatchObject({ clauseId: 'new', change: 'added', before: null });
          expect(changes.slice(1).every((c) => c.change === 'unchanged' && !c.moved)).toBe(true);
          expect(changes[1].after?.number).toBe(2);
          expect(summarizeDiff(changes)).toEqual({
            added: 1,
            removed: 0,
            modified: 0,
            moved: 0,
            unchanged: before.length,
          });
        },
      ),
    );
  });

  it('flags only the clause that was moved', () => {
    const moveCase = fc
      .integer({ min: 2, max: 30 })
      .chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1), fc.nat(n - 1)))
      .filter(([, from, to]) => from !== to);
    fc.assert(
      fc.property(moveCase, ([n, from, to]) => {
        const before = numbered(
          Array.from({ length: n }, (_, i) => ({ id: `c${i}`, heading: `H${i}`, text: `T${i}` })),
        );
        const order = before.slice();
        const [moved] = order.splice(from, 1);
        order.splice(to, 0, moved);
        const changes = diffClauses(before, numbered(order));
        const flagged = movedIds(changes);
        expect(flagged).toHaveLength(1);
        // Swapping neighbours is the same as moving either one; farther moves are unambiguous.
        if (Math.abs(from - to) > 1) expect(flagged).toEqual([moved.id]);
        expect(changes.every((c) => c.change === 'unchanged')).toBe(true);
      }),
    );
  });

  it('marks a clause modified when only its heading changed, with hunks over heading and text', () => {
    const before = numbered([
      { id: 'a', heading: 'Pembiayaan', text: '(1) Biaya ditanggung PARA PIHAK.' },
    ]);
    const after = numbered([
      { id: 'a', heading: 'Pendanaan', text: '(1) Biaya ditanggung PARA PIHAK.' },
    ]);
    const [change] = diffClauses(before, after);
    expect(change.change).toBe('modified');
    expect(change.hunks).toEqual([
      { op: 'delete', text: 'Pembiayaan' },
      { op: 'insert', text: 'Pendanaan' },
      // Hunks are over the number-free text (CONTRACT.md, "Legal structure").
      { op: 'equal', text: '\nBiaya ditanggung PARA PIHAK.' },
    ]);
  });

  it('shows only the inserted words when an ayat is inserted between (1) and (2)', () => {
    const before = numbered([
      { id: 'a', heading: 'Jangka Waktu', text: '(1) Berlaku 3 tahun.\n(2) Dapat diperpanjang.' },
    ]);
    const after = numbered([
      {
        id: 'a',
        heading: 'Jangka Waktu',
        text: '(1) Berlaku 3 tahun.\n(2) Dievaluasi setiap tahun.\n(3) Dapat diperpanjang.',
      },
    ]);
    const [change] = diffClauses(before, after);
    expect(change.change).toBe('modified');
    expect(change.hunks.filter((h) => h.op !== 'equal')).toEqual([
      { op: 'insert', text: 'Dievaluasi setiap tahun.\n' },
    ]);
    expect(change.after?.text).toContain('(3) Dapat diperpanjang.');
  });

  it('reports removed and added clauses with their numbers and no hunks', () => {
    const before = numbered([
      { id: 'a', heading: 'A', text: 'x' },
      { id: 'b', heading: 'B', text: 'y' },
    ]);
    const after = numbered([
      { id: 'a', heading: 'A', text: 'x' },
      { id: 'c', heading: 'C', text: 'z' },
    ]);
    const changes = diffClauses(before, after);
    expect(changes).toEqual([
      {
        clauseId: 'a',
        change: 'unchanged',
        moved: false,
        before: { number: 1, heading: 'A', text: 'x' },
        after: { number: 1, heading: 'A', text: 'x' },
        hunks: [],
      },
      {
        clauseId: 'b',
        change: 'removed',
        moved: false,
        before: { number: 2, heading: 'B', text: 'y' },
        after: null,
        hunks: [],
      },
      {
        clauseId: 'c',
        change: 'added',
        moved: false,
        before: null,
        after: { number: 2, heading: 'C', text: 'z' },
        hunks: [],
      },
    ]);
    expect(changedClauseIds(changes)).toEqual(['b', 'c']);
  });

  it('diffs against the empty document', () => {
    const clauses = numbered([{ id: 'a', heading: 'A', text: 'x' }]);
    expect(diffClauses([], clauses).map((c) => c.change)).toEqual(['added']);
    expect(diffClauses(clauses, []).map((c) => c.change)).toEqual(['removed']);
    expect(diffClauses([], [])).toEqual([]);
  });

  it('computes a diff of 300 clauses with edits, removals, inserts and moves', () => {
    const before = numbered(
      Array.from({ length: 300 }, (_, i) => ({
        id: `c${i}`,
        heading: `Ketentuan ${i}`,
        text: `(1) PARA PIHAK sepakat atas ketentuan ${i}.\n(2) Ketentuan ini berlaku sejak ditandatangani.`,
      })),
    );
    const after = numbered([
      { id: 'baru', heading: 'Ketentuan baru', text: 'Isi baru.' },
      ...before
        .filter((_, i) => i % 10 !== 3)
        .map((c, i) => (i % 7 === 0 ? { ...c, text: `${c.text}\n(3) Ayat tambahan.` } : c))
        .reverse(),
    ]);
    const summary = summarizeDiff(diffClauses(before, after));
    expect(summary).toMatchObject({ added: 1, removed: 30, modified: 39 });
    expect(summary.modified + summary.unchanged).toBe(270);
    expect(summary.moved).toBe(269);
  });
});

describe('wordHunks', () => {
  it('rebuilds the new text from equal and insert hunks, the old from equal and delete', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (oldText, newText) => {
        const hunks = wordHunks(oldText, newText);
        expect(rebuild(hunks, 'insert')).toBe(newText);
        expect(rebuild(hunks, 'delete')).toBe(oldText);
      }),
    );
    fc.assert(
      fc.property(content, content, (a, b) => {
        const hunks = wordHunks(`${a.heading}\n${a.text}`, `${b.heading}\n${b.text}`);
        expect(rebuild(hunks, 'insert')).toBe(`${b.heading}\n${b.text}`);
        expect(rebuild(hunks, 'delete')).toBe(`${a.heading}\n${a.text}`);
      }),
    );
  });

  it('never emits empty hunks or two adjacent hunks of the same op', () => {
    fc.assert(
      fc.property(phrase, phrase, (a, b) => {
        const hunks = wordHunks(a, b);
        expect(hunks.every((h) => h.text !== '')).toBe(true);
        hunks.slice(1).forEach((h, i) => expect(h.op).not.toBe(hunks[i].op));
      }),
    );
  });

  it('replaces whole words, reading a run of replaced words as one change', () => {
    expect(
      wordHunks(
        '(1) PARA PIHAK sepakat untuk bekerja sama.',
        '(1) PARA PIHAK setuju untuk bekerja sama.',
      ),
    ).toEqual([
      { op: 'equal', text: '(1) PARA PIHAK ' },
      { op: 'delete', text: 'sepakat' },
      { op: 'insert', text: 'setuju' },
      { op: 'equal', text: ' untuk bekerja sama.' },
    ]);
    expect(wordHunks('jangka waktu tiga tahun', 'masa berlaku lima tahun')).toEqual([
      { op: 'delete', text: 'jangka waktu tiga' },
      { op: 'insert', text: 'masa berlaku lima' },
      { op: 'equal', text: ' tahun' },
    ]);
  });

  it('replaces the whole value when a long text was rewritten rather than edited', () => {
    const oldText = Array.from({ length: 2000 }, (_, i) => `lama${i}`).join(' ');
    const newText = Array.from({ length: 2000 }, (_, i) => `baru${i}`).join(' ');
    expect(wordHunks(oldText, newText)).toEqual([
      { op: 'delete', text: oldText },
      { op: 'insert', text: newText },
    ]);
  });

  it('returns a single equal hunk for identical text and nothing for two empty texts', () => {
    expect(wordHunks('a b', 'a b')).toEqual([{ op: 'equal', text: 'a b' }]);
    expect(wordHunks('', '')).toEqual([]);
  });
});

describe('tokenize', () => {
  it('keeps ayat numbers, list markers, reduplicated words and amounts whole', () => {
    expect(tokenize('(1) PARA PIHAK, masing-masing:\na. Rp1.000.000,00; dan/atau')).toEqual([
      '(1)',
      ' ',
      'PARA',
      ' ',
      'PIHAK',
      ',',
      ' ',
      'masing-masing',
      ':',
      '\n',
      'a.',
      ' ',
      'Rp',
      '1.000.000,00',
      ';',
      ' ',
      'dan',
      '/',
      'atau',
    ]);
  });

  it('splits newlines into tokens of their own', () => {
    expect(tokenize('a\n\n  b')).toEqual(['a', '\n', '\n', '  ', 'b']);
  });
});
