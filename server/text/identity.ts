import * as Y from 'yjs';
import { schema } from '../../shared/schema';
import { newClauseId } from '../../shared/clauses';
import { MAX_CLAUSES } from '../../shared/limits';
import { isSchemaAttribute, isValidId } from './rules';
import { remove, type AnyType, type Parent, type Repair } from './repairs';

// Which blocks keep their identity, and how many Pasal a naskah may hold.

/**
 * Keeps the number of Pasal within MAX_CLAUSES (shared/limits.ts), the bound REST and imports
 * hold to: the Pasal this change added are removed first, the last ones after that.
 */
export function clauseLimit(
  fragment: Y.XmlFragment,
  isNew: (type: AnyType) => boolean,
  repairs: Repair[],
): void {
  const clauses = fragment
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === 'clause');
  let excess = clauses.length - MAX_CLAUSES;
  if (excess <= 0) return;
  const newest = clauses.filter((c) => isNew(c)).reverse();
  const oldest = clauses.filter((c) => !isNew(c)).reverse();
  for (const clause of [...newest, ...oldest]) {
    if (excess-- <= 0) break;
    repairs.push(remove(fragment, clause, 'too-many-clauses'));
  }
}

/** Whether new elements below `parent` carry ids, so uniqueness must be checked again. */
export function bringsIds(parent: Parent, isNew: (type: AnyType) => boolean): boolean {
  const carries = (el: Y.XmlElement): boolean =>
    el.getAttribute('id') !== undefined ||
    el.toArray().some((c) => c instanceof Y.XmlElement && carries(c));
  return parent
    .toArray()
    .some((child) => child instanceof Y.XmlElement && isNew(child) && carries(child));
}

/** Gives every element whose id repeats an earlier one (or a newcomer's) a fresh id. */
export function uniqueIds(
  fragment: Y.XmlFragment,
  isNewcomer: (element: Y.XmlElement) => boolean,
  repairs: Repair[],
): void {
  const holders = new Map<string, Y.XmlElement[]>();
  const walk = (parent: Parent) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement) || !mayHoldIds(child.nodeName)) continue;
      const id = child.getAttribute('id') as unknown;
      // An id on a node without one is removed by the attribute check, not renamed here.
      if (isValidId(id) && carriesId(child.nodeName)) {
        const list = holders.get(id);
        if (list) list.push(child);
        else holders.set(id, [child]);
      }
      walk(child);
    }
  };
  walk(fragment);
  for (const elements of holders.values()) {
    if (elements.length < 2) continue;
    // The original keeps its id: the first that is not new in this change, else the first.
    const keeper = elements.find((el) => !isNewcomer(el)) ?? elements[0];
    for (const element of elements) {
      if (element === keeper) continue;
      repairs.push({
        kind: 'duplicate-id',
        apply: () => element.setAttribute('id', newClauseId()),
      });
    }
  }
}

/** Whether an element named so can carry an id or hold elements that do (text blocks cannot). */
function mayHoldIds(nodeName: string): boolean {
  const type = nodeTypeNamed(nodeName);
  return type !== undefined && (isSchemaAttribute(type, 'id') || !type.inlineContent);
}

function nodeTypeNamed(nodeName: string) {
  return Object.prototype.hasOwnProperty.call(schema.nodes, nodeName)
    ? schema.nodes[nodeName as keyof typeof schema.nodes]
    : undefined;
}

function carriesId(nodeName: string): boolean {
  const type = Object.prototype.hasOwnProperty.call(schema.nodes, nodeName)
    ? schema.nodes[nodeName as keyof typeof schema.nodes]
    : undefined;
  return type !== undefined && isSchemaAttribute(type, 'id');
}
