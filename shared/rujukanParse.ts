import { Fragment, type Node } from 'prosemirror-model';
import { schema } from './schema';
import { rujukanIndex, type RujukanIndex } from './rujukan';

// Typed references become real ones (CONTRACT.md, "Cross-references (rujukan)"): in the plain
// form, an imported .docx or pasted text, `Pasal 3 ayat (2)`, `pada ayat (1)` or `huruf b`
// becomes a `rujukan` when what it names exists in the same naskah; `ayat (1)` and `huruf b`
// are read from where they stand (the enclosing ayat, then the Pasal), as a reader reads them.
// `X sampai dengan Y` becomes one reference to the range. What cannot be resolved stays text.

const PART = String.raw`(?:Pasal\s+\d{1,3}|ayat\s+\(\d{1,3}\)|huruf\s+[a-z]{1,2}\)?|angka\s+\d{1,3}\)?)`;
const CHAIN = String.raw`${PART}(?:\s+${PART})*`;
/** A typed reference: a chain of parts, optionally `sampai dengan` another chain. */
const TYPED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${CHAIN})(?:\s+sampai\s+dengan\s+(${CHAIN}))?(?![\p{L}\p{N}])`,
  'gu',
);
const PART_ONLY = new RegExp(PART, 'gu');

/** The result of resolving typed references: the document and the ones left as text. */
export interface ResolvedReferences {
  doc: Node;
  /** Each typed reference that names nothing in the naskah, as typed, with where it stands. */
  unresolved: { text: string; where: string }[];
}

/** The parts of a typed chain, spaced as labels print them: `Pasal 3`, `ayat (2)`, `huruf b`. */
export function typedParts(chain: string): string[] {
  return (chain.match(PART_ONLY) ?? []).map((part) => part.replace(/\s+/g, ' '));
}

/**
 * The id a typed chain names, read from block `holderId`: a chain starting with `Pasal N` names
 * from the top; otherwise from the innermost block holding the text outwards.
 */
export function resolveTyped(
  index: RujukanIndex,
  byParts: ReadonlyMap<string, string>,
  holderId: string | null,
  parts: string[],
): string | null {
  if (parts.length === 0) return null;
  if (parts[0].startsWith('Pasal')) return byParts.get(parts.join(' ')) ?? null;
  const holder = holderId ? index.get(holderId) : undefined;
  if (!holder) return null;
  for (let depth = holder.ancestors.length; depth >= 1; depth--) {
    const id = byParts.get([...holder.parts.slice(0, depth), ...parts].join(' '));
    if (id) return id;
  }
  return null;
}

/** Every citable block's id by its printed parts joined (`Pasal 2 ayat (1) huruf a`). */
export function partsIndex(index: RujukanIndex): Map<string, string> {
  const byParts = new Map<string, string>();
  for (const target of index.values()) byParts.set(target.parts.join(' '), target.id);
  return byParts;
}

/**
 * The nodes a run of text standing in block `holderId` becomes: text, with each typed
 * reference that resolves a `rujukan`; `onUnresolved` hears each one that does not.
 */
export function textWithReferences(
  index: RujukanIndex,
  byParts: ReadonlyMap<string, string>,
  holderId: string | null,
  text: string,
  onUnresolved: (typed: string) => void = () => {},
): Node[] {
  const content: Node[] = [];
  let cursor = 0;
  for (const match of text.matchAll(TYPED)) {
    const start = resolveTyped(index, byParts, holderId, typedParts(match[1]));
    // The end of a range reads on from its start: `ayat (1) huruf a sampai dengan huruf c`.
    const end = match[2] ? typedParts(match[2]) : [];
    const until = !match[2]
      ? ''
      : start &&
        (resolveTyped(index, byParts, start, end) ?? resolveTyped(index, byParts, holderId, end));
    if (!start || until === null) {
      onUnresolved(match[0]);
      continue;
    }
    if (match.index > cursor) content.push(schema.text(text.slice(cursor, match.index)));
    content.push(schema.nodes.rujukan.create({ target: start, until }));
    cursor = match.index + match[0].length;
  }
  if (cursor < text.length) content.push(schema.text(text.slice(cursor)));
  return content;
}

/**
 * A block with the typed references of its paragraphs turned into `rujukan` where they resolve
 * against `index`, each read from the innermost block holding it (`holderId` at the top).
 */
export function withReferences(
  node: Node,
  index: RujukanIndex,
  byParts: ReadonlyMap<string, string>,
  holderId: string | null,
  onUnresolved: (typed: string) => void = () => {},
): Node {
  if (node.type === schema.nodes.paragraph) {
    const content: Node[] = [];
    node.forEach((child) => {
      // A run with marks (bold, italic) is left as typed: the plain form and imports have none.
      if (child.isText && child.marks.length === 0)
        content.push(...textWithReferences(index, byParts, holderId, child.text!, onUnresolved));
      else content.push(child);
    });
    return node.type.create(node.attrs, content);
  }
  if (node.isTextblock || node.isLeaf) return node;
  const own = typeof node.attrs.id === 'string' && index.has(node.attrs.id) ? node.attrs.id : null;
  const children: Node[] = [];
  node.forEach((child) =>
    children.push(withReferences(child, index, byParts, own ?? holderId, onUnresolved)),
  );
  return node.copy(Fragment.fromArray(children));
}

/** Turns the typed references of a document's Pasal into `rujukan` nodes where they resolve. */
export function resolveTypedReferences(doc: Node): ResolvedReferences {
  const index = rujukanIndex(doc);
  const byParts = partsIndex(index);
  const unresolved: ResolvedReferences['unresolved'] = [];
  const blocks: Node[] = [];
  doc.forEach((block) => {
    if (block.type !== schema.nodes.clause) return blocks.push(block);
    const id = String(block.attrs.id);
    const where = index.get(id)?.parts[0] ?? '';
    blocks.push(
      withReferences(block, index, byParts, id, (text) => unresolved.push({ text, where })),
    );
  });
  return { doc: doc.copy(Fragment.fromArray(blocks)), unresolved };
}
