import * as Y from 'yjs';
import { wordHunks } from '../../shared/clauseDiff';
import { FRAGMENT, readDocument } from '../documents/text';
import { rujukanIndex, type RujukanIndex } from '../../shared/rujukan';
import { partsIndex, withReferences } from '../../shared/rujukanParse';
import { buildBlock } from '../text/build';
import { toYElement } from '../text/encode';
import { clauseLines, newClauseId } from '../../shared/clauses';
import { LABEL_PATTERNS, labelKindOf, stripLabel } from '../../shared/numbering';
import { blockIdsByPath, paragraphOf, parseClauseLines } from '../../shared/structure';
import { schema } from '../../shared/schema';
import {
  MAX_CLAUSE_LINES,
  MAX_PROPOSAL_CHARS,
  MAX_TEXT_CHARS,
  textLimitProblem,
} from '../../shared/limits';

/** A clause's wording: its heading and its paragraphs joined by "\n". */
export interface Wording {
  heading: string;
  text: string;
}

/** The top-level `clause` element with this id in a Y.Doc, if any. */
export function findClauseElement(ydoc: Y.Doc, clauseId: string): Y.XmlElement | undefined {
  for (const child of ydoc.getXmlFragment(FRAGMENT).toArray()) {
    if (
      child instanceof Y.XmlElement &&
      child.nodeName === 'clause' &&
      child.getAttribute('id') === clauseId
    )
      return child;
  }
  return undefined;
}

const textOf = (el: Y.XmlElement) =>
  el
    .toArray()
    .filter((c): c is Y.XmlText => c instanceof Y.XmlText)
    .map((t) =>
      (t.toDelta() as { insert: unknown }[])
        .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
        .join(''),
    )
    .join('');

const childElements = (clause: Y.XmlElement, name: string) =>
  clause
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === name);

/** The paragraph elements of a clause in reading order, inside ayat and list items too. */
export function paragraphElements(parent: Y.XmlElement): Y.XmlElement[] {
  return parent.toArray().flatMap((node) => {
    if (!(node instanceof Y.XmlElement) || node.nodeName === 'clause_heading') return [];
    return node.nodeName === 'paragraph' ? [node] : paragraphElements(node);
  });
}

/** The citable blocks of the naskah a clause element stands in (its references print from it). */
function naskahIndex(clause: Y.XmlElement): RujukanIndex | undefined {
  return clause.doc ? rujukanIndex(readDocument(clause.doc)) : undefined;
}

/** Whether an element holds a `rujukan` anywhere inside it. */
export const holdsReference = (el: Y.XmlElement): boolean =>
  el
    .toArray()
    .some((c) => c instanceof Y.XmlElement && (c.nodeName === 'rujukan' || holdsReference(c)));

/**
 * The current wording of a clause element: its heading and printed lines, numbers included,
 * references as their labels.
 */
export function wordingOf(clause: Y.XmlElement): Wording {
  const [heading] = childElements(clause, 'clause_heading');
  const node = buildBlock(clause);
  return {
    heading: heading ? textOf(heading) : '',
    text: node ? clauseLines(node, naskahIndex(clause)).join('\n') : '',
  };
}

/**
 * Rewrites a text block holding references (a paragraph, a closing line) to `words`: the block
 * is rebuilt, each label that still names something in the naskah becoming a reference again.
 */
export function rewriteWithReferences(textblock: Y.XmlElement, words: string, index: RujukanIndex) {
  const parent = textblock.parent as Y.XmlElement | Y.XmlFragment;
  const holder = parent instanceof Y.XmlElement ? (parent.getAttribute('id') ?? null) : null;
  const paragraph = withReferences(paragraphOf(words), index, partsIndex(index), holder);
  const rebuilt =
    textblock.nodeName === 'paragraph'
      ? paragraph
      : schema.nodes[textblock.nodeName].create(null, paragraph.content);
  const at = parent.toArray().indexOf(textblock);
  parent.delete(at, 1);
  parent.insert(at, [toYElement(rebuilt)]);
}

