import { Fragment, type Node } from 'prosemirror-model';
import { schema } from './schema';

/** One clause (Pasal) as the API presents it; `text` joins its paragraphs with "\n". */
export interface Clause {
  id: string;
  number: number;
  heading: string;
  text: string;
}

/** The content of a clause without its position, as used to build or propose one. */
export interface ClauseContent {
  id: string;
  heading: string;
  text: string;
}

/** A clause id that has to be replaced: the clause at `pos` gets `id`. */
export interface ClauseIdRepair {
  pos: number;
  id: string;
}

/** Reads the top-level clauses of a document in order, numbering them from 1. */
export function extractClauses(doc: Node): Clause[] {
  const clauses: Clause[] = [];
  doc.forEach((node) => {
    if (node.type !== schema.nodes.clause) return;
    const paragraphs: string[] = [];
    let heading = '';
    // Read children by type rather than by position so a document that slipped past the
    // content expression (e.g. one rebuilt from Yjs) still yields its text.
    node.forEach((child) => {
      if (child.type === schema.nodes.clause_heading) heading += child.textContent;
      else if (child.type === schema.nodes.paragraph) paragraphs.push(child.textContent);
    });
    clauses.push({
      id: String(node.attrs.id),
      number: clauses.length + 1,
      heading,
      text: paragraphs.join('\n'),
    });
  });
  return clauses;
}

/** Returns a fresh, globally unique clause id. */
export function newClauseId(): string {
  return globalThis.crypto.randomUUID();
}

/** Builds a clause node whose heading and paragraphs (split on "\n") hold the given text. */
export function buildClauseNode(clause: ClauseContent): Node {
  const { clause: clauseType, clause_heading, paragraph } = schema.nodes;
  const paragraphs = clause.text
    .split('\n')
    .map((line) => paragraph.create(null, textFragment(line)));
  return clauseType.create({ id: clause.id }, [
    clause_heading.create(null, textFragment(clause.heading)),
    ...paragraphs,
  ]);
}

/** Lists the clauses whose id is empty or repeats an earlier one, each with a new id. */
export function clauseIdRepairs(doc: Node, makeId: () => string = newClauseId): ClauseIdRepair[] {
  const seen = new Set<string>();
  const repairs: ClauseIdRepair[] = [];
  doc.forEach((node, offset) => {
    if (node.type !== schema.nodes.clause) return;
    const id = String(node.attrs.id);
    // A copied and pasted clause carries its source's id; the copy, not the original, is renamed.
    if (id === '' || seen.has(id)) {
      const fresh = makeId();
      repairs.push({ pos: offset, id: fresh });
      seen.add(fresh);
    } else {
      seen.add(id);
    }
  });
  return repairs;
}

/** Returns the document with empty and duplicate clause ids replaced, or itself if none. */
export function ensureUniqueClauseIds(doc: Node, makeId: () => string = newClauseId): Node {
  const repairs = clauseIdRepairs(doc, makeId);
  if (repairs.length === 0) return doc;
  const byPos = new Map(repairs.map((repair) => [repair.pos, repair.id]));
  const children: Node[] = [];
  doc.forEach((node, offset) => {
    const id = byPos.get(offset);
    children.push(id === undefined ? node : node.type.create({ ...node.attrs, id }, node.content));
  });
  return doc.copy(Fragment.from(children));
}

function textFragment(text: string): Fragment {
  // ProseMirror forbids empty text nodes, so an empty line is an empty fragment.
  return text === '' ? Fragment.empty : Fragment.from(schema.text(text));
}
