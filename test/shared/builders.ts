import type { Node } from 'prosemirror-model';
import type { Clause } from '../../shared/clauses';
import { schema } from '../../shared/schema';

/** Builds a document from top-level blocks. */
export function doc(...blocks: Node[]): Node {
  return schema.nodes.doc.createChecked(null, blocks);
}

/** Builds a title line. */
export function title(text: string): Node {
  return schema.nodes.title.create(null, text ? schema.text(text) : null);
}

/** Builds a preamble paragraph. */
export function preamble(text: string): Node {
  return schema.nodes.preamble.create(null, text ? schema.text(text) : null);
}

/** Builds a closing paragraph. */
export function closing(text: string): Node {
  return schema.nodes.closing.create(null, text ? schema.text(text) : null);
}

/** Builds a clause node with a heading and one paragraph per further argument. */
export function clause(id: string, heading: string, ...paragraphs: string[]): Node {
  const { clause_heading, paragraph } = schema.nodes;
  return schema.nodes.clause.createChecked({ id }, [
    clause_heading.create(null, heading ? schema.text(heading) : null),
    ...paragraphs.map((text) => paragraph.create(null, text ? schema.text(text) : null)),
  ]);
}

/** Builds a clause record as the API presents it. */
export function clauseRecord(id: string, number: number, heading: string, text: string): Clause {
  return { id, number, heading, text };
}

/** Renumbers clause records from 1 in their list order. */
export function numbered(clauses: Omit<Clause, 'number'>[]): Clause[] {
  return clauses.map((clause, i) => ({ ...clause, number: i + 1 }));
}

/** Returns an id generator yielding `prefix-1`, `prefix-2`, ... */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
