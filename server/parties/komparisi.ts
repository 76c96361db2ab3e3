import * as Y from 'yjs';
import { FRAGMENT } from '../documents/text';
import { komparisiIndex } from '../../shared/parties';

// The komparisi entries of the pembukaan (`1. NAMA : Jabatan, ..., disebut PIHAK KESATU.`)
// are written from the party records. A server-made change to the live text puts the new
// wording in every open editor at once; like any edit of the pembukaan, it makes a paraf on
// the pembukaan stale once a revision carries it.

/** The plain text of a Yjs block (its text runs; an inline reference counts as nothing). */
function textOf(paragraph: Y.XmlElement): string {
  let text = '';
  for (const child of paragraph.toArray())
    if (child instanceof Y.XmlText)
      for (const op of child.toDelta() as { insert: unknown }[])
        if (typeof op.insert === 'string') text += op.insert;
  return text;
}

/**
 * Rewrites the komparisi entry naming the party at `index` to `text`, inside the caller's
 * transaction; returns whether the text changed (false when it was already so, or the
 * pembukaan has no entry for that party).
 */
export function rewriteKomparisi(ydoc: Y.Doc, index: number, text: string): boolean {
  for (const block of ydoc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    if (block.nodeName === 'clause') break; // the pembukaan ends at the first Pasal
    if (block.nodeName !== 'angka') continue;
    const paragraph = block.get(0);
    if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== 'paragraph') continue;
    const current = textOf(paragraph);
    if (komparisiIndex(current) !== index) continue;
    if (current === text) return false;
    replaceText(paragraph, text);
    return true;
  }
  return false;
}

function replaceText(block: Y.XmlElement, text: string): void {
  const run = new Y.XmlText();
  run.insert(0, text);
  block.delete(0, block.length);
  block.insert(0, [run]);
}

/**
 * Rewrites the `Nomor` line of the party at `index` (the title's Nomor lines stand in party
 * order) to `Nomor : format`; returns whether the text changed.
 */
export function rewriteNomor(ydoc: Y.Doc, index: number, format: string): boolean {
  let seen = 0;
  for (const block of ydoc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(block instanceof Y.XmlElement) || block.nodeName !== 'title') continue;
    const current = textOf(block);
    if (!/^nomor\b/i.test(current.trim())) continue;
    if (seen++ !== index) continue;
    const next = `Nomor : ${format}`;
    if (current === next) return false;
    replaceText(block, next);
    return true;
  }
  return false;
}
