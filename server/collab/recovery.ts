import { editEvent } from './editSessions';
import type { Relay } from './relay';
import type { DocumentStore } from '../text/store';

/**
 * Records the `edit` audit event of every editing session a dead instance journalled but never
 * audited (it was killed while its users typed). The journal row was written with the
 * session's first stored update, so every stored change has its author in the audit chain,
 * even once compaction has folded the change into the snapshot. Taking the rows and recording
 * the events happen at once: two instances recovering at once record each session once.
 * Returns how many sessions were recorded.
 */
export function recoverSessions(store: DocumentStore, relay: Relay): Promise<number> {
  return store.recover(
    (instanceId) => relay.alive(instanceId),
    (session) => editEvent(session, true),
  );
}
