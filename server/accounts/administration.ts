import type { Db } from '../db';
import { SYSTEM_STREAM, recordEvent } from '../audit/audit';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../errors';
import { FAILURE_WINDOW_MS, loginDelayMs } from './accounts';
import { hashPassword, verifyPassword } from './passwords';
import { toActor, type Actor, type Role } from './present';
import * as q from './queries';
import { sessionCacheOf } from './sessionCache';
import { hashToken } from './tokens';

/** Changes an agency's full name or kind (admin); 404 for an unknown code. */
export async function updateAgency(
  db: Db,
  actor: Actor,
  code: string,
  change: { name?: string; kind?: 'party' | 'reviewer' },
) {
  const agency = await db.transaction(async (tx) => {
    if (!(await q.updateAgency(tx, code, change))) throw notFound('Instansi');
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor.id,
      kind: 'agency.updated',
      data: { code, ...change },
    });
    return (await q.listAgencies(tx)).find((a) => a.code === code)!;
  });
  // The agency's name is in the actor of each of its users' sessions.
  sessionCacheOf(db).clear();
  return agency;
}

/**
 * Changes a user's name, role or agency (admin). An admin cannot take away his own admin role,
 * so the workspace is never left without one by a slip of the hand.
 */
export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  change: { name?: string; role?: Role; agency?: string },
): Promise<Actor> {
  if (id === actor.id && change.role && change.role !== 'admin')
    throw conflict('Anda tidak dapat mencabut peran administrator dari akun Anda sendiri.');
  const user = await db.transaction(async (tx) => {
    if (change.agency && (await q.findAgencies(tx, [change.agency])).length === 0)
      throw invalidInput('Instansi tidak dikenal.', { agency: 'kode instansi tidak dikenal' });
    if (!(await q.updateUser(tx, id, change))) throw notFound('Pengguna');
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor.id,
      kind: 'user.updated',
      data: { id, ...change },
    });
    return toActor((await q.findUserById(tx, id))!);
  });
  // His next request acts with the new role and agency.
  sessionCacheOf(db).forgetUser(id);
  return user;
}

/**
 * Sets a new password for a user (admin) and ends all of that user's sessions, so whoever held
 * the old one is signed out; returns the ended sessions' token hashes.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  id: string,
  password: string,
): Promise<string[]> {
  const passwordHash = await hashPassword(password);
  const ended = await db.transaction(async (tx) => {
    if (!(await q.findUserById(tx, id))) throw notFound('Pengguna');
    await q.setPasswordHash(tx, id, passwordHash);
    const revoked = await q.revokeUserSessions(tx, id, null);
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor.id,
      kind: 'user.password_reset',
      data: { id },
    });
    return revoked;
  });
  sessionCacheOf(db).forget(ended);
  return ended;
}

/**
 * Checks the signed-in user's password again (re-authentication). A wrong one is 403 and counts
 * as a failed login for his email and address, with the same backoff (429), so a stolen session
 * cannot be used to guess the password.
 */
export async function confirmPassword(
  db: Db,
  actor: Actor,
  password: string,
  address: string,
): Promise<void> {
  const failures = await q.recentFailures(db, actor.email, address, FAILURE_WINDOW_MS);
  const waitMs = loginDelayMs(failures.count) - failures.sinceLastMs;
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    throw new AppError(
      'too_many_requests',
      `Terlalu banyak percobaan kata sandi yang salah. Coba lagi dalam ${retryAfterSeconds} detik.`,
      { retryAfterSeconds },
    );
  }
  const row = await q.findUserById(db, actor.id);
  if (!row || !(await verifyPassword(password, row.password_hash))) {
    await q.insertLoginFailure(db, actor.email, address);
    throw forbidden('Kata sandi salah.');
  }
  await q.clearFailures(db, actor.email, address);
}

/**
 * Changes the signed-in user's own password after checking the current one; every other session
 * of the user ends (their token hashes are returned), this one stays.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  session: { token: string; address: string },
): Promise<string[]> {
  await confirmPassword(db, actor, input.currentPassword, session.address);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.transaction(async (tx) => {
    await q.setPasswordHash(tx, actor.id, passwordHash);
    const revoked = await q.revokeUserSessions(tx, actor.id, hashToken(session.token));
    await recordEvent(tx, SYSTEM_STREAM, {
      actorId: actor.id,
      kind: 'user.password_changed',
      data: { id: actor.id },
    });
    return revoked;
  });
  sessionCacheOf(db).forget(ended);
  return ended;
}
