import type { z } from 'zod';
import { invalidInput } from '../../errors';
import { installIndonesianMessages } from '../../../shared/zodMessages';

// Every schema the API parses answers in Bahasa Indonesia.
installIndonesianMessages();

/** Field → message for every problem zod found, so a client can point at each field. */
export function fieldDetails(error: z.ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(body)';
    details[field] ??= issue.message;
  }
  return details;
}

// PostgreSQL cannot store U+0000 in text or jsonb, and a lone surrogate is no Unicode text:
// the driver would turn it into U+FFFD, so the string would not come back as it was sent.
const LONE_SURROGATE = /\p{Cs}/u;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** Field → message for every string in a parsed value that could not be stored verbatim. */
function unstorableStrings(
  value: unknown,
  path: string[] = [],
  found: Record<string, string> = {},
) {
  if (typeof value === 'string') {
    if (unstorable(value))
      found[path.join('.') || '(body)'] ??= 'karakter NUL atau surrogate tunggal tidak diizinkan';
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableStrings(item, [...path, String(i)], found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) unstorableStrings(item, [...path, key], found);
  }
  return found;
}

/** Parses untrusted input with a schema; a 400 naming the fields when it does not fit or cannot be stored. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw invalidInput('Data yang dikirim tidak valid.', fieldDetails(result.error));
  const unstorable = unstorableStrings(result.data);
  if (Object.keys(unstorable).length)
    throw invalidInput('Data yang dikirim tidak valid.', unstorable);
  return result.data;
}
