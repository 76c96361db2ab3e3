import * as Y from 'yjs';
import type { Node } from 'prosemirror-model';
import { newClauseId } from '../../shared/clauses';
import { isValidId } from './rules';

/**
 * A Yjs element holding a ProseMirror block as y-prosemirror lays it out (element per node,
 * one text per run of text, marks as formatting); a block whose `id` is missing or invalid
 * gets a fresh one.
 */
export function toYElement(node: Node): Y.XmlElement {
  const element = new Y.XmlElement(node.type.name);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (name === 'id') element.setAttribute('id', isValidId(value) ? value : newClauseId());
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  node.forEach((child) => {
    if (!child.isText) return children.push(toYElement(child));
    const text = new Y.XmlText();
    const marks = Object.fromEntries(child.marks.map((mark) => [mark.type.name, mark.attrs]));
    text.insert(0, child.text ?? '', child.marks.length ? marks : undefined);
    children.push(text);
  });
  if (children.length > 0) element.insert(0, children);
  return element;
}
