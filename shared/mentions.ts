/**
 * Mentions of agencies in comment bodies: `@INSPEKTORAT` or `@Inspektorat Jenderal` names a
 * participating agency, so its members see the comment in their inbox. One pure set of rules used
 * by the server (which agencies a comment names) and the comment box (autocomplete).
 */

/** An agency as the mention rules see it. */
export interface MentionableAgency {
  code: string;
  name: string;
}

/** A character that continues a word, so `@BAPPENAS2` is not a mention of `BAPPENAS`. */
const WORD_CHAR = /[\p{L}\p{N}_-]/u;

/**
 * The codes of the agencies a comment body mentions, each once, in order of first mention. A
 * mention is `@` followed by an agency's code or full name, case-insensitive, not preceded by a
 * word character (so e-mail addresses do not count) and not followed by one; the longest name
 * wins when one agency's name starts with another's.
 */
export function findMentions(body: string, agencies: readonly MentionableAgency[]): string[] {
  const found: string[] = [];
  const lower = body.toLocaleLowerCase('id');
  // Longest labels first, so "@Biro Hukum Setjen" names that agency, not one called "Biro Hukum".
  const labels = agencies
    .flatMap((a) => [
      { code: a.code, label: a.code.toLocaleLowerCase('id') },
      { code: a.code, label: a.name.trim().toLocaleLowerCase('id') },
    ])
    .filter((l) => l.label.length > 0)
    .sort((x, y) => y.label.length - x.label.length);
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHAR.test(body[at - 1])) continue;
    const hit = labels.find(
      (l) =>
        lower.startsWith(l.label, at + 1) && !WORD_CHAR.test(body[at + 1 + l.label.length] ?? ''),
    );
    if (hit && !found.includes(hit.code)) found.push(hit.code);
  }
  return found;
}

/** The mention being typed at the caret: where its `@` is and what follows it so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * The mention being typed just before `caret` (an `@` at a word start followed by word characters
 * only), or null when the caret is not in one.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  let i = caret;
  while (i > 0 && WORD_CHAR.test(text[i - 1])) i--;
  if (i === 0 || text[i - 1] !== '@') return null;
  const start = i - 1;
  if (start > 0 && WORD_CHAR.test(text[start - 1])) return null;
  return { start, query: text.slice(i, caret) };
}

/**
 * The agencies an autocomplete offers for a typed query: codes that start with it first, then
 * names with a word that starts with it; at most `limit`.
 */
export function mentionCandidates<A extends MentionableAgency>(
  query: string,
  agencies: readonly A[],
  limit = 8,
): A[] {
  const q = query.toLocaleLowerCase('id');
  const byCode = agencies.filter((a) => a.code.toLocaleLowerCase('id').startsWith(q));
  const byName = agencies.filter(
    (a) =>
      !byCode.includes(a) &&
      a.name
        .toLocaleLowerCase('id')
        .split(/\s+/)
        .some((word) => word.startsWith(q)),
  );
  return [...byCode, ...byName].slice(0, limit);
}

/** The text that replaces a typed mention query once an agency is chosen: `@CODE `. */
export const mentionToken = (agency: MentionableAgency) => `@${agency.code} `;
