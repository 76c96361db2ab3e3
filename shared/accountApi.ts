import { z } from 'zod';
import { agencyCode, newPassword, positiveInt32, role } from './api';

/** A SHA-256 in hex, as `finalHash` and an approval's `textHash` are written. */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'harus hash SHA-256 (64 digit heksadesimal)');

/**
 * `POST /api/documents/:id/approve`: the contract's `{revision}`, extended. `password`
 * re-authenticates the head (required from the browser's cookie session); `textHash`, when
 * sent, must be the SHA-256 of the revision's printed text the head was shown.
 */
export const approveConfirmedInput = z.object({
  revision: positiveInt32,
  password: z.string().min(1).max(1000).optional(),
  textHash: sha256Hex.optional(),
});

/** `PATCH /api/agencies/:code`: the agency's full name and whether it usually signs or reviews. */
export const agencyUpdateInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(['party', 'reviewer']).optional(),
  })
  .refine((v) => v.name !== undefined || v.kind !== undefined, 'tidak ada yang diubah');

/** `POST /api/agencies` with the optional kind of the agency. */
export const agencyCreateInput = z.object({
  code: agencyCode,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['party', 'reviewer']).default('party'),
});

/** `PATCH /api/users/:id`: name, role and agency of a user (admin). */
export const userUpdateInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: role.optional(),
    agency: agencyCode.optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.role !== undefined || v.agency !== undefined,
    'tidak ada yang diubah',
  );

/** `POST /api/users/:id/password`: an admin sets a new password for a user. */
export const passwordResetInput = z.object({ password: newPassword });

/** `POST /api/me/password`: the user changes his own password, proving the current one. */
export const ownPasswordInput = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword,
});
