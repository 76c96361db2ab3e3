import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { SYSTEM_STREAM, recordEvent } from '../audit/audit';
import { conflict, invalidInput, tooManyRequests, unauthenticated } from '../errors';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords';
import { toActor, type Actor, type Role } from './present';
import * as q from './queries';
import { hashToken, newToken } from './tokens';

/** Failed logins allowed per email within LOCKOUT_WINDOW_MS before answers become 429. */
export const MAX_LOGIN_FAILURES = 10;
/** The window over which failed logins are counted. */
export const LOCKOUT_WINDOW_MS = 10 * 60_000;

/** Checks credentials and opens a session; throws 401 for a wrong pair and 429 when locked out. */
export async function login(
  db: Db,
  email: string,
  password: string,
  ttlMs: number,
): Promise<{ token: string; user: Actor; expiresAt: Date }> {
  if ((await q.countRecentFailures(db, email, LOCKOUT_WINDOW_MS)) >= MAX_LOGIN_FAILURES) {
    throw tooManyRequests('Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 10 menit.');
  }
  const row = await q.findUserByEmail(db, email);
  const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!row || !ok) {
    await q.insertLoginFailure(db, email);
    throw unauthenticated('Email atau kata sandi salah.');
  }
  await q.clearFailures(db, email);
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await q.insertSession(db, hashToken(token), row.id, expiresAt);
  return { token, user: toActor(row), expiresAt };
}

/** The user of a live session token, or undefined. */
export async function authenticate(db: Db, token: string): Promise<Actor | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await q.findSessionUser(db, hashToken(token));
  return row && toActor(row);
}

/** Ends a session; the token stops working at once. */
export async function logout(db: Db, token: string): Promise<void> {
  await q.revokeSession(db, hashToken(token));
}

/** Creates an agency; 409 when the code is taken. */
export async function createAgency(
  db: Db,
  actor: Actor | null,
  agency: { code: string; name: string },
) {
  await db.transaction(async (tx) => {
    if (!(await q.insertAgency(tx, agency.code, agency.name))) {
      throw conflict(`Kode instansi ${agency.code} sudah terdaftar.`);
    }
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor?.id ?? null,
      kind: 'agency.created',
      data: agency,
    });
  });
  return agency;
}

/** Input for a new user. */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  agency: string;
}

/** Creates a user; 400 for an unknown agency, 409 for a taken email. */
export async function createUser(db: Db, actor: Actor | null, input: NewUser): Promise<Actor> {
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [agency] = await q.findAgencies(tx, [input.agency]);
    if (!agency) throw invalidInput('Instansi tidak dikenal.', { agency: 'unknown agency code' });
    const user = {
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      agencyCode: agency.code,
      passwordHash,
    };
    if (!(await q.insertUser(tx, user))) throw conflict('Email sudah terdaftar.');
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor?.id ?? null,
      kind: 'user.created',
      data: { id, email: input.email, name: input.name, role: input.role, agency: agency.code },
    });
  });
  const row = await q.findUserByEmail(db, input.email);
  return toActor(row!);
}

/** Every agency. */
export const listAgencies = (db: Db) => q.listAgencies(db);

/** Every user, without password hashes. */
export async function listUsers(db: Db): Promise<Actor[]> {
  return (await q.listUsers(db)).map(toActor);
}

/** The agency all administrators belong to when an admin account is bootstrapped. */
export const ADMIN_AGENCY = { code: 'SELARAS', name: 'Administrator Selaras' };

/** Creates the configured admin account at start unless a user has that email already. */
export async function bootstrapAdmin(
  db: Db,
  admin: { email: string; password: string },
): Promise<boolean> {
  if (await q.findUserByEmail(db, admin.email)) return false;
  await q.insertAgency(db, ADMIN_AGENCY.code, ADMIN_AGENCY.name);
  await createUser(db, null, {
    ...admin,
    name: 'Administrator',
    role: 'admin',
    agency: ADMIN_AGENCY.code,
  });
  return true;
}
