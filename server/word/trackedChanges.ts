import type { XmlEvent } from './xml';

// The one reading of Word's tracked changes. A `w:ins` or `w:moveTo` adds what it wraps, a
// `w:del` or `w:moveFrom` takes it away; where the element stands says what that is: the words
// it wraps, a paragraph mark (the break between two paragraphs) or a whole table row. A file
// read with its changes has two views of its text: the original (Word's "Reject All":
// insertions gone, deletions kept) and the proposed (Word's "Accept All"). The response reader
// reads both views of every paragraph (body.ts) and the import rewrites the body as one of
// them for mammoth (server/imports/docxBody.ts); both ask this module what exists in a view.

/** One view of a body with tracked changes: before them ("Reject All") or with them ("Accept All"). */
export type View = 'original' | 'proposed';

/**
 * What a tracked change marks: the words it wraps (`content`), a paragraph mark (in the mark's
 * run properties, w:pPr/w:rPr), a table row (in w:trPr), or some other property (a numbering
 * change, in w:pPr), which holds no text.
 */
export type ChangeSite = 'content' | 'mark' | 'row' | 'properties';

/** A tracked change as read from its element. */
export interface TrackedChange {
  kind: 'ins' | 'del';
  site: ChangeSite;
  author: string | undefined;
  /** A change the file was made with (a tracked-changes export's own): part of both views. */
  accepted: boolean;
}

const KINDS: Readonly<Record<string, 'ins' | 'del'>> = {
  ins: 'ins',
  moveTo: 'ins',
  del: 'del',
  moveFrom: 'del',
};

/** The elements Word keeps deleted text in, and the element each stands for where it is kept. */
export const DELETED_TEXT: Readonly<Record<string, string>> = {
  delText: 't',
  delInstrText: 'instrText',
};

/**
 * The tracked change a WordprocessingML element opens, or null. `ancestors` are the local names
 * of the open WordprocessingML elements around it, innermost last; a change by `acceptedAuthor`
 * is read as accepted.
 */
export function trackedChangeOf(
  event: Extract<XmlEvent, { type: 'open' }>,
  ancestors: readonly string[],
  acceptedAuthor?: string,
): TrackedChange | null {
  const kind = KINDS[event.name.local];
  if (!kind) return null;
  const author = event.attrs.get('author');
  return {
    kind,
    site: siteOf(ancestors),
    author,
    accepted: author !== undefined && author === acceptedAuthor,
  };
}

function siteOf(ancestors: readonly string[]): ChangeSite {
  const parent = ancestors.at(-1);
  if (parent === 'rPr' && ancestors.at(-2) === 'pPr') return 'mark';
  if (parent === 'trPr') return 'row';
  return ancestors.includes('pPr') ? 'properties' : 'content';
}

/** Whether what a change wraps (or the mark or row it marks) exists in a view. */
export function existsIn(change: TrackedChange, view: View): boolean {
  if (change.accepted) return change.kind === 'ins';
  return change.kind === 'ins' ? view === 'proposed' : view === 'original';
}

/** Whether text inside these changes (outermost first) exists in a view. */
export function showsIn(changes: readonly TrackedChange[], view: View): boolean {
  return changes.every((change) => existsIn(change, view));
}

/**
 * The tracked changes as Word counts them: a paragraph mark marked inserted or deleted goes with
 * the text changed in that paragraph (one change, as Word lists it) and counts on its own only
 * where the paragraphs were merely split or joined; every other change counts once.
 */
export class ChangeCount {
  count = 0;
  private markChanged = false;
  private textChanged = false;

  /** Notes a change opened inside the current paragraph (or outside any). */
  change(change: TrackedChange): void {
    if (change.site === 'mark') this.markChanged = true;
    else {
      this.count += 1;
      this.textChanged = true;
    }
  }

  /** Notes a paragraph starting or ending. */
  paragraphBoundary(ending: boolean): void {
    if (ending && this.markChanged && !this.textChanged) this.count += 1;
    this.markChanged = this.textChanged = false;
  }
}
