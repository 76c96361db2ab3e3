import type { DOMOutputSpec, Node } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import { clause, doc, preamble, title } from './builders';

function domSpec(node: Node): DOMOutputSpec {
  const toDOM = node.type.spec.toDOM;
  if (!toDOM) throw new Error(`${node.type.name} has no toDOM`);
  return toDOM(node);
}

describe('schema', () => {
  it('accepts title lines, preamble and clauses at the top level', () => {
    expect(() =>
      doc(title('NOTA KESEPAKATAN'), preamble('Pada hari ini'), clause('a', 'Maksud', '(1) Isi')),
    ).not.toThrow();
  });

  it('requires a heading followed by at least one paragraph in a clause', () => {
    const { clause: clauseType, clause_heading, paragraph } = schema.nodes;
    expect(() => clauseType.createChecked({ id: 'x' }, [paragraph.create()])).toThrow();
    expect(() => clauseType.createChecked({ id: 'x' }, [clause_heading.create()])).toThrow();
    expect(() =>
      clauseType.createChecked({ id: 'x' }, [clause_heading.create(), paragraph.create()]),
    ).not.toThrow();
  });

  it('keeps clause paragraphs and headings out of the top level', () => {
    expect(() => doc(schema.nodes.paragraph.create())).toThrow();
    expect(() => doc(schema.nodes.clause_heading.create())).toThrow();
  });

  it('forbids marks in a clause heading but allows them in paragraphs', () => {
    const bold = schema.text('Maksud', [schema.marks.strong.create()]);
    expect(() => schema.nodes.clause_heading.createChecked(null, bold)).toThrow();
    expect(() => schema.nodes.paragraph.createChecked(null, bold)).not.toThrow();
  });

  it('gives a clause an empty id by default', () => {
    const node = schema.nodes.clause.createAndFill();
    expect(node?.attrs.id).toBe('');
  });

  it('renders a clause as a section carrying its id, and its heading as h3', () => {
    const node = clause('c-1', 'Maksud', 'Isi');
    expect(domSpec(node)).toEqual(['section', { class: 'clause', 'data-clause-id': 'c-1' }, 0]);
    expect(domSpec(node.child(0))).toEqual(['h3', { class: 'clause-heading' }, 0]);
    expect(domSpec(title('ANTARA'))).toEqual(['h1', { class: 'doc-title' }, 0]);
  });
});
