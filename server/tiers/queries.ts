import type { Queryable } from '../db';
import type { StoredConcern } from '../signoffs/status';

/** One tier of an agency with the users who hold it. */
export interface TierRow {
  position: number;
  label: string;
  members: { id: string; name: string }[];
}

/** An agency's tiers in order, with their members; empty when the agency has none. */
export async function listTiers(db: Queryable, agencyCode: string): Promise<TierRow[]> {
  const { rows } = await db.query<{
    position: number;
    label: string;
    user_id: string | null;
    user_name: string | null;
  }>(
    `SELECT t.position, t.label, u.id AS user_id, u.name AS user_name
       FROM agency_tiers t
       LEFT JOIN agency_tier_members m ON m.agency_code = t.agency_code AND m.position = t.position
       LEFT JOIN users u ON u.id = m.user_id
      WHERE t.agency_code = $1
      ORDER BY t.position, u.name`,
    [agencyCode],
  );
  const tiers: TierRow[] = [];
  for (const row of rows) {
    let tier = tiers.find((t) => t.position === row.position);
    if (!tier) tiers.push((tier = { position: row.position, label: row.label, members: [] }));
    if (row.user_id) tier.members.push({ id: row.user_id, name: row.user_name ?? '' });
  }
  return tiers;
}

/** The tiers of several agencies at once, by agency code (labels only). */
export async function tierLabels(
  db: Queryable,
  agencyCodes: string[],
): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ agency_code: string; label: string }>(
    `SELECT agency_code, label FROM agency_tiers WHERE agency_code = ANY($1::text[])
      ORDER BY agency_code, position`,
    [agencyCodes],
  );
  const out = new Map<string, string[]>();
  for (const row of rows)
    out.set(row.agency_code, [...(out.get(row.agency_code) ?? []), row.label]);
  return out;
}

/** Replaces an agency's tiers and their members. */
export async function replaceTiers(
  db: Queryable,
  agencyCode: string,
  tiers: { label: string; members: string[] }[],
): Promise<void> {
  await db.query('DELETE FROM agency_tiers WHERE agency_code = $1', [agencyCode]);
  for (const [i, tier] of tiers.entries()) {
    await db.query('INSERT INTO agency_tiers (agency_code, position, label) VALUES ($1, $2, $3)', [
      agencyCode,
      i + 1,
      tier.label,
    ]);
    for (const userId of tier.members)
      await db.query(
        'INSERT INTO agency_tier_members (agency_code, position, user_id) VALUES ($1, $2, $3)',
        [agencyCode, i + 1, userId],
      );
  }
}

/** The tier a user holds in an agency (its position), or null. */
export async function tierOf(
  db: Queryable,
  agencyCode: string,
  userId: string,
): Promise<number | null> {
  const { rows } = await db.query<{ position: number }>(
    'SELECT position FROM agency_tier_members WHERE agency_code = $1 AND user_id = $2',
    [agencyCode, userId],
  );
  return rows[0]?.position ?? null;
}

/** A tier's latest paraf on a document. */
export interface TierParafRow {
  agency_code: string;
  position: number;
  label: string;
  revision: number;
  concern: StoredConcern | null;
  signed_at: Date;
  user_name: string;
}

/** Records a tier's paraf on a revision. */
export async function insertTierParaf(
  db: Queryable,
  p: {
    documentId: string;
    agencyCode: string;
    position: number;
    label: string;
    revision: number;
    userId: string;
    concern: StoredConcern;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO tier_parafs (document_id, agency_code, position, label, revision, user_id, concern)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      p.documentId,
      p.agencyCode,
      p.position,
      p.label,
      p.revision,
      p.userId,
      JSON.stringify(p.concern),
    ],
  );
}

/** Each tier's latest paraf on a document up to revision `upTo`, every agency. */
export async function latestTierParafs(
  db: Queryable,
  documentId: string,
  upTo?: number,
): Promise<TierParafRow[]> {
  const { rows } = await db.query<TierParafRow>(
    `SELECT DISTINCT ON (p.agency_code, p.position) p.agency_code, p.position, p.label,
            p.revision, p.concern, p.signed_at, u.name AS user_name
       FROM tier_parafs p JOIN users u ON u.id = p.user_id
      WHERE p.document_id = $1 AND ($2::int IS NULL OR p.revision <= $2)
      ORDER BY p.agency_code, p.position, p.id DESC`,
    [documentId, upTo ?? null],
  );
  return rows;
}

/** The role and agency of each of the given users that exists. */
export async function usersByIds(
  db: Queryable,
  ids: string[],
): Promise<{ id: string; role: string; agency_code: string }[]> {
  const { rows } = await db.query<{ id: string; role: string; agency_code: string }>(
    'SELECT id, role, agency_code FROM users WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows;
}
