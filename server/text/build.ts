import * as Y from 'yjs';
import { Fragment, type Mark, type Node, type NodeType } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import { stripControlChars } from '../../shared/controlChars';
import { padTable } from '../../shared/lampiran';
import {
  MAX_DEPTH,
  elementType,
  holdsText,
  isSchemaAttribute,
  isValidAttribute,
  markFor,
} from './rules';

/** A child of a Yjs XML element or fragment. */
export type YChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

/**
 * Builds the ProseMirror document held by a Yjs fragment, without ever writing to it.
 *
 * y-prosemirror's own reader deletes from the Y.Doc whatever it cannot map, so a mere read
 * would change the text for everyone. This one leaves out what does not fit the schema
 * (unknown elements and marks, text where blocks belong, control characters, invalid
 * attributes), fills what the schema requires, and so always returns a valid document.
 * The server's normaliser (conform.ts) makes the stored text match what is read here.
 */
export function buildNaskah(fragment: Y.XmlFragment): Node {
  const doc = schema.topNodeType;
  return doc.create(null, fitChildren(doc, fragment.toArray(), 1));
}

/** Builds the block a top-level element holds (a clause, say), or null if it has no place in a naskah. */
export function buildBlock(element: Y.XmlElement): Node | null {
  return toNodes(schema.topNodeType, element, 1)[0] ?? null;
}

function fitChildren(parent: NodeType, items: YChild[], depth: number): Fragment {
  let match = parent.contentMatch;
  const out: Node[] = [];
  for (const item of items) {
    for (const node of toNodes(parent, item, depth)) {
      let next = match.matchType(node.type);
      if (!next) {
        // A clause whose heading is missing keeps its paragraphs: fill in front of it.
        const fill = match.fillBefore(Fragment.from(node));
        if (!fill) continue;
        fill.forEach((filler) => out.push(filler));
        match = match.matchFragment(fill) ?? match;
        next = match.matchType(node.type);
        if (!next) continue;
      }
      out.push(node);
      match = next;
    }
  }
  const end = match.fillBefore(Fragment.empty, true);
  end?.forEach((filler) => out.push(filler));
  return Fragment.fromArray(out);
}

function toNodes(parent: NodeType, item: YChild, depth: number): Node[] {
  if (item instanceof Y.XmlText) return holdsText(parent) ? textNodes(parent, item) : [];
  if (!(item instanceof Y.XmlElement) || depth > MAX_DEPTH) return [];
  const type = elementType(parent, item.nodeName);
  if (!type) return [];
  const node = type.createAndFill(
    attributesOf(type, item),
    fitChildren(type, item.toArray(), depth + 1),
  );
  if (!node) return [];
  // A ragged table reads as the server repairs it (tables.ts): short rows padded.
  return [type === schema.nodes.table ? padTable(node) : node];
}

function attributesOf(type: NodeType, element: Y.XmlElement): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  const stored = element.getAttributes() as Record<string, unknown>;
  for (const name of Object.keys(type.spec.attrs ?? {})) {
    if (!isSchemaAttribute(type, name)) continue;
    const value = stored[name];
    // An invalid id reads as none; the normaliser gives the element a fresh one.
    if (value !== undefined) attrs[name] = isValidAttribute(type, name, value) ? value : '';
  }
  return attrs;
}

function textNodes(parent: NodeType, text: Y.XmlText): Node[] {
  const nodes: Node[] = [];
  for (const delta of text.toDelta() as {
    insert: unknown;
    attributes?: Record<string, unknown>;
  }[]) {
    if (typeof delta.insert !== 'string') continue;
    const value = stripControlChars(delta.insert);
    if (value === '') continue;
    const marks: Mark[] = [];
    for (const name of Object.keys(delta.attributes ?? {})) {
      const mark = markFor(parent, name);
      if (mark) marks.push(mark.create());
    }
    nodes.push(schema.text(value, mark0(marks)));
  }
  return nodes;
}

// Marks must be sorted and free of duplicates (two hashed names of one mark type).
function mark0(marks: Mark[]): readonly Mark[] {
  let set: readonly Mark[] = [];
  for (const mark of marks) set = mark.addToSet(set);
  return set;
}
