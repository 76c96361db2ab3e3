import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { SYSTEM_STREAM, recordEvent } from '../audit/audit';
import { AppError, conflict, invalidInput, unauthenticated } from '../errors';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords';
import { passwordProblem } from '../../shared/passwordPolicy';
import { toActor, type Actor, type Role } from './present';
import * as q from './queries';
import { sessionCacheOf } from './sessionCache';
import { hashToken, newToken } from './tokens';

/** Failed logins per account and address that are answered at once, before any delay. */
export const FREE_LOGIN_FAILURES = 5;
/** The window over which failed logins are counted. */
export const FAILURE_WINDOW_MS = 60 * 60_000;
/** The longest wait the backoff imposes between two attempts. */
export const MAX_LOGIN_DELAY_MS = 15 * 60_000;

/**
 * How long an address must wait after its `failures`-th failed login for one account: nothing
 * for the first few, then 1 s, 2 s, 4 s, ... up to MAX_LOGIN_DELAY_MS. A guesser gets a few
 * dozen tries an hour per address; the owner, from another address, is never slowed.
 */
export function loginDelayMs(failures: number): number {
  if (failures < FREE_LOGIN_FAILURES) return 0;
  return Math.min(MAX_LOGIN_DELAY_MS, 1000 * 2 ** Math.min(30, failures - FREE_LOGIN_FAILURES));
}

/**
 * Checks credentials and opens a session; throws 401 for a wrong pair, and 429 (with the seconds
 * to wait in `details.retryAfterSeconds`) while this address must wait after failing for this
 * email. Failures are keyed by email and address together, so nobody can lock another out.
 */
export async function login(
  db: Db,
  email: string,
  password: string,
  ttlMs: number,
  address = '',
): Promise<{ token: string; user: Actor; expiresAt: Date }> {
  const failures = await q.recentFailures(db, email, address, FAILURE_WINDOW_MS);
  const waitMs = loginDelayMs(failures.count) - failures.sinceLastMs;
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    throw new AppError(
      'too_many_requests',
      `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${retryAfterSeconds} detik.`,
      { retryAfterSeconds },
    );
  }
  const row = await q.findUserByEmail(db, email);
  const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!row || !ok) {
    await q.insertLoginFailure(db, email, address);
    throw unauthenticated('Email atau kata sandi salah.');
  }
  await q.clearFailures(db, email, address);
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await q.insertSession(db, hashToken(token), row.id, expiresAt);
  return { token, user: toActor(row), expiresAt };
}

/** Ends a session; the token stops working at once. */
export async function logout(db: Db, token: string): Promise<void> {
  const hash = hashToken(token);
  await q.revokeSession(db, hash);
  sessionCacheOf(db).forget([hash]);
}

/** Creates an agency; 409 when the code is taken. */
export async function createAgency(
  db: Db,
  actor: Actor | null,
  agency: { code: string; name: string; kind?: 'party' | 'reviewer' },
) {
  await db.transaction(async (tx) => {
    if (!(await q.insertAgency(tx, agency.code, agency.name, agency.kind))) {
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

/** Creates a user; 400 for a weak password or an unknown agency, 409 for a taken email. */
export async function createUser(db: Db, actor: Actor | null, input: NewUser): Promise<Actor> {
  // The API's schema checks this too; here it holds for the seed and the admin bootstrap as well.
  const weak = passwordProblem(input.password);
  if (weak) throw invalidInput('Kata sandi tidak memenuhi ketentuan.', { password: weak });
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
