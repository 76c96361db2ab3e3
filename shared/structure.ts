import { Fragment, type Node, type NodeType } from 'prosemirror-model';
import { schema } from './schema';
import { labelKindOf, LABEL_PATTERNS, type NumberedKind } from './numbering';

// Typed numbers become structure (CONTRACT.md, "Legal structure"): a line of a Pasal that
// starts with `(1)`, `a.`, `1.`, `a)` or `1)` opens an ayat or a list item at the level its
// number stands for, so the plain form, imports, proposals and text stored by older versions
// all arrive as numbered blocks whose numbers are then derived, never typed.

/** The kinds that may hold a block of each kind, innermost first; `null` is the Pasal itself. */
const PARENTS: Record<NumberedKind, (NumberedKind | null)[]> = {
  ayat: [null],
  huruf: ['ayat', null],
  angka: ['huruf'],
  huruf_kurung: ['angka'],
  angka_kurung: ['huruf_kurung'],
};

interface OpenBlock {
  kind: NumberedKind;
  /** Where the block stands among the blocks of its kind, e.g. `2/1` for the first item of ayat (2). */
  path: string;
  content: (string | OpenBlock)[];
  count: Partial<Record<NumberedKind, number>>;
}

/** Reuses the id a block had (keyed by its path of numbers) or makes a new one. */
export type BlockIdSource = (path: string) => string;

/**
 * Builds the content of a Pasal (after its heading) from its text lines. A line whose number
 * has no place where it stands (a `1.` with no `a.` above it) stays a paragraph as typed, so
 * nothing is lost. Always returns at least one block. `inLampiran` builds the body of a
 * Lampiran instead, where lists start at `a.` and an ayat has no place.
 */
export function parseClauseLines(
  lines: string[],
  idFor: BlockIdSource,
  inLampiran = false,
): Node[] {
  const root: OpenBlock = { kind: 'ayat', path: '', content: [], count: {} };
  const stack: OpenBlock[] = [];
  for (const line of lines) {
    const kind = labelKindOf(line);
    const placed = kind !== null && !(inLampiran && kind === 'ayat');
    const parentAt = placed ? parentIndex(stack, kind) : -2;
    if (!placed || parentAt === -2) {
      (stack.at(-1) ?? root).content.push(line);
      continue;
    }
    stack.length = parentAt + 1;
    const parent = stack.at(-1) ?? root;
    const n = (parent.count[kind] ?? 0) + 1;
    parent.count[kind] = n;
    const block: OpenBlock = {
      kind,
      path: `${parent.path}/${kind}${n}`,
      content: [line.replace(LABEL_PATTERNS[kind], '')],
      count: {},
    };
    parent.content.push(block);
    stack.push(block);
  }
  const nodes = root.content.map((item) => toNode(item, idFor));
  return nodes.length > 0 ? nodes : [schema.nodes.paragraph.create()];
}

/** The index in `stack` of the innermost block that may hold `kind` (-1: the Pasal; -2: none). */
function parentIndex(stack: OpenBlock[], kind: NumberedKind): number {
  for (let i = stack.length - 1; i >= -1; i--) {
    const holder = i === -1 ? null : stack[i].kind;
    if (PARENTS[kind].includes(holder)) return i;
  }
  return -2;
}

function toNode(item: string | OpenBlock, idFor: BlockIdSource): Node {
  if (typeof item === 'string') return paragraphOf(item);
  const type: NodeType = schema.nodes[item.kind];
  return type.create(
    { id: idFor(item.path) },
    Fragment.fromArray(item.content.map((inner) => toNode(inner, idFor))),
  );
}

/** A paragraph holding `text` (an empty line is an empty paragraph). */
export function paragraphOf(text: string): Node {
  return schema.nodes.paragraph.create(null, text === '' ? Fragment.empty : schema.text(text));
}

/**
 * The ids of a Pasal's numbered blocks by their path of numbers, so rebuilding it from text
 * (accepting a proposal) keeps the identity of every block that is still there.
 */
export function blockIdsByPath(clause: Node): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (parent: Node, path: string) => {
    const count: Partial<Record<string, number>> = {};
    parent.forEach((child) => {
      const kind = child.type.name;
      if (!(kind in PARENTS)) return;
      const n = (count[kind] ?? 0) + 1;
      count[kind] = n;
      const childPath = `${path}/${kind}${n}`;
      ids.set(childPath, String(child.attrs.id));
      walk(child, childPath);
    });
  };
  walk(clause, '');
  return ids;
}
