import type { Node } from 'prosemirror-model';
import { isNumberedKind, siblingNumbers, type NumberedKind } from './numbering';

/**
 * Cross-references (CONTRACT.md, "Cross-references (rujukan)"). A `rujukan` holds the ids of
 * what it cites; its label is derived here, in the phrasing of UU 12/2011 Lampiran II
 * ("Pengacuan"): "Pengacuan dilakukan dengan menyebutkan secara tegas nomor dari pasal atau
 * ayat"; "Pengacuan dua atau lebih terhadap pasal atau ayat yang berurutan tidak perlu
 * menyebutkan pasal demi pasal atau ayat demi ayat yang diacu tetapi cukup dengan menggunakan
 * frasa sampai dengan"; "Jika ada dua atau lebih pengacuan, urutan dari pengacuan dimulai dari
 * ayat dalam pasal yang bersangkutan (jika ada), kemudian diikuti dengan pasal atau ayat yang
 * angkanya lebih kecil". The editor, the API, the diff and the exports all call these functions.
 */

/** How a reference whose target no longer exists renders, everywhere. */
export const DANGLING_LABEL = '[rujukan terputus]';

/** What can be cited, by its id: a Pasal or a numbered block, with where it stands. */
export interface RujukanTarget {
  id: string;
  kind: 'clause' | NumberedKind;
  /** The id of the Pasal holding it (itself for a Pasal); null in the pembukaan or penutup. */
  clauseId: string | null;
  /** The ids from the outermost cited block down to this one, itself last. */
  ancestors: string[];
  /** The printed parts from the Pasal down: `['Pasal 5', 'ayat (2)', 'huruf b']`. */
  parts: string[];
  /** The id of the block holding it (`''` for a top-level block) and its index there. */
  parentId: string;
  childIndex: number;
  /** Its position in the document (for order and forward references). */
  pos: number;
}

/** Every citable block of a document by id, built once per rendering. */
export type RujukanIndex = ReadonlyMap<string, RujukanTarget>;

const PART_NAMES: Record<NumberedKind, (n: string) => string> = {
  ayat: (n) => `ayat ${n}`,
  huruf: (n) => `huruf ${n.replace(/\.$/, '')}`,
  angka: (n) => `angka ${n.replace(/\.$/, '')}`,
  huruf_kurung: (n) => `huruf ${n}`,
  angka_kurung: (n) => `angka ${n}`,
};

/** The name a numbered block is cited by from its printed number: `(2)` → `ayat (2)`, `b.` → `huruf b`. */
export function partName(kind: NumberedKind, number: string): string {
  return PART_NAMES[kind](number);
}

/** Indexes every Pasal and numbered block of a document by id, numbered as they print. */
export function rujukanIndex(doc: Node): RujukanIndex {
  const index = new Map<string, RujukanTarget>();
  const blocks: Node[] = [];
  doc.forEach((block) => blocks.push(block));
  const numbers = siblingNumbers(blocks);
  let clauseNumber = 0;
  let pos = 0;
  blocks.forEach((block, i) => {
    const id = String(block.attrs.id ?? '');
    if (block.type.name === 'clause') {
      clauseNumber += 1;
      const target: RujukanTarget = {
        id,
        kind: 'clause',
        clauseId: id,
        ancestors: [id],
        parts: [`Pasal ${clauseNumber}`],
        parentId: '',
        childIndex: i,
        pos,
      };
      if (id !== '' && !index.has(id)) index.set(id, target);
      indexChildren(block, pos + 1, target, index);
    } else if (isNumberedKind(block.type.name) && numbers[i] !== null) {
      const target: RujukanTarget = {
        id,
        kind: block.type.name,
        clauseId: null,
        ancestors: [id],
        parts: [partName(block.type.name, numbers[i]!)],
        parentId: '',
        childIndex: i,
        pos,
      };
      if (id !== '' && !index.has(id)) index.set(id, target);
      indexChildren(block, pos + 1, target, index);
    }
    pos += block.nodeSize;
  });
  return index;
}

function indexChildren(
  parent: Node,
  contentStart: number,
  holder: RujukanTarget,
  index: Map<string, RujukanTarget>,
) {
  const children: Node[] = [];
  parent.forEach((child) => children.push(child));
  const numbers = siblingNumbers(children);
  let pos = contentStart;
  children.forEach((child, i) => {
    const kind = child.type.name;
    if (isNumberedKind(kind) && numbers[i] !== null) {
      const id = String(child.attrs.id);
      const target: RujukanTarget = {
        id,
        kind,
        clauseId: holder.clauseId,
        ancestors: [...holder.ancestors, id],
        parts: [...holder.parts, partName(kind, numbers[i]!)],
        parentId: holder.id,
        childIndex: i,
        pos,
      };
      if (id !== '' && !index.has(id)) index.set(id, target);
      indexChildren(child, pos + 1, target, index);
    }
    pos += child.nodeSize;
  });
}

