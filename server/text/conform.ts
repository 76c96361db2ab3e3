import * as Y from 'yjs';
import { Fragment, type NodeType } from 'prosemirror-model';
import { FRAGMENT_NAME as FRAGMENT, schema } from '../../shared/schema';
import { newClauseId } from '../../shared/clauses';
import { controlCharRanges, hasControlChars } from '../../shared/controlChars';
import {
  MAX_DEPTH,
  elementType,
  holdsText,
  isSchemaAttribute,
  isValidAttribute,
  markFor,
} from './rules';
import type { YChild } from './build';
import { bringsIds, clauseLimit, uniqueIds } from './identity';
import { isTable, isTableRow, tableShape } from './tables';
import {
  insertBefore,
  remove,
  type AnyType,
  type Parent,
  type Repair,
  type RepairKind,
} from './repairs';

export { applyRepairs, type Repair, type RepairKind } from './repairs';

/**
 * The server's side of "the stored document always fits the schema" (CONTRACT.md).
 *
 * A stock Yjs client cannot roll back an update the server refuses; it would stay diverged
 * and resend it forever. So every update is applied, and what it brought that does not fit
 * is at once removed or repaired by a compensating server change that every client receives
 * and storage keeps (see docs/collaboration.md). The checks follow the same rules as the
 * reader (build.ts), so what a reader sees is what the repaired text holds.
 */

/**
 * The repairs that bring the whole document back into the schema; used when a document is
 * loaded, so text stored by older code or before a limit existed is mended once.
 */
export function repairsForDocument(doc: Y.Doc): Repair[] {
  const repairs: Repair[] = [];
  foreignRoots(doc, repairs);
  const fragment = doc.getXmlFragment(FRAGMENT);
  checkChildren(fragment, schema.topNodeType, 1, () => true, repairs);
  uniqueIds(fragment, () => false, repairs);
  clauseLimit(fragment, () => false, repairs);
  return repairs;
}

/**
 * The repairs for what one transaction changed: the changed types are checked shallowly and
 * whatever the transaction added below them deeply, so a keystroke costs a look at one
 * paragraph, not the whole naskah.
 */
export function repairsForTransaction(doc: Y.Doc, tr: Y.Transaction): Repair[] {
  const repairs: Repair[] = [];
  const fragment = doc.getXmlFragment(FRAGMENT);
  const isNew = (type: AnyType) => added(tr, type);
  let structural = false;
  for (const [type, keys] of tr.changed) {
    if (type._item?.deleted) continue;
    const context = contextOf(type, fragment);
    if (context === 'foreign') {
      foreignRoots(doc, repairs);
      continue;
    }
    if (context === null) continue;
    const { nodeType, depth } = context;
    if (type instanceof Y.XmlText) {
      if (holdsText(nodeType)) checkText(type, nodeType, repairs);
      continue;
    }
    if (!(type instanceof Y.XmlFragment)) continue;
    if (type instanceof Y.XmlElement && [...keys].some((key) => key !== null)) {
      checkAttributes(type, nodeType, repairs);
      if (keys.has('id')) structural = true;
    }
    if (keys.has(null)) {
      checkChildren(type, nodeType, depth + 1, isNew, repairs);
      // A row that gained or lost cells may leave its table ragged.
      if (isTableRow(nodeType) && type.parent instanceof Y.XmlElement)
        tableShape(type.parent, repairs);
      if (type === fragment) clauseLimit(fragment, isNew, repairs);
      if (!holdsText(nodeType) && bringsIds(type, isNew)) structural = true;
    }
  }
  if (structural)
    uniqueIds(
      fragment,
      (el) => isNew(el) || Boolean(tr.changed.get(el as AnyType)?.has('id')),
      repairs,
    );
  return repairs;
}

/** Whether `type` was created by transaction `tr`. */
function added(tr: Y.Transaction, type: AnyType): boolean {
  const item = type._item;
  if (!item) return false;
  return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/**
 * The node type and depth a changed Yjs type stands for: null when it lies inside something
 * that does not fit (its removal is already due) or is detached; 'foreign' outside the fragment.
 */
function contextOf(
  type: AnyType,
  fragment: Y.XmlFragment,
): { nodeType: NodeType; depth: number } | 'foreign' | null {
  const chain: AnyType[] = [];
  let current: AnyType | null = type;
  while (current && current !== fragment) {
    if (current._item?.deleted) return null;
    chain.unshift(current);
    current = current.parent;
  }
  if (!current) return 'foreign';
  let nodeType: NodeType = schema.topNodeType;
  for (const link of chain) {
    if (link instanceof Y.XmlText) return { nodeType, depth: chain.length };
    if (!(link instanceof Y.XmlElement)) return null;
    const next = elementType(nodeType, link.nodeName);
    if (!next) return null;
    nodeType = next;
  }
  return { nodeType, depth: chain.length };
}

/** Empties every root type other than the naskah's fragment: nothing reads them, yet every client would receive them. */
function foreignRoots(doc: Y.Doc, repairs: Repair[]): void {
  for (const [name, type] of doc.share) {
    if (name === FRAGMENT || !hasContent(type)) continue;
    repairs.push({
      kind: 'foreign-root',
      apply: () => {
        const tr = doc._transaction;
        if (!tr) return;
        for (const item of type._map.values()) if (!item.deleted) item.delete(tr);
        for (let item = type._start; item; item = item.right) if (!item.deleted) item.delete(tr);
      },
    });
  }
}

function hasContent(type: AnyType): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true;
  for (let item = type._start; item; item = item.right) if (!item.deleted) return true;
  return false;
}

