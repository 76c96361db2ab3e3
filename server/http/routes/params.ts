import type { Request } from 'express';
import { z } from 'zod';
import { invalidInput, notFound } from '../../errors';
import { agencyCode, MAX_INT32 } from '../../../shared/api';

// Any whole number, however large, so that a large one is told apart (400) from no number (404).
const wholeNumber = z.coerce.number().refine(Number.isInteger);
const inInt32 = (n: number, min: number) => n >= min && n <= MAX_INT32;

/**
 * The revision number in `:n`. A path that is not a whole number names no revision (404); a
 * whole number outside 1..2^31-1 is refused with 400 before any SQL sees it, as the column is
 * an `integer` and the database would fail on it.
 */
export function revisionParam(req: Request): number {
  const parsed = wholeNumber.safeParse(req.params.n);
  if (!parsed.success) throw notFound('Revisi');
  if (!inInt32(parsed.data, 1))
    throw invalidInput(`Nomor revisi harus bilangan bulat 1–${MAX_INT32}.`, { n: 'out of range' });
  return parsed.data;
}

/** A non-negative int32 query parameter, or the fallback when absent; 400 when malformed or out of range. */
export function intQuery(req: Request, name: string, fallback: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const parsed = wholeNumber.safeParse(raw);
  if (!parsed.success || !inInt32(parsed.data, 0))
    throw invalidInput(`Parameter ${name} harus bilangan bulat 0–${MAX_INT32}.`, {
      [name]: 'not an integer in range',
    });
  return parsed.data;
}

/** The agency code in a path (`:code`, `:agencyCode`): a string that is no code names no agency (404). */
export function agencyParam(req: Request, name = 'code'): string {
  const parsed = agencyCode.safeParse(req.params[name]);
  if (!parsed.success || parsed.data !== req.params[name]) throw notFound('Instansi');
  return parsed.data;
}
