import type { Queryable } from '../db';
import type { UserRow } from '../accounts/queries';
import type { MailMode } from '../inbox/queries';

/** A user the mailer works for, with its mail preference. */
export interface RecipientRow extends Omit<UserRow, 'password_hash'> {
  mail_mode: MailMode;
}

/** Every user with its agency and mail preference. */
export async function listRecipients(db: Queryable): Promise<RecipientRow[]> {
  const { rows } = await db.query<RecipientRow>(
    `SELECT u.id, u.email, u.name, u.role, u.agency_code, a.name AS agency_name,
            coalesce(s.mail_mode, 'immediate') AS mail_mode
       FROM users u JOIN agencies a ON a.code = u.agency_code
       LEFT JOIN user_settings s ON s.user_id = u.id
      ORDER BY u.created_at, u.id`,
  );
  return rows;
}

/** Which of some item keys were seen for a user before. */
export async function knownNotices(
  db: Queryable,
  userId: string,
  keys: string[],
): Promise<Set<string>> {
  const { rows } = await db.query<{ item_key: string }>(
    'SELECT item_key FROM inbox_notices WHERE user_id = $1 AND item_key = ANY($2::text[])',
    [userId, keys],
  );
  return new Set(rows.map((r) => r.item_key));
}

/**
 * Records that an item was seen for a user; true only for the call that inserted it, so of two
 * instances (or two passes) exactly one goes on to mail it.
 */
export async function insertNotice(
  db: Queryable,
  userId: string,
  key: string,
  item: unknown,
  digestPending: boolean,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO inbox_notices (user_id, item_key, item, digest_pending) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [userId, key, JSON.stringify(item), digestPending],
  );
  return rowCount === 1;
}

/** The keys of a user's items that wait for its next digest; locked until the transaction ends. */
export async function lockPendingDigest(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ item_key: string }>(
    `SELECT item_key FROM inbox_notices WHERE user_id = $1 AND digest_pending
      ORDER BY noticed_at FOR UPDATE`,
    [userId],
  );
  return rows.map((r) => r.item_key);
}

/** The users with items waiting for a digest. */
export async function usersWithPendingDigest(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ user_id: string }>(
    'SELECT DISTINCT user_id FROM inbox_notices WHERE digest_pending',
  );
  return new Set(rows.map((r) => r.user_id));
}

/** Takes items out of the digest queue. */
export async function clearPendingDigest(db: Queryable, userId: string, keys: string[]) {
  await db.query(
    `UPDATE inbox_notices SET digest_pending = false WHERE user_id = $1 AND item_key = ANY($2::text[])`,
    [userId, keys],
  );
}

/** A message to send. */
export interface OutgoingMessage {
  dedupeKey: string;
  userId: string;
  to: string;
  subject: string;
  body: string;
}

/** Queues a message; false when one with the same key was queued before (it is not queued again). */
export async function enqueue(db: Queryable, m: OutgoingMessage): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO outbox (dedupe_key, user_id, to_address, subject, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [m.dedupeKey, m.userId, m.to, m.subject, m.body],
  );
  return rowCount === 1;
}

/** A queued message claimed for sending. */
export interface ClaimedMessage {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Claims the next due message for `claimMs`: no other sender takes it meanwhile, and a sender that
 * dies leaves it to be claimed again once the claim has run out.
 */
export async function claimDue(
  db: Queryable,
  claimMs: number,
): Promise<ClaimedMessage | undefined> {
  const { rows } = await db.query<ClaimedMessage>(
    `UPDATE outbox SET claimed_until = now() + $1::double precision * interval '1 millisecond', attempts = attempts + 1
      WHERE id = (SELECT id FROM outbox
                   WHERE sent_at IS NULL AND next_attempt_at <= now()
                     AND (claimed_until IS NULL OR claimed_until < now())
                   ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id::text, to_address, subject, body, attempts`,
    [claimMs],
  );
  return rows[0];
}

/** Marks a message sent. */
export async function markSent(db: Queryable, id: string) {
  await db.query(
    'UPDATE outbox SET sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = $1',
    [id],
  );
}

/** Records a failed attempt and when to try again. */
export async function markFailed(db: Queryable, id: string, error: string, retryInMs: number) {
  await db.query(
    `UPDATE outbox SET claimed_until = NULL, last_error = $2,
            next_attempt_at = now() + $3::double precision * interval '1 millisecond' WHERE id = $1`,
    [id, error, retryInMs],
  );
}