/** Rewrites an element's text to `next` by inserting and deleting only the words that differ. */
export function editText(el: Y.XmlElement, next: string) {
  let text = el.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
  if (!text) {
    text = new Y.XmlText();
    el.insert(0, [text]);
  }
  let pos = 0;
  for (const hunk of wordHunks(textOf(el), next)) {
    if (hunk.op === 'equal') pos += hunk.text.length;
    else if (hunk.op === 'delete') text.delete(pos, hunk.text.length);
    else {
      text.insert(pos, hunk.text);
      pos += hunk.text.length;
    }
  }
}

/** The printed number a line starts with, or null. */
export const labelOf = (line: string) => {
  const kind = labelKindOf(line);
  return kind ? (LABEL_PATTERNS[kind].exec(line)?.[0].trim() ?? null) : null;
};

/**
 * Applies a proposed wording to a clause as a minimal edit. When the proposal keeps the
 * clause's lines and numbers, only the words of changed lines are edited, so concurrent edits
 * elsewhere in the clause survive; when it adds, removes or renumbers ayat or items, the
 * clause's body is rebuilt from the proposed lines, each block that is still there keeping
 * its id (matched by its place: ayat (2), its huruf b, ...).
 */
export function applyWording(clause: Y.XmlElement, wording: Wording) {
  const [heading] = childElements(clause, 'clause_heading');
  if (heading) editText(heading, wording.heading);
  const current = wordingOf(clause).text.split('\n');
  const next = wording.text.split('\n');
  const paragraphs = paragraphElements(clause);
  const sameShape =
    current.length === next.length &&
    paragraphs.length === next.length &&
    next.every((line, i) => labelOf(line) === labelOf(current[i]));
  // References print as labels in the wording; where the clause held some, labels that still
  // name something in the naskah become references again (rewritten paragraphs only).
  const index = holdsReference(clause) ? naskahIndex(clause) : undefined;
  if (sameShape) {
    next.forEach((line, i) => {
      if (line === current[i]) return;
      const words = labelOf(line) ? stripLabel(line) : line;
      if (index && holdsReference(paragraphs[i]))
        rewriteWithReferences(paragraphs[i], words, index);
      else editText(paragraphs[i], words);
    });
    return;
  }
  const node = buildBlock(clause);
  const ids = node ? blockIdsByPath(node) : new Map<string, string>();
  const clauseId = clause.getAttribute('id') ?? null;
  const body = parseClauseLines(next, (path) => ids.get(path) ?? newClauseId()).map((block) =>
    index ? withReferences(block, index, partsIndex(index), clauseId) : block,
  );
  const start = heading ? clause.toArray().indexOf(heading) + 1 : 0;
  clause.delete(start, clause.length - start);
  clause.insert(start, body.map(toYElement));
}

/** The characters of text under a Yjs element or fragment, counted without building strings. */
function textLength(node: Y.XmlElement | Y.XmlFragment): number {
  let length = 0;
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) length += child.length;
    else if (child instanceof Y.XmlElement) length += textLength(child);
  }
  return length;
}

/**
 * Names, in Bahasa Indonesia, the limit of shared/limits.ts that applying `next` to `clause`
 * would exceed, or null: the same bounds as a draft sent as text or imported, checked before
 * the edit so an over-long proposal (even one stored before the limits) never reaches the text.
 */
export function wordingLimitProblem(
  ydoc: Y.Doc,
  clause: Y.XmlElement,
  next: Wording,
): string | null {
  if (next.text.length > MAX_PROPOSAL_CHARS)
    return `Usulan redaksi melebihi batas ${MAX_PROPOSAL_CHARS.toLocaleString('id-ID')} karakter.`;
  const lines = next.text.split('\n').length;
  if (lines > MAX_CLAUSE_LINES)
    return textLimitProblem({ chars: 0, lines: 0, clauses: 0, clauseLines: lines });
  const total = textLength(ydoc.getXmlFragment(FRAGMENT)) - textLength(clause);
  const after = total + next.heading.length + next.text.replace(/\n/g, '').length;
  if (after > MAX_TEXT_CHARS)
    return textLimitProblem({ chars: after, lines: 0, clauses: 0, clauseLines: 0 });
  return null;
}