/** The ids a `rujukan` node cites, as stored: `target`, then each of `more`, and the range end `until`. */
export interface RujukanAttrs {
  target: string;
  more?: string;
  until?: string;
}

/**
 * The ids a reference cites, a range `target … until` expanded to every block between them
 * (the blocks of the same kind under the same parent), or null when one of them is gone.
 */
export function citedIds(index: RujukanIndex, attrs: RujukanAttrs): string[] | null {
  const ids = [attrs.target, ...(attrs.more ?? '').split(/[\s,]+/)].filter((id) => id !== '');
  if (ids.length === 0 || ids.some((id) => !index.has(id))) return null;
  const until = attrs.until ?? '';
  if (until === '') return ids;
  const end = index.get(until);
  const start = index.get(attrs.target)!;
  if (!end) return null;
  if (end.parentId !== start.parentId || end.kind !== start.kind) return [...ids, until];
  const between = [...index.values()].filter(
    (t) =>
      t.parentId === start.parentId &&
      t.kind === start.kind &&
      t.childIndex > start.childIndex &&
      t.childIndex <= end.childIndex,
  );
  return [...ids, ...between.map((t) => t.id)];
}

/**
 * The label of a reference standing in block `holderId` (the innermost Pasal or numbered block
 * holding it; null outside any) that cites `targetIds`: `Pasal 5 ayat (2) huruf b` for another
 * Pasal, `ayat (2)` or `huruf b` inside the same Pasal (what holder and target share is left
 * out), ayat of the same Pasal first and then by position, runs of three or more consecutive
 * blocks as `… sampai dengan …`, the rest joined by `dan`. `[rujukan terputus]` if one is gone.
 */
export function rujukanLabel(
  index: RujukanIndex,
  holderId: string | null,
  targetIds: readonly string[] | null,
): string {
  if (targetIds === null || targetIds.length === 0) return DANGLING_LABEL;
  const targets = targetIds.map((id) => index.get(id));
  if (targets.some((t) => t === undefined)) return DANGLING_LABEL;
  const holder = holderId === null ? undefined : index.get(holderId);
  const holderPath = holder?.ancestors ?? [];
  const ownClause = holder?.clauseId ?? null;
  const unique = [...new Map(targets.map((t) => [t!.id, t!])).values()];
  const sorted = unique.sort((a, b) => {
    const ownA = a.clauseId !== null && a.clauseId === ownClause ? 0 : 1;
    const ownB = b.clauseId !== null && b.clauseId === ownClause ? 0 : 1;
    return ownA - ownB || a.pos - b.pos;
  });
  const items: string[] = [];
  let previous: string[] = [];
  for (const run of consecutiveRuns(sorted)) {
    const names = (run.length >= 3 ? [run[0], run.at(-1)!] : run).map((t) => {
      const relative = t.parts.slice(sharedLength(holderPath, t.ancestors, t.parts.length));
      const name = relative.slice(sharedLength(previous, relative, relative.length)).join(' ');
      previous = relative;
      return name;
    });
    if (run.length >= 3) items.push(`${names[0]} sampai dengan ${names[1]}`);
    else items.push(...names);
  }
  return joinWithDan(items);
}

/** Joins items as Indonesian lists them: `a`, `a dan b`, `a, b, dan c`. */
export function joinWithDan(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' dan ');
  return `${items.slice(0, -1).join(', ')}, dan ${items.at(-1)}`;
}

/** How many leading entries two paths share, at most `limit - 1` (a name keeps its last part). */
function sharedLength(a: readonly string[], b: readonly string[], limit: number): number {
  let n = 0;
  while (n < a.length && n < b.length && n < limit - 1 && a[n] === b[n]) n++;
  return n;
}

/** Splits sorted targets into runs of blocks that follow each other directly under one parent. */
function consecutiveRuns(targets: RujukanTarget[]): RujukanTarget[][] {
  const runs: RujukanTarget[][] = [];
  for (const t of targets) {
    const last = runs.at(-1)?.at(-1);
    const follows =
      last !== undefined &&
      last.parentId === t.parentId &&
      last.kind === t.kind &&
      t.childIndex === last.childIndex + 1;
    if (follows) runs.at(-1)!.push(t);
    else runs.push([t]);
  }
  return runs;
}
