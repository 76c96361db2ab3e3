import type { Queryable } from '../db';

/** A user row joined with its agency. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  agency_code: string;
  agency_name: string;
  password_hash: string;
}

const USER_COLUMNS =
  'u.id, u.email, u.name, u.role, u.agency_code, a.name AS agency_name, u.password_hash';
const USERS = 'users u JOIN agencies a ON a.code = u.agency_code';
const USER_SELECT = `SELECT ${USER_COLUMNS} FROM ${USERS}`;

/** All agencies, by code, with whether each usually signs (`party`) or reviews. */
export async function listAgencies(db: Queryable) {
  return (
    await db.query<{ code: string; name: string; kind: string }>(
      'SELECT code, name, kind FROM agencies ORDER BY code',
    )
  ).rows;
}

/** Changes an agency's name and kind; false when no agency has that code. */
export async function updateAgency(
  db: Queryable,
  code: string,
  change: { name?: string; kind?: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE agencies SET name = COALESCE($2, name), kind = COALESCE($3, kind) WHERE code = $1',
    [code, change.name ?? null, change.kind ?? null],
  );
  return rowCount === 1;
}

/** The agencies with these codes. */
export async function findAgencies(db: Queryable, codes: string[]) {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM agencies WHERE code = ANY($1::text[])',
    [codes],
  );
  return rows;
}

/** Inserts an agency; false when the code exists. */
export async function insertAgency(
  db: Queryable,
  code: string,
  name: string,
  kind = 'party',
): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO agencies (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING',
    [code, name, kind],
  );
  return rowCount === 1;
}

/** Inserts a user; false when the email is taken. */
export async function insertUser(
  db: Queryable,
  u: {
    id: string;
    email: string;
    name: string;
    role: string;
    agencyCode: string;
    passwordHash: string;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO users (id, email, name, role, agency_code, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING`,
    [u.id, u.email, u.name, u.role, u.agencyCode, u.passwordHash],
  );
  return rowCount === 1;
}

/** The user with this email, case-insensitively. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`${USER_SELECT} WHERE lower(u.email) = lower($1)`, [email]))
    .rows[0];
}

/** The user with this id. */
export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id])).rows[0];
}

/** Changes a user's name, role and agency; false when no user has that id. */
export async function updateUser(
  db: Queryable,
  id: string,
  change: { name?: string; role?: string; agency?: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role),
            agency_code = COALESCE($4, agency_code) WHERE id = $1`,
    [id, change.name ?? null, change.role ?? null, change.agency ?? null],
  );
  return rowCount === 1;
}

/** Stores a new password hash for a user. */
export async function setPasswordHash(db: Queryable, id: string, passwordHash: string) {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
}

/** Revokes every live session of a user except the one with `keepTokenHash`; their hashes. */
export async function revokeUserSessions(
  db: Queryable,
  userId: string,
  keepTokenHash: string | null,
): Promise<string[]> {
  const { rows } = await db.query<{ token_hash: string }>(
    `UPDATE sessions SET revoked_at = now()
      WHERE user_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $2
      RETURNING token_hash`,
    [userId, keepTokenHash],
  );
  return rows.map((r) => r.token_hash);
}

/** All users, by name. */
export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`${USER_SELECT} ORDER BY u.name`)).rows;
}

/** Counts users (for first-start seeding). */
export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n;
}

/** Stores a session under the token's hash. */
export async function insertSession(
  db: Queryable,
  tokenHash: string,
  userId: string,
  expiresAt: Date,
) {
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    tokenHash,
    userId,
    expiresAt,
  ]);
}

/** The user of a live (unexpired, unrevoked) session, with when the session expires. */
export async function findSessionUser(
  db: Queryable,
  tokenHash: string,
): Promise<(UserRow & { expires_at: Date }) | undefined> {
  const { rows } = await db.query<UserRow & { expires_at: Date }>(
    `SELECT ${USER_COLUMNS}, s.expires_at FROM ${USERS} JOIN sessions s ON s.user_id = u.id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [tokenHash],
  );
  return rows[0];
}

/** Which of the given session token hashes are still live (unexpired, unrevoked). */
export async function liveSessionHashes(
  db: Queryable,
  tokenHashes: string[],
): Promise<Set<string>> {
  const { rows } = await db.query<{ token_hash: string }>(
    `SELECT token_hash FROM sessions
      WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL AND expires_at > now()`,
    [tokenHashes],
  );
  return new Set(rows.map((r) => r.token_hash));
}

/** Revokes a session. */
export async function revokeSession(db: Queryable, tokenHash: string) {
  await db.query(
    'UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash],
  );
}

/** Records a failed login for an email from a client address. */
export async function insertLoginFailure(db: Queryable, email: string, address: string) {
  await db.query('INSERT INTO login_failures (email, address) VALUES ($1, $2)', [
    email.toLowerCase(),
    address,
  ]);
}

/** Failed logins for an email from one address within the window, and the time since the last. */
export async function recentFailures(
  db: Queryable,
  email: string,
  address: string,
  windowMs: number,
): Promise<{ count: number; sinceLastMs: number }> {
  const { rows } = await db.query<{ n: number; since_ms: number | null }>(
    `SELECT count(*)::int AS n,
            (extract(epoch FROM now() - max(failed_at)) * 1000)::float8 AS since_ms
       FROM login_failures
      WHERE lower(email) = lower($1) AND address = $2
        AND failed_at > now() - ($3::int * interval '1 millisecond')`,
    [email, address, windowMs],
  );
  return { count: rows[0].n, sinceLastMs: rows[0].since_ms ?? Infinity };
}

/** Forgets the failures of an email from one address after a successful login from there. */
export async function clearFailures(db: Queryable, email: string, address: string) {
  await db.query('DELETE FROM login_failures WHERE lower(email) = lower($1) AND address = $2', [
    email,
    address,
  ]);
}

/** The heads of these agencies, by name. */
export async function findHeads(db: Queryable, agencyCodes: string[]): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `${USER_SELECT} WHERE u.role = 'head' AND u.agency_code = ANY($1::text[]) ORDER BY u.name`,
    [agencyCodes],
  );
  return rows;
}
