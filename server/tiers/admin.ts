import { z } from 'zod';
import type { Actor } from '../accounts/present';
import { findAgencies } from '../accounts/queries';
import { recordEvent, SYSTEM_STREAM } from '../audit/audit';
import type { Db } from '../db';
import { invalidInput, notFound } from '../errors';
import { authorize } from '../policies/policies';
import * as q from './queries';

/** `PUT /api/agencies/:code/tiers`: the agency's tiers in order, lowest first, each with its holders. */
export const tiersInput = z.object({
  tiers: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(200),
        members: z.array(z.uuid()).max(50).default([]),
      }),
    )
    .max(10),
});

/** An agency's tiers as the API presents them. */
export async function getTiers(db: Db, code: string) {
  if ((await findAgencies(db, [code])).length === 0) throw notFound('Instansi');
  return { code, tiers: await q.listTiers(db, code) };
}

/**
 * Replaces an agency's paraf tiers (admins). Holders are reviewers or heads of that agency, one
 * tier each; an empty list brings the agency back to its single step.
 */
export async function setTiers(
  db: Db,
  actor: Actor,
  code: string,
  input: z.output<typeof tiersInput>,
) {
  authorize(actor, 'tiers.set');
  if ((await findAgencies(db, [code])).length === 0) throw notFound('Instansi');
  const ids = input.tiers.flatMap((t) => t.members);
  if (new Set(ids).size !== ids.length)
    throw invalidInput('Seorang pengguna hanya memegang satu jenjang paraf.');
  const users = await q.usersByIds(db, ids);
  const wrong = ids.filter((id) => {
    const user = users.find((u) => u.id === id);
    return !user || user.agency_code !== code || !['reviewer', 'head'].includes(user.role);
  });
  if (wrong.length)
    throw invalidInput('Pemegang jenjang harus penelaah atau pimpinan instansi ini.', {
      members: wrong,
    });
  await db.transaction(async (tx) => {
    await q.replaceTiers(tx, code, input.tiers);
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor.id,
      kind: 'agency.tiers_set',
      data: { agency: code, tiers: input.tiers },
    });
  });
  return getTiers(db, code);
}
