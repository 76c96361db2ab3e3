import * as Y from 'yjs';
import { diffArrays } from 'diff';
import { wordHunks } from '../../shared/clauseDiff';
import { FRAGMENT } from '../documents/text';
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

/** The current wording of a clause element. */
export function wordingOf(clause: Y.XmlElement): Wording {
  const [heading] = childElements(clause, 'clause_heading');
  return {
    heading: heading ? textOf(heading) : '',
    text: childElements(clause, 'paragraph').map(textOf).join('\n'),
  };
}

/** Rewrites an element's text to `next` by inserting and deleting only the words that differ. */
function editText(el: Y.XmlElement, next: string) {
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

function newParagraph(content: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, content);
  p.insert(0, [t]);
  return p;
}

/**
 * Applies a proposed wording to a clause as a minimal edit: unchanged paragraphs are left alone,
 * changed ones are edited word by word, so concurrent edits elsewhere in the clause survive.
 */
export function applyWording(clause: Y.XmlElement, wording: Wording) {
  const [heading] = childElements(clause, 'clause_heading');
  if (heading) editText(heading, wording.heading);
  const paragraphs = childElements(clause, 'paragraph');
  const oldTexts = paragraphs.map(textOf);
  const newTexts = wording.text.split('\n');
  let index = 0; // position among the old paragraphs
  const parts = diffArrays(oldTexts, newTexts);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) {
      index += part.count ?? part.value.length;
      continue;
    }
    const removed = part.removed ? part.value : [];
    const added =
      part.removed && parts[i + 1]?.added ? parts[++i].value : part.added ? part.value : [];
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) editText(paragraphs[index + k], added[k]);
    for (let k = paired; k < removed.length; k++)
      clause.delete(clause.toArray().indexOf(paragraphs[index + k]), 1);
    if (added.length > paired) {
      const anchor = index + paired > 0 ? paragraphs[index + paired - 1] : heading;
      const at = anchor ? clause.toArray().indexOf(anchor) + 1 : clause.length;
      clause.insert(at, added.slice(paired).map(newParagraph));
    }
    index += removed.length;
  }
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
