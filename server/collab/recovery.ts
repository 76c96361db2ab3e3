import type { Relay } from './relay';
import type { DocumentStore, JournalledSession, TextEvent } from './store';

/** The `edit` event of a session its instance journalled but died before auditing. */
function recoveredEdit(session: JournalledSession): TextEvent {
  return {
    actorId: session.userId,
    kind: 'edit',
    data: {
      firstAt: session.firstAt.toISOString(),
      lastAt: session.lastAt.toISOString(),
      updates: session.updates,
      // Times are when the updates were stored; the session ended with its instance.
      recovered: true,
    },
  };
}

/**
 * Records the `edit` audit event of every editing session a dead instance journalled but never
 * audited (it was killed while its users typed). The journal row was written with the
 * session's first stored update, so every stored change has its author in the audit chain,
 * even once compaction has folded the change into the snapshot. Taking the rows and recording
 * the events happen at once: two instances recovering at once record each session once.
 * Returns how many sessions were recorded.
 */
export function recoverSessions(store: DocumentStore, relay: Relay): Promise<number> {
  return store.recover((instanceId) => relay.alive(instanceId), recoveredEdit);
}
