import type { z } from 'zod';
import { invalidInput } from '../../errors';

/** Field → message for every problem zod found, so a client can point at each field. */
export function fieldDetails(error: z.ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(body)';
    details[field] ??= issue.message;
  }
  return details;
}

/** Parses untrusted input with a schema; a 400 naming the fields when it does not fit. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw invalidInput('Data yang dikirim tidak valid.', fieldDetails(result.error));
  return result.data;
}
