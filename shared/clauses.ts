import { Fragment, Slice, type Node } from 'prosemirror-model';
import { schema } from './schema';
import { numberedLines, printLine } from './numbering';
import { parseClauseLines, type BlockIdSource } from './structure';
import { citedIds, rujukanIndex, rujukanLabel, type RujukanIndex } from './rujukan';
import { inlineIdentity, inlineText, RUJUKAN, rujukanAttrs } from './rujukanText';

/** One clause (Pasal) as the API presents it; `text` joins its paragraphs with "\n". */
export interface Clause {
  id: string;
  number: number;
  heading: string;
  text: string;
  /**
   * Only for a clause holding a reference: its text with each reference as `⟦ids⟧` instead of
   * its label (what the diff compares), and the ids of the other Pasal it cites.
   */
  identityText?: string;
  cites?: string[];
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

/**
 * Reads the top-level clauses of a document in order, numbering them from 1; references print
 * as their labels, derived from `index` (the document's own by default).
 */
export function extractClauses(doc: Node, index: RujukanIndex = rujukanIndex(doc)): Clause[] {
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
      ...clauseTexts(node, index),
    });
  });
  return clauses;
}

/**
 * A clause's printed text and, when it holds references, its comparison text and the Pasal it
 * cites, read in one walk: a 300-Pasal naskah is printed for every cut, diff and hash.
 */
function clauseTexts(
  clause: Node,
  index: RujukanIndex,
): Pick<Clause, 'text' | 'identityText' | 'cites'> {
  const clauseId = String(clause.attrs.id);
  const paragraphs: Node[] = [];
  const cited = new Set<string>();
  let references = false;
  const lines = numberedLines(clause, (p, blockId) => {
    paragraphs.push(p);
    let text = '';
    p.forEach((child) => {
      if (child.type.name !== RUJUKAN) {
        text += child.textContent;
        return;
      }
      references = true;
      const ids = citedIds(index, rujukanAttrs(child));
      text += rujukanLabel(index, blockId ?? clauseId, ids);
      for (const id of ids ?? []) {
        const citedClause = index.get(id)?.clauseId;
        if (citedClause && citedClause !== clauseId) cited.add(citedClause);
      }
    });
    return text;
  });
  const text = lines.map(printLine).join('\n');
  if (!references) return { text };
  // Only a clause that holds a reference needs its comparison text (references as their ids).
  const identityText = lines
    .map((line, i) => printLine({ ...line, text: inlineIdentity(paragraphs[i], index) }))
    .join('\n');
  return cited.size > 0 ? { text, identityText, cites: [...cited] } : { text, identityText };
}

/**
 * The printed lines of a clause's text: each paragraph, a numbered block's first one with its
 * number, references as their labels (from `index`; alone, only its own blocks are known).
 */
export function clauseLines(clause: Node, index?: RujukanIndex): string[] {
  const known = index ?? rujukanIndex(schema.topNodeType.create(null, clause));
  const clauseId = String(clause.attrs.id);
  return numberedLines(clause, (p, blockId) => inlineText(p, known, blockId ?? clauseId)).map(
    printLine,
  );
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

/**
 * Lists the blocks (clauses, ayat, list items) whose id is empty or repeats an earlier one, each
 * with a new id. A copied, pasted or split block carries its source's id; the copy, not the
 * original, is renamed.
 */
export function clauseIdRepairs(doc: Node, makeId: () => string = newClauseId): ClauseIdRepair[] {
  const seen = new Set<string>();
  const repairs: ClauseIdRepair[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) return false;
    if (!('id' in node.attrs)) return true;
    const id = String(node.attrs.id);
    if (id === '' || seen.has(id)) {
      const fresh = makeId();
      repairs.push({ pos, id: fresh });
      seen.add(fresh);
    } else {
      seen.add(id);
    }
    return true;
  });
  return repairs;
}

/** Returns the document with empty and duplicate block ids replaced, or itself if none. */
export function ensureUniqueClauseIds(doc: Node, makeId: () => string = newClauseId): Node {
  const repairs = clauseIdRepairs(doc, makeId);
  if (repairs.length === 0) return doc;
  let result = doc;
  for (const { pos, id } of repairs) {
    const node = result.nodeAt(pos)!;
    result = result.replace(
      pos,
      pos + node.nodeSize,
      new Slice(Fragment.from(node.type.create({ ...node.attrs, id }, node.content)), 0, 0),
    );
  }
  return result;
}

function textFragment(text: string): Fragment {
  // ProseMirror forbids empty text nodes, so an empty line is an empty fragment.
  return text === '' ? Fragment.empty : Fragment.from(schema.text(text));
}
