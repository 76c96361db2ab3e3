import { documentStream, recordEvent } from '../audit/audit';
import type { Db } from '../db';
import { journalInstances, takeJournalledSessions } from './queries';
import type { Relay } from './relay';

/**
 * Records the `edit` audit event of every editing session a dead instance journalled but never
 * audited (it was killed while its users typed). The journal row was written with the
 * session's first stored update, so every stored change has its author in the audit chain,
 * even once compaction has folded the change into the snapshot. Taking the rows and recording
 * the events is one transaction: two instances recovering at once record each session once.
 * Returns how many sessions were recorded.
 */
export async function recoverSessions(db: Db, relay: Relay): Promise<number> {
  const others = await journalInstances(db, relay.instanceId);
  const dead: string[] = [];
  for (const instanceId of others) if (!(await relay.alive(instanceId))) dead.push(instanceId);
  if (dead.length === 0) return 0;
  return db.transaction(async (tx) => {
    const sessions = await takeJournalledSessions(tx, dead);
    for (const session of sessions) {
      await recordEvent(tx, documentStream(session.documentId), {
        actorId: session.userId,
        kind: 'edit',
        data: {
          firstAt: session.firstAt.toISOString(),
          lastAt: session.lastAt.toISOString(),
          updates: session.updates,
          // Times are when the updates were stored; the session ended with its instance.
          recovered: true,
        },
      });
    }
    return sessions.length;
  });
}
