import type { Node } from 'prosemirror-model';
import {
  citedIds,
  DANGLING_LABEL,
  rujukanLabel,
  type RujukanAttrs,
  type RujukanIndex,
} from './rujukan';

// References inside the text: how a paragraph prints with them, where they stand, and what a
// reader should be told about them (a gone target, a forward reference, the wrong preposition).

/** The node name of a cross-reference in the schema. */
export const RUJUKAN = 'rujukan';

/** The attributes of a `rujukan` node as the label functions read them. */
export function rujukanAttrs(node: Node): RujukanAttrs {
  return {
    target: String(node.attrs.target ?? ''),
    more: String(node.attrs.more ?? ''),
    until: String(node.attrs.until ?? ''),
  };
}

/** The label of one `rujukan` node standing in block `holderId`. */
export function labelOf(node: Node, index: RujukanIndex, holderId: string | null): string {
  return rujukanLabel(index, holderId, citedIds(index, rujukanAttrs(node)));
}

/** The words of an inline block, each reference printed as its label. */
export function inlineText(block: Node, index: RujukanIndex, holderId: string | null): string {
  let text = '';
  block.forEach((child) => {
    text += child.type.name === RUJUKAN ? labelOf(child, index, holderId) : child.textContent;
  });
  return text;
}

/**
 * The words of an inline block with each reference as `⟦ids⟧` instead of its label: what the
 * diff compares, so a reference whose target was only renumbered is no change, while one whose
 * target is gone (it now prints `[rujukan terputus]`) is.
 */
export function inlineIdentity(block: Node, index: RujukanIndex): string {
  let text = '';
  block.forEach((child) => {
    if (child.type.name !== RUJUKAN) {
      text += child.textContent;
      return;
    }
    const attrs = rujukanAttrs(child);
    text += identityToken(attrs, citedIds(index, attrs) === null);
  });
  return text;
}

/** A reference in a comparison text: its ids between `⟦` and `⟧`, marked when it is broken. */
export function identityToken(attrs: RujukanAttrs, dangling = false): string {
  const more = attrs.more ? ` ${attrs.more}` : '';
  const until = attrs.until ? `…${attrs.until}` : '';
  return `⟦${dangling ? `${DANGLING_LABEL} ` : ''}${attrs.target}${more}${until}⟧`;
}

/** Whether a block holds a reference anywhere inside it. */
export function holdsRujukan(block: Node): boolean {
  let found = false;
  block.descendants((node) => {
    if (node.type.name === RUJUKAN) found = true;
    return !found;
  });
  return found;
}

/** One reference in a document: the node, its position and the blocks that hold it. */
export interface RujukanOccurrence {
  node: Node;
  pos: number;
  /** The innermost Pasal or numbered block holding it (null: outside any). */
  holderId: string | null;
  /** The Pasal holding it (null: in the pembukaan or penutup). */
  clauseId: string | null;
}

/** Every reference of a document, in order. */
export function rujukanOccurrences(doc: Node): RujukanOccurrence[] {
  const found: RujukanOccurrence[] = [];
  const visit = (parent: Node, start: number, holderId: string | null, clauseId: string | null) => {
    parent.forEach((child, offset) => {
      const pos = start + offset;
      if (child.type.name === RUJUKAN) found.push({ node: child, pos, holderId, clauseId });
      else if (!child.isLeaf) {
        const id =
          typeof child.attrs.id === 'string' && child.attrs.id !== '' ? child.attrs.id : null;
        const clause = child.type.name === 'clause' ? id : clauseId;
        visit(child, pos + 1, id ?? holderId, clause);
      }
    });
  };
  visit(doc, 0, null, null);
  return found;
}

/** The ids of the Pasal a Pasal's references cite (other than itself), in order of first citation. */
export function citedClauses(index: RujukanIndex, occurrences: RujukanOccurrence[]): string[] {
  const cited = new Set<string>();
  for (const o of occurrences) {
    for (const id of citedIds(index, rujukanAttrs(o.node)) ?? []) {
      const clause = index.get(id)?.clauseId;
      if (clause && clause !== o.clauseId) cited.add(clause);
    }
  }
  return [...cited];
}

