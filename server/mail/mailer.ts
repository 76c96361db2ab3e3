import type { Role } from '../accounts/present';
import type { MailConfig } from '../config';
import type { Db } from '../db';
import type { Logger } from '../log';
import { allDocuments, itemsOf, loadFacts } from '../inbox/inbox';
import { itemKey, type InboxItem } from '../inbox/items';
import { composeDigest, composeItem, type Addressee } from './compose';
import * as q from './queries';
import { describeFailure, smtpTransport, type MailTransport } from './transport';

/** How long a sender owns a claimed message: longer than the transport's own timeouts. */
const CLAIM_MS = 120_000;
/** The longest wait between two attempts at a message. */
const MAX_RETRY_MS = 3_600_000;
/** Messages sent per pass at most, so a long queue does not hold the loop. */
const SEND_BATCH = 100;
/** WIB (UTC+7, no daylight saving): when the daily digest goes out. */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** The mail worker: notices new inbox items, queues their messages, and sends the queue. */
export interface Mailer {
  /** One pass (notice, digest, send) after those already asked for; `now` sets the digest clock. */
  runOnce(now?: Date): Promise<void>;
  /** Stops the loop after the pass in progress. */
  close(): Promise<void>;
}

/** The day (YYYY-MM-DD) and hour in WIB of a moment. */
export function wibClock(now: Date) {
  const shifted = new Date(now.getTime() + WIB_OFFSET_MS);
  return { day: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}

/** The wait before the next attempt: doubling from `retryMs`, at most an hour. */
export const retryDelay = (retryMs: number, attempts: number) =>
  Math.min(retryMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

/**
 * Starts the mail loop: every `pollMs` it works out each user's inbox, queues a message for each
 * item seen for the first time (or keeps it for the daily digest), and sends due messages from the
 * outbox. The requests that create items never wait for any of this.
 */
export function startMailer(deps: {
  db: Db;
  log: Logger;
  config: MailConfig;
  transport?: MailTransport;
}): Mailer {
  const { db, log, config } = deps;
  const transport = deps.transport ?? smtpTransport(config);
  // Passes run one after another, whether the loop or a caller (tests, shutdown) asks for one.
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const pass = async (now: Date) => {
    const open = await noticeItems(db, config);
    await sendDigests(db, config, open, now);
    await sendDue(db, config, transport, log);
  };
  const runOnce = (now?: Date) => {
    chain = chain.then(() =>
      pass(now ?? new Date()).catch((error) =>
        log.warn({ reason: describeFailure(error, config.smtpUrl) }, 'mail pass failed'),
      ),
    );
    return chain;
  };
  const loop = () => {
    if (stopped) return;
    void runOnce().then(() => {
      if (!stopped) timer = setTimeout(loop, config.pollMs).unref();
    });
  };
  loop();
  return {
    runOnce,
    async close() {
      stopped = true;
      clearTimeout(timer);
      await chain;
      transport.close();
    },
  };
}

/** A recipient as the mail rules see it. */
interface Recipient extends Addressee {
  row: q.RecipientRow;
}

/**
 * Works out every user's open items and records the new ones, queueing an immediate message or
 * keeping it for the digest in the same transaction; returns each user's open items by key.
 */
async function noticeItems(db: Db, config: MailConfig) {
  const facts = await loadFacts(db, await allDocuments(db));
  const open = new Map<string, { to: Recipient; items: Map<string, InboxItem> }>();
  for (const row of await q.listRecipients(db)) {
    const actor = {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      agency: { code: row.agency_code, name: row.agency_name },
    };
    const items = await itemsOf(db, actor, facts);
    const to: Recipient = { row, name: row.name, agencyName: row.agency_name };
    open.set(row.id, { to, items: new Map(items.map((i) => [itemKey(i), i])) });
    // Most items were seen on an earlier pass: one read skips them before any write.
    const known = await q.knownNotices(db, row.id, [...open.get(row.id)!.items.keys()]);
    const fresh = items.filter((i) => !known.has(itemKey(i)));
    if (fresh.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const item of fresh) {
        const key = itemKey(item);
        const first = await q.insertNotice(tx, row.id, key, item, row.mail_mode === 'daily');
        if (!first || row.mail_mode !== 'immediate') continue;
        const { subject, body } = composeItem(item, to, config.appUrl);
        await q.enqueue(tx, {
          dedupeKey: `item:${row.id}:${key}`,
          userId: row.id,
          to: row.email,
          subject,
          body,
        });
      }
    });
  }
  return open;
}

/**
 * Sends each user with waiting items its digest once the digest hour has passed (at most one per
 * WIB day); items that left the inbox meanwhile are dropped from it.
 */
async function sendDigests(
  db: Db,
  config: MailConfig,
  open: Map<string, { to: Recipient; items: Map<string, InboxItem> }>,
  now: Date,
) {
  const { day, hour } = wibClock(now);
  for (const userId of await q.usersWithPendingDigest(db)) {
    const entry = open.get(userId);
    if (!entry) continue;
    const mode = entry.to.row.mail_mode;
    // A user who switched back to immediate mail gets what waited at once.
    if (mode === 'daily' && hour < config.digestHour) continue;
    await db.transaction(async (tx) => {
      const keys = await q.lockPendingDigest(tx, userId);
      const items = keys.flatMap((k) => entry.items.get(k) ?? []);
      if (mode !== 'off' && items.length > 0) {
        const { subject, body } = composeDigest(items, entry.to, config.appUrl);
        const queued = await q.enqueue(tx, {
          dedupeKey: `digest:${userId}:${day}`,
          userId,
          to: entry.to.row.email,
          subject,
          body,
        });
        // Today's digest went out already: these wait for tomorrow's.
        if (!queued) return;
      }
      await q.clearPendingDigest(tx, userId, keys);
    });
  }
}

/** Sends due messages one by one; a failure is recorded with its next attempt, never dropped. */
async function sendDue(db: Db, config: MailConfig, transport: MailTransport, log: Logger) {
  for (let i = 0; i < SEND_BATCH; i++) {
    const message = await q.claimDue(db, CLAIM_MS);
    if (!message) return;
    try {
      await transport.send({
        to: message.to_address,
        subject: message.subject,
        text: message.body,
        messageId: `<outbox-${message.id}@selaras>`,
      });
    } catch (error) {
      const reason = describeFailure(error, config.smtpUrl);
      const delay = retryDelay(config.retryMs, message.attempts);
      await q.markFailed(db, message.id, reason, delay);
      log.warn(
        { outbox: message.id, attempts: message.attempts, reason },
        'mail not sent; retrying',
      );
      // The server is likely down for the rest too: they wait for the next pass.
      return;
    }
    await q.markSent(db, message.id);
  }
}
