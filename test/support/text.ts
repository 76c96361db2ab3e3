import * as Y from 'yjs';
import { FRAGMENT } from '../../server/documents/text';
import { findClauseElement } from '../../server/comments/proposal';
import { paragraphElements } from '../collab/clients';

/** Builds a Yjs clause element `{id, heading, paragraphs}` as the editor would. */
export function clauseElement(id: string, heading: string, paragraphs: string[]): Y.XmlElement {
  const clause = new Y.XmlElement('clause');
  clause.setAttribute('id', id);
  const h = new Y.XmlElement('clause_heading');
  h.insert(0, [textNode(heading)]);
  clause.insert(0, [h, ...paragraphs.map((p) => element('paragraph', p))]);
  return clause;
}

function textNode(text: string) {
  const t = new Y.XmlText();
  t.insert(0, text);
  return t;
}

function element(name: string, text: string) {
  const el = new Y.XmlElement(name);
  el.insert(0, [textNode(text)]);
  return el;
}

const indexOf = (ydoc: Y.Doc, clauseId: string) =>
  ydoc.getXmlFragment(FRAGMENT).toArray().indexOf(findClauseElement(ydoc, clauseId)!);

/** Small edits of the live text, the way a drafter makes them. */
export const edit = {
  /** Inserts a clause right after the clause `afterId`. */
  insertAfter(ydoc: Y.Doc, afterId: string, clause: Y.XmlElement) {
    ydoc.getXmlFragment(FRAGMENT).insert(indexOf(ydoc, afterId) + 1, [clause]);
  },
  /** Deletes a clause. */
  remove(ydoc: Y.Doc, clauseId: string) {
    ydoc.getXmlFragment(FRAGMENT).delete(indexOf(ydoc, clauseId), 1);
  },
  /** Moves a clause to just after `afterId` (a delete and an insert of a copy with the same id). */
  moveAfter(ydoc: Y.Doc, clauseId: string, afterId: string) {
    const el = findClauseElement(ydoc, clauseId)!;
    const copy = el.clone();
    edit.remove(ydoc, clauseId);
    ydoc.getXmlFragment(FRAGMENT).insert(indexOf(ydoc, afterId) + 1, [copy]);
  },
  /** Inserts text at an offset of a clause's first paragraph. */
  typeInParagraph(ydoc: Y.Doc, clauseId: string, offset: number, text: string, paragraph = 0) {
    const el = findClauseElement(ydoc, clauseId)!;
    const p = paragraphElements(el)[paragraph];
    (p.get(0) as Y.XmlText).insert(offset, text);
  },
};
