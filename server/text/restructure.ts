import * as Y from 'yjs';
import type { Node } from 'prosemirror-model';
import { buildClauseNode, clauseLines, newClauseId } from '../../shared/clauses';
import { LABEL_PATTERNS, labelKindOf } from '../../shared/numbering';
import { blockIdsByPath } from '../../shared/structure';
import { buildBlock } from './build';
import { toYElement } from './encode';
import type { Repair } from './repairs';

/**
 * Text stored before the legal structure existed carries its numbers as typed characters: a
 * Pasal's paragraphs start with "(1)", "a.", and the pembukaan's considerations with "a.".
 * These repairs turn such text into ayat and list items once, when the document is loaded by
 * this version; the printed text stays the same, so revisions and sign-offs keep their
 * meaning. Numbers that have no place where they stand stay typed, so a second load finds
 * nothing more to do.
 */
export function typedNumberRepairs(fragment: Y.XmlFragment): Repair[] {
  const repairs: Repair[] = [];
  let beforeFirstClause = true;
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'clause') {
      beforeFirstClause = false;
      const repair = clauseRepair(child);
      if (repair) repairs.push(repair);
    } else if (beforeFirstClause && child.nodeName === 'preamble') {
      const repair = considerationRepair(fragment, child);
      if (repair) repairs.push(repair);
    }
  }
  return repairs;
}

function clauseRepair(element: Y.XmlElement): Repair | null {
  const node = buildBlock(element);
  if (!node || !hasTypedNumber(node)) return null;
  const ids = blockIdsByPath(node);
  const rebuilt = buildClauseNode(
    { id: String(node.attrs.id), heading: '', text: clauseLines(node).join('\n') },
    (path) => ids.get(path) ?? newClauseId(),
  );
  if (shape(rebuilt) === shape(node)) return null;
  return {
    kind: 'typed-numbers',
    apply: () => {
      // The heading element stays, so edits to it and its identity survive.
      const start = element.toArray().findIndex((c) => !isHeading(c));
      const from = start === -1 ? element.length : start;
      element.delete(from, element.length - from);
      const body: Node[] = [];
      rebuilt.forEach((child, _offset, index) => {
        if (index > 0) body.push(child);
      });
      element.insert(from, body.map(toYElement));
    },
  };
}

function considerationRepair(fragment: Y.XmlFragment, element: Y.XmlElement): Repair | null {
  const node = buildBlock(element);
  if (!node) return null;
  const text = node.textContent;
  const kind = labelKindOf(text);
  if (kind !== 'huruf' && kind !== 'angka') return null;
  return {
    kind: 'typed-numbers',
    apply: () => {
      const index = fragment.toArray().indexOf(element);
      if (index < 0) return;
      const block = new Y.XmlElement(kind);
      block.setAttribute('id', newClauseId());
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text.replace(LABEL_PATTERNS[kind], ''))]);
      block.insert(0, [paragraph]);
      fragment.delete(index, 1);
      fragment.insert(index, [block]);
    },
  };
}

/** Whether a clause has a paragraph of its own that starts with a typed number. */
function hasTypedNumber(clause: Node): boolean {
  let found = false;
  clause.forEach((child) => {
    if (child.type.name === 'paragraph' && labelKindOf(child.textContent)) found = true;
  });
  return found;
}

/** The clause's structure without its words, to tell whether rebuilding would change it. */
function shape(node: Node): string {
  const parts: string[] = [];
  node.forEach((child) => {
    if (child.type.name !== 'clause_heading') parts.push(`${child.type.name}(${shape(child)})`);
  });
  return parts.join(',');
}

function isHeading(child: unknown): boolean {
  return child instanceof Y.XmlElement && child.nodeName === 'clause_heading';
}
