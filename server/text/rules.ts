import type { MarkType, NodeType } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import { hasControlChars } from '../../shared/controlChars';

/**
 * What the live text may hold, read off the schema once. The builder (build.ts) and the
 * normaliser (conform.ts) both ask these questions, so a reader and the server's repair
 * never disagree about what fits.
 */

/** The longest `id` attribute kept; ids are UUIDs (36 characters) in practice. */
export const MAX_ID_LENGTH = 64;
/** The longest list of further targets of a `rujukan` (`more`: ids separated by spaces). */
export const MAX_ID_LIST_LENGTH = 16 * (MAX_ID_LENGTH + 1);
/** The deepest element nesting kept below the fragment (the schema needs far fewer). */
export const MAX_DEPTH = 12;

const childTypes = new Map<NodeType, Set<NodeType>>();

/** The node types that may appear anywhere in `parent`'s content expression. */
function allowedChildren(parent: NodeType): Set<NodeType> {
  let found = childTypes.get(parent);
  if (found) return found;
  found = new Set();
  const seen = new Set<unknown>();
  const walk = (match: typeof parent.contentMatch) => {
    if (seen.has(match)) return;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      found!.add(edge.type);
      walk(edge.next);
    }
  };
  walk(parent.contentMatch);
  childTypes.set(parent, found);
  return found;
}

/** The node type an element named `name` stands for under `parent`, or null if it has no place there. */
export function elementType(parent: NodeType, name: string): NodeType | null {
  const type = Object.prototype.hasOwnProperty.call(schema.nodes, name)
    ? schema.nodes[name as keyof typeof schema.nodes]
    : undefined;
  if (!type || type.isText || type === schema.topNodeType) return null;
  return allowedChildren(parent).has(type) ? type : null;
}

/** Whether text may stand directly in `parent`. */
export function holdsText(parent: NodeType): boolean {
  return parent.inlineContent && allowedChildren(parent).has(schema.nodes.text);
}

/**
 * The mark a Yjs formatting attribute stands for in `parent`, or null. y-prosemirror names
 * overlapping marks `name--hash`, hence the suffix is dropped.
 */
export function markFor(parent: NodeType, attribute: string): MarkType | null {
  const name = attribute.replace(/--.*$/s, '');
  const mark = Object.prototype.hasOwnProperty.call(schema.marks, name)
    ? schema.marks[name as keyof typeof schema.marks]
    : undefined;
  return mark && parent.allowsMarkType(mark) ? mark : null;
}

/** Whether `name` is an attribute of `type`. */
export function isSchemaAttribute(type: NodeType, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(type.spec.attrs ?? {}, name);
}

/** Whether `value` may stand as a stored block id: a short string without control characters. */
export function isValidId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_ID_LENGTH &&
    value.trim() === value &&
    !hasControlChars(value)
  );
}

/** Whether `value` may stand as attribute `name` of `type` (ids by `isValidId`, the rest as short strings). */
export function isValidAttribute(type: NodeType, name: string, value: unknown): boolean {
  if (!isSchemaAttribute(type, name)) return false;
  if (name === 'id') return isValidId(value);
  const limit = name === 'more' ? MAX_ID_LIST_LENGTH : MAX_ID_LENGTH;
  return typeof value === 'string' && value.length <= limit && !hasControlChars(value);
}
