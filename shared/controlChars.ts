/**
 * Control characters never belong in a naskah: they print as nothing (or as boxes), they
 * break comparison and hashing of "the same" text, and PostgreSQL's jsonb refuses U+0000.
 * Line structure is carried by paragraphs, so tab, line feed and carriage return count too.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g;

/** Whether `text` holds a character that must not be stored. */
export function hasControlChars(text: string): boolean {
  return text.search(CONTROL_CHARS) !== -1;
}

/** Removes every control character (what the server's repair does to stored text). */
export function stripControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, '');
}

/** Cleans pasted text: tabs and line breaks become one space, other control characters go. */
export function cleanPastedText(text: string): string {
  return stripControlChars(text.replace(/[\t\n\r\f\v\u2028\u2029]+/g, ' '));
}

/** The ranges `[from, to)` of control characters in `text`, for deleting them in place. */
export function controlCharRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(CONTROL_CHARS)) {
    const at = match.index;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === at) last[1] = at + 1;
    else ranges.push([at, at + 1]);
  }
  return ranges;
}
