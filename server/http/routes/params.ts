import type { Request } from 'express';
import { z } from 'zod';
import { invalidInput, notFound } from '../../errors';

const revisionNumber = z.coerce.number().int().min(1).max(1_000_000);

/** The revision number in `:n`; unknown (404) when it is not a positive integer. */
export function revisionParam(req: Request): number {
  const parsed = revisionNumber.safeParse(req.params.n);
  if (!parsed.success) throw notFound('Revisi');
  return parsed.data;
}

/** A non-negative integer query parameter, or the fallback when absent; 400 when malformed. */
export function intQuery(req: Request, name: string, fallback: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const parsed = z.coerce.number().int().min(0).max(1_000_000).safeParse(raw);
  if (!parsed.success)
    throw invalidInput(`Parameter ${name} harus bilangan bulat.`, { [name]: 'not an integer' });
  return parsed.data;
}
