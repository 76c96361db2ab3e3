import type { Db } from '../db';
import { documentStream, recordEvent } from '../audit/audit';
import { compactOpen, compactStored } from './compaction';
import * as q from './queries';
import type { DocumentStore } from './store';

/**
 * The document store in the database (PostgreSQL or PGlite), over the queries of queries.ts.
 * Updates and the editing sessions they belong to are written in one transaction, so a stored
 * change always has a session that is either audited or journalled under `instanceId` for the
 * next start to audit (recovery.ts).
 */
export function sqlDocumentStore(db: Db, instanceId: string): DocumentStore {
  return {
    load: (documentId) => q.loadStoredDocument(db, documentId),
    append: (rows) =>
      db.transaction(async (tx) => {
        const stored = await q.appendUpdates(tx, rows);
        await q.journalSessions(tx, rows, stored, instanceId);
        return stored;
      }),
    compact: (documentId, live) =>
      live ? compactOpen(db, documentId, live.base, live.encode) : compactStored(db, documentId),
    backlog: (min, limit) => q.documentsToCompact(db, min, limit),
    tidy: () => q.vacuumUpdates(db),
    record: (documentId, event, sessionId) =>
      db.transaction(async (tx) => {
        await recordEvent(tx, documentStream(documentId), event);
        if (sessionId) await q.unjournalSession(tx, sessionId);
      }),
    async recover(alive, event) {
      const dead: string[] = [];
      for (const owner of await q.journalInstances(db, instanceId))
        if (!(await alive(owner))) dead.push(owner);
      if (dead.length === 0) return 0;
      return db.transaction(async (tx) => {
        const sessions = await q.takeJournalledSessions(tx, dead);
        for (const session of sessions)
          await recordEvent(tx, documentStream(session.documentId), event(session));
        return sessions.length;
      });
    },
  };
}