function checkChildren(
  parent: Parent,
  parentType: NodeType,
  depth: number,
  deep: (child: AnyType) => boolean,
  repairs: Repair[],
): void {
  let match = parentType.contentMatch;
  const text = holdsText(parentType);
  for (const child of parent.toArray() as YChild[]) {
    if (child instanceof Y.XmlText) {
      if (!text) repairs.push(remove(parent, child, 'text-outside-block'));
      else if (deep(child)) checkText(child, parentType, repairs);
      else checkTextAttributes(child, repairs);
      continue;
    }
    if (!(child instanceof Y.XmlElement)) {
      repairs.push(remove(parent, child, 'unknown-element'));
      continue;
    }
    const type = elementType(parentType, child.nodeName);
    if (!type) {
      repairs.push(remove(parent, child, 'unknown-element'));
      continue;
    }
    if (depth > MAX_DEPTH) {
      repairs.push(remove(parent, child, 'too-deep'));
      continue;
    }
    let next = match.matchType(type);
    if (!next) {
      const fill = match.fillBefore(Fragment.from(type.createAndFill() ?? []));
      next = (fill && match.matchFragment(fill)?.matchType(type)) || null;
      if (!fill || !next) {
        repairs.push(remove(parent, child, 'misplaced-element'));
        continue;
      }
      repairs.push(insertBefore(parent, child, fill));
    }
    match = next;
    checkAttributes(child, type, repairs);
    if (deep(child)) checkChildren(child, type, depth + 1, () => true, repairs);
  }
  const end = match.fillBefore(Fragment.empty, true);
  if (end && end.childCount > 0) repairs.push(insertBefore(parent, null, end));
  if (isTable(parentType) && parent instanceof Y.XmlElement) tableShape(parent, repairs);
}

function checkAttributes(element: Y.XmlElement, type: NodeType, repairs: Repair[]): void {
  const stored = element.getAttributes() as Record<string, unknown>;
  for (const [name, value] of Object.entries(stored)) {
    if (!isSchemaAttribute(type, name)) {
      repairs.push({ kind: 'attribute', apply: () => element.removeAttribute(name) });
    } else if (!isValidAttribute(type, name, value)) {
      repairs.push(
        name === 'id'
          ? { kind: 'block-id', apply: () => element.setAttribute('id', newClauseId()) }
          : { kind: 'attribute', apply: () => element.removeAttribute(name) },
      );
    }
  }
  if (isSchemaAttribute(type, 'id') && stored.id === undefined) {
    repairs.push({ kind: 'block-id', apply: () => element.setAttribute('id', newClauseId()) });
  }
}

function checkTextAttributes(text: Y.XmlText, repairs: Repair[]): void {
  for (const name of Object.keys(text.getAttributes())) {
    repairs.push({ kind: 'attribute', apply: () => text.removeAttribute(name) });
  }
}

/** Control characters, embeds and marks the schema does not allow, found in one text. */
function checkText(text: Y.XmlText, parentType: NodeType, repairs: Repair[]): void {
  checkTextAttributes(text, repairs);
  const formats: { at: number; length: number; name: string }[] = [];
  const deletions: [number, number][] = [];
  const kinds = new Set<RepairKind>();
  let at = 0;
  for (const delta of text.toDelta() as {
    insert: unknown;
    attributes?: Record<string, unknown>;
  }[]) {
    const length = typeof delta.insert === 'string' ? delta.insert.length : 1;
    if (typeof delta.insert !== 'string') {
      deletions.push([at, at + 1]);
      kinds.add('embed');
    } else {
      for (const name of Object.keys(delta.attributes ?? {})) {
        if (markFor(parentType, name)) continue;
        formats.push({ at, length, name });
        kinds.add('unknown-mark');
      }
      if (hasControlChars(delta.insert)) {
        for (const [from, to] of controlCharRanges(delta.insert))
          deletions.push([at + from, at + to]);
        kinds.add('control-character');
      }
    }
    at += length;
  }
  if (kinds.size === 0) return;
  const apply = () => {
    for (const { at: index, length, name } of formats) text.format(index, length, { [name]: null });
    // From the end, so earlier positions stay where they were.
    for (const [from, to] of deletions.reverse()) text.delete(from, to - from);
  };
  repairs.push({ kind: [...kinds], apply });
}
