import fc from 'fast-check';
import {
  buildClauseNode,
  clauseIdRepairs,
  ensureUniqueClauseIds,
  extractClauses,
  newClauseId,
} from '../../shared/clauses';
import { schema } from '../../shared/schema';
import { clause, closing, doc, preamble, sequentialIds, title } from './builders';

describe('extractClauses', () => {
  it('reads the top-level clauses in order, numbered from 1, skipping other blocks', () => {
    const d = doc(
      title('NOTA KESEPAKATAN'),
      preamble('Pada hari ini'),
      clause('b', 'Maksud dan Tujuan', '(1) Satu', '(2) Dua'),
      clause('a', 'Ruang Lingkup', 'Meliputi'),
      closing('Demikian'),
    );
    expect(extractClauses(d)).toEqual([
      { id: 'b', number: 1, heading: 'Maksud dan Tujuan', text: '(1) Satu\n(2) Dua' },
      { id: 'a', number: 2, heading: 'Ruang Lingkup', text: 'Meliputi' },
    ]);
  });

  it('keeps empty paragraphs as empty lines', () => {
    const d = doc(clause('a', '', '', 'isi', ''));
    expect(extractClauses(d)).toEqual([{ id: 'a', number: 1, heading: '', text: '\nisi\n' }]);
  });

  it('returns nothing for a document without clauses', () => {
    expect(extractClauses(doc(preamble('')))).toEqual([]);
  });
});

describe('buildClauseNode', () => {
  it('makes one paragraph per line of text', () => {
    const node = buildClauseNode({ id: 'x', heading: 'Pembiayaan', text: 'a\nb' });
    expect(node.type).toBe(schema.nodes.clause);
    expect(node.childCount).toBe(3);
    expect(() => node.check()).not.toThrow();
  });

  it('is read back unchanged by extractClauses, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (heading, text) => {
        const [read] = extractClauses(doc(buildClauseNode({ id: 'x', heading, text })));
        expect(read).toEqual({ id: 'x', number: 1, heading, text });
      }),
    );
  });
});

describe('clause ids', () => {
  it('newClauseId returns distinct UUIDs', () => {
    const ids = new Set(Array.from({ length: 50 }, newClauseId));
    expect(ids.size).toBe(50);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('renames a pasted duplicate and an empty id, keeping the first holder of an id', () => {
    const d = doc(
      title('T'),
      clause('a', 'A', 'x'),
      clause('a', 'Salinan', 'x'),
      clause('', 'B', 'y'),
    );
    const repairs = clauseIdRepairs(d, sequentialIds('new'));
    expect(repairs.map((r) => [d.nodeAt(r.pos)?.child(0).textContent, r.id])).toEqual([
      ['Salinan', 'new-1'],
      ['B', 'new-2'],
    ]);
    const fixed = ensureUniqueClauseIds(d, sequentialIds('new'));
    expect(extractClauses(fixed).map((c) => c.id)).toEqual(['a', 'new-1', 'new-2']);
    expect(() => fixed.check()).not.toThrow();
  });

  it('returns the same document when ids are already unique', () => {
    const d = doc(clause('a', 'A', 'x'), clause('b', 'B', 'y'));
    expect(ensureUniqueClauseIds(d)).toBe(d);
  });
});
