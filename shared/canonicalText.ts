import type { Node } from 'prosemirror-model';
import { extractNaskah, type Naskah } from './naskah';

// The canonical printed text of a naskah (docs/api.md, "The printed naskah"): what
// `GET .../text` serves and what the final hash is taken over. It must stay byte-stable: the
// same naskah always prints to the same bytes, on any machine, after any restart.

/** The media type the printed naskah is served as. */
export const CANONICAL_TEXT_TYPE = 'text/plain; charset=utf-8';

/**
 * Prints a naskah: the pembukaan, then each Pasal as a line `Pasal N`, its heading and its text
 * lines, then the penutup; one blank line between these groups (an empty part is left out).
 * The result is in canonical form (see `canonicalForm`).
 */
export function canonicalText(naskah: Naskah): string {
  const groups: string[] = [];
  if (naskah.pembukaan.text !== '') groups.push(naskah.pembukaan.text);
  for (const clause of naskah.clauses)
    groups.push(`Pasal ${clause.number}\n${clause.heading}\n${clause.text}`);
  if (naskah.penutup.text !== '') groups.push(naskah.penutup.text);
  return canonicalForm(groups.join('\n\n'));
}

/** Prints the naskah a ProseMirror document holds, as `canonicalText` does. */
export function printedText(doc: Node): string {
  return canonicalText(extractNaskah(doc));
}

/**
 * The canonical form of printed text: Unicode NFC, every line break (CR LF, CR, U+2028, U+2029)
 * an LF, and every line, the last included, ended by one LF; the empty text stays empty.
 */
export function canonicalForm(text: string): string {
  if (text === '') return '';
  const lines = text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n');
  return lines.map((line) => `${line}\n`).join('');
}