/** What is wrong with a reference: its target is gone, it points ahead, or at what holds it. */
export type RujukanProblemKind = 'dangling' | 'forward' | 'self';

/** A reference a reader should look at, with where it stands and a message in Indonesian. */
export interface RujukanProblem {
  kind: RujukanProblemKind;
  pos: number;
  clauseId: string | null;
  /** Where the reference stands: `Pasal 5`, or `Pembukaan` / `Penutup`. */
  where: string;
  label: string;
  message: string;
}

/**
 * The references of a document that cite something gone (`[rujukan terputus]`), something
 * that comes after them (a forward reference), or the block that holds them.
 */
export function rujukanProblems(doc: Node, index: RujukanIndex): RujukanProblem[] {
  const problems: RujukanProblem[] = [];
  let seenClause = false;
  const occurrences = rujukanOccurrences(doc);
  for (const o of occurrences) {
    if (o.clauseId) seenClause = true;
    const where = o.clauseId
      ? (index.get(o.clauseId)?.parts[0] ?? 'Pasal')
      : seenClause
        ? 'Penutup'
        : 'Pembukaan';
    const ids = citedIds(index, rujukanAttrs(o.node));
    const label = rujukanLabel(index, o.holderId, ids);
    const base = { pos: o.pos, clauseId: o.clauseId, where, label };
    if (ids === null) {
      problems.push({
        ...base,
        kind: 'dangling',
        message: `Rujukan terputus di ${where}: yang dirujuk sudah dihapus.`,
      });
      continue;
    }
    const holds = new Set(o.holderId ? (index.get(o.holderId)?.ancestors ?? []) : []);
    if (ids.some((id) => holds.has(id)))
      problems.push({
        ...base,
        kind: 'self',
        message: `Rujukan di ${where} merujuk dirinya sendiri (${label}).`,
      });
    else if (ids.some((id) => index.get(id)!.pos > o.pos))
      problems.push({
        ...base,
        kind: 'forward',
        message: `Rujukan di ${where} merujuk ke depan, ke ${label}.`,
      });
  }
  return problems;
}

/**
 * The preposition before a reference's label: `dalam` before a Pasal, `pada` before an ayat or
 * item of the same Pasal ("sebagaimana dimaksud dalam Pasal 5", "sebagaimana dimaksud pada
 * ayat (1)", the phrasing of UU 12/2011 Lampiran II); null for a broken reference.
 */
export function expectedPreposition(label: string): 'dalam' | 'pada' | null {
  if (label === DANGLING_LABEL) return null;
  return label.startsWith('Pasal') ? 'dalam' : 'pada';
}

/** A wrong `dalam`/`pada` before a reference, with the one-click fix: replace `from…to` by `expected`. */
export interface PrepositionHint {
  pos: number;
  from: number;
  to: number;
  found: string;
  expected: 'dalam' | 'pada';
  message: string;
}

/** Lists each reference preceded by `dalam` or `pada` where the other one belongs. */
export function prepositionHints(doc: Node, index: RujukanIndex): PrepositionHint[] {
  const hints: PrepositionHint[] = [];
  for (const o of rujukanOccurrences(doc)) {
    const label = labelOf(o.node, index, o.holderId);
    const expected = expectedPreposition(label);
    if (!expected) continue;
    const $pos = doc.resolve(o.pos);
    const before = $pos.parent.textBetween(0, $pos.parentOffset, undefined, '\uFFFC');
    const match = /(?:^|[^\p{L}])(dalam|pada)\s+$/iu.exec(before);
    if (!match || match[1].toLowerCase() === expected) continue;
    const from = $pos.start() + before.length - match[0].length + match[0].indexOf(match[1]);
    hints.push({
      pos: o.pos,
      from,
      to: from + match[1].length,
      found: match[1],
      expected,
      message: `Gunakan "${expected}" sebelum ${label}: "sebagaimana dimaksud ${expected} ${label}".`,
    });
  }
  return hints;
}
