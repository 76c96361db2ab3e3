import { Fragment, type Node } from 'prosemirror-model';
import { schema } from './schema';
import { numberedLines, printLine } from './numbering';
import { parseClauseLines, type BlockIdSource } from './structure';

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
    let heading = '';
    node.forEach((child) => {
      if (child.type === schema.nodes.clause_heading) heading += child.textContent;
    });
    clauses.push({
      id: String(node.attrs.id),
      number: clauses.length + 1,
      heading,
      text: clauseLines(node).join('\n'),
    });
  });
  return clauses;
}

/** The printed lines of a clause's text: each paragraph, a numbered block's first one with its number. */
export function clauseLines(clause: Node): string[] {
  return numberedLines(clause).map(printLine);
}

/** Returns a fresh, globally unique clause id. */
export function newClauseId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Builds a clause node from its heading and printed text: each line a paragraph, a line that
 * starts with a number (`(1)`, `a.`, `1.`, `a)`, `1)`) an ayat or list item at its level.
 * `idFor` names the numbered blocks (by their path of numbers), fresh ids by default.
 */
export function buildClauseNode(
  clause: ClauseContent,
  idFor: BlockIdSource = () => newClauseId(),
): Node {
  const { clause: clauseType, clause_heading } = schema.nodes;
  return clauseType.create({ id: clause.id }, [
    clause_heading.create(null, textFragment(clause.heading)),
    ...parseClauseLines(clause.text.split('\n'), idFor),
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
