import { z } from 'zod';
import { passwordProblem } from './passwordPolicy';
import {
  MAX_CLAUSE_LINES,
  MAX_PROPOSAL_CHARS,
  MAX_TEXT_CHARS,
  measurePlainText,
  textLimitProblem,
} from './limits';

/** Agency codes: upper-case letters, digits, `_` and `-`. */
export const agencyCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_-]{2,32}$/, 'kode instansi: 2–32 huruf besar, angka, _ atau -');

const name = z.string().trim().min(1).max(200);
// Control characters other than tab and newlines have no place in a title.
const noControl = (s: string) =>
  ![...s].some((ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
  });

/** `POST /api/auth/login`. */
export const loginInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

/** `POST /api/agencies`. */
export const agencyInput = z.object({ code: agencyCode, name });

/** The four roles. */
export const role = z.enum(['admin', 'drafter', 'reviewer', 'head']);

/** A new password: it must pass the password policy (length, not blank, not a common one). */
export const newPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The largest value of a PostgreSQL `integer`; larger numbers must be refused before any SQL. */
export const MAX_INT32 = 2_147_483_647;

/** A positive whole number that fits a PostgreSQL `integer` (revision numbers and the like). */
export const positiveInt32 = z
  .number()
  .int('harus bilangan bulat')
  .min(1, 'harus bilangan bulat positif')
  .max(MAX_INT32, `harus bilangan bulat positif paling besar ${MAX_INT32}`);

/** `POST /api/users`. */
export const userInput = z.object({
  email: z.email().max(320),
  name,
  password: newPassword,
  role,
  agency: agencyCode,
});

/** The largest plain-text draft accepted, in characters (the text limit of shared/limits.ts). */
export const MAX_DRAFT_CHARS = MAX_TEXT_CHARS;

// A draft is held to the same lines, Pasal and paragraphs per Pasal as an import.
const draftText = z
  .string()
  .max(MAX_DRAFT_CHARS)
  .superRefine((text, ctx) => {
    const problem = textLimitProblem(measurePlainText(text));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** `POST /api/documents`. */
export const documentInput = z.object({
  title: z.string().trim().min(1).max(500).refine(noControl, 'karakter kendali tidak diizinkan'),
  parties: z.array(agencyCode).min(2, 'minimal dua pihak').max(10),
  reviewers: z.array(agencyCode).max(50).default([]),
  text: draftText.optional(),
});

/** `POST /api/documents/:id/revisions`. */
export const revisionInput = z.object({ label: z.string().trim().max(200).optional() });

/** `POST /api/documents/:id/revisions/:n/signoffs`. */
export const signoffInput = z.object({
  decision: z.enum(['approve', 'changes_requested']),
  note: z.string().max(5000).optional(),
});

/** `PUT /api/documents/:id/concerns/:agencyCode`. */
export const concernsInput = z.object({
  // An empty list would let an agency's sign-off cover nothing at all: refused.
  clauses: z.union([
    z.literal('all'),
    z.array(z.string().min(1).max(100)).min(1, 'minimal satu pasal').max(1000),
  ]),
});

/** `POST /api/documents/:id/approve`. */
export const approveInput = z.object({ revision: positiveInt32 });

/** An usulan redaksi: a proposed wording for a whole clause. */
export const proposalInput = z.object({
  heading: z.string().max(1000).optional(),
  text: z
    .string()
    .max(MAX_PROPOSAL_CHARS)
    .refine(
      (text) => text.split('\n').length <= MAX_CLAUSE_LINES,
      `usulan redaksi melebihi ${MAX_CLAUSE_LINES} paragraf`,
    ),
});

/** `POST /api/documents/:id/comments`. */
export const commentInput = z.object({
  clauseId: z.string().min(1).max(100),
  body: z.string().min(1).max(20_000),
  parentId: z.uuid().optional(),
  proposal: proposalInput.optional(),
});
