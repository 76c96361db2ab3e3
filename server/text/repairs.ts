import * as Y from 'yjs';
import type { Fragment } from 'prosemirror-model';
import type { YChild } from './build';
import { toYElement } from './encode';

/** What was wrong, by kind, for the audit event and the user's notice. */
export type RepairKind =
  | 'foreign-root'
  | 'text-outside-block'
  | 'unknown-element'
  | 'misplaced-element'
  | 'missing-element'
  | 'too-deep'
  | 'attribute'
  | 'block-id'
  | 'duplicate-id'
  | 'control-character'
  | 'unknown-mark'
  | 'embed'
  | 'too-many-clauses'
  | 'typed-numbers'
  | 'table-shape';

/** A repair to make: what it fixes and the change that fixes it (run inside one transaction). */
export interface Repair {
  kind: RepairKind | RepairKind[];
  apply(): void;
}

export type Parent = Y.XmlFragment | Y.XmlElement;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
export type AnyType = Y.AbstractType<any>;

export function indexIn(parent: Parent, child: YChild): number {
  return (parent.toArray() as YChild[]).indexOf(child);
}

export function remove(parent: Parent, child: YChild, kind: RepairKind): Repair {
  return {
    kind,
    apply: () => {
      const index = indexIn(parent, child);
      if (index >= 0) parent.delete(index, 1);
    },
  };
}

/** Inserts the nodes of `fill` before `child` (at the end when null), as Yjs elements. */
export function insertBefore(parent: Parent, child: YChild | null, fill: Fragment): Repair {
  return {
    kind: 'missing-element',
    apply: () => {
      const index = child ? indexIn(parent, child) : parent.length;
      if (index < 0) return;
      const elements: Y.XmlElement[] = [];
      fill.forEach((node) => elements.push(toYElement(node)));
      parent.insert(index, elements);
    },
  };
}

/** Runs the repairs as one transaction with `origin`; returns the kinds fixed, or [] when none were due. */
export function applyRepairs(doc: Y.Doc, repairs: Repair[], origin: unknown): RepairKind[] {
  if (repairs.length === 0) return [];
  doc.transact(() => {
    for (const repair of repairs) repair.apply();
  }, origin);
  return [...new Set(repairs.flatMap((r) => r.kind))];
}
