import type { BodyObserver } from '../word/body';
import { DELETED_TEXT, existsIn, type TrackedChange, type View } from '../word/trackedChanges';
import { W_NS, type XmlEvent } from '../word/xml';

// word/document.xml as the importer lets mammoth read it, rewritten during the one walk of the
// body (server/word/body.ts) by copying what is kept:
// - text boxes go, content and all: mammoth would put their paragraphs into the running text,
//   where they would become lines of a Pasal; the import lists them as lost instead;
// - a simple field (`w:fldSimple`, e.g. a date) and a bidirectional run wrapper give up their
//   runs, which mammoth would otherwise skip with the wrapper: their text is kept;
// - on request, the tracked changes are resolved into one view (server/word/trackedChanges.ts):
//   for `?changes=original` the view before them, as Word's "Reject All" leaves it.

/** What happens to one element. */
type Action =
  | { kind: 'keep' }
  /** Left out with everything inside it. */
  | { kind: 'drop' }
  /** Its tags left out, its content kept. */
  | { kind: 'unwrap' }
  /** Its tags renamed (local name), its content kept. */
  | { kind: 'rename'; local: string }
  /** Written as an empty element of another local name, its content left out. */
  | { kind: 'replace'; local: string };

// Wrappers of runs that mammoth does not read into.
const WRAPPERS = new Set(['fldSimple', 'dir', 'bdo']);

/** The body without its text boxes and, with a view, its tracked changes resolved into that view. */
export class MammothBody implements BodyObserver {
  private readonly out: string[] = [];
  private readonly open: Action[] = [];
  private copied = 0;
  /** The depth of the element being left out with its content, or -1. */
  private dropping = -1;

  constructor(
    private readonly xml: string,
    private readonly view: View | null,
  ) {}

  take(event: XmlEvent, change: TrackedChange | null): void {
    if (event.type === 'text') return;
    const { xml } = this;
    if (this.dropping === -1) this.out.push(xml.slice(this.copied, event.start));
    this.copied = event.end;
    if (event.type === 'close') {
      const action = this.open.pop() ?? { kind: 'keep' };
      if (this.dropping !== -1) {
        if (this.open.length <= this.dropping) this.dropping = -1;
        return;
      }
      if (action.kind === 'keep') this.out.push(xml.slice(event.start, event.end));
      else if (action.kind === 'rename')
        this.out.push(`</${prefixOf(event.qname)}${action.local}>`);
      return;
    }
    if (this.dropping !== -1) {
      if (!event.selfClosing) this.open.push({ kind: 'keep' });
      return;
    }
    const action = this.actionOf(event, change);
    const prefix = prefixOf(event.qname);
    const afterName = event.start + 1 + event.qname.length;
    if (action.kind === 'keep') this.out.push(xml.slice(event.start, event.end));
    else if (action.kind === 'rename')
      this.out.push(`<${prefix}${action.local}${xml.slice(afterName, event.end)}`);
    else if (action.kind === 'replace') {
      const attributes = xml.slice(afterName, event.end - (event.selfClosing ? 2 : 1));
      this.out.push(`<${prefix}${action.local}${attributes}/>`);
    }
    if (event.selfClosing) return;
    if (action.kind === 'drop' || action.kind === 'replace') this.dropping = this.open.length;
    this.open.push(action);
  }

  /** The rewritten body, once the walk is over. */
  result(): string {
    return this.out.join('') + this.xml.slice(this.copied);
  }

  private actionOf(
    event: Extract<XmlEvent, { type: 'open' }>,
    change: TrackedChange | null,
  ): Action {
    if (event.name.ns !== W_NS) return { kind: 'keep' };
    const local = event.name.local;
    if (local === 'txbxContent') return { kind: 'drop' };
    if (WRAPPERS.has(local)) return { kind: 'unwrap' };
    if (this.view === null) return { kind: 'keep' };
    if (!change) {
      const renamed = DELETED_TEXT[local];
      return renamed ? { kind: 'rename', local: renamed } : { kind: 'keep' };
    }
    const exists = existsIn(change, this.view);
    // A paragraph mark or a table row. mammoth joins a paragraph whose mark is deleted to the
    // next one and skips a deleted row, so a mark or row absent in the view is written as
    // deleted, and one present loses its change.
    if (change.site === 'mark' || change.site === 'row')
      return exists ? { kind: 'drop' } : { kind: 'replace', local: 'del' };
    return exists ? { kind: 'unwrap' } : { kind: 'drop' };
  }
}

function prefixOf(qname: string): string {
  return qname.slice(0, qname.indexOf(':') + 1);
}
