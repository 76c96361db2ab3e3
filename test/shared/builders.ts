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

/** Builds a paragraph (as it stands in a Lampiran or a table cell). */
export function paragraph(text: string): Node {
  return schema.nodes.paragraph.create(null, text ? schema.text(text) : null);
}

/** Builds a table row with an id; `header` makes its cells heading cells. */
export function row(id: string, cells: string[], header = false): Node {
  const cellType = header ? schema.nodes.table_header : schema.nodes.table_cell;
  return schema.nodes.table_row.createChecked(
    { id },
    cells.map((text) => cellType.createChecked(null, paragraph(text))),
  );
}

/** Builds a table with an id from its rows. */
export function table(id: string, ...rows: Node[]): Node {
  return schema.nodes.table.createChecked({ id }, rows);
}

/** Builds a Lampiran: its heading lines, then its body blocks. */
export function lampiran(id: string, headings: string[], ...body: Node[]): Node {
  return schema.nodes.lampiran.createChecked({ id }, [
    ...headings.map((line) =>
      schema.nodes.lampiran_heading.create(null, line ? schema.text(line) : null),
    ),
    ...body,
  ]);
}
