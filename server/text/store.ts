import type { AuditKind } from '../audit/audit';

/** A document as the collaboration server loads it: its status and stored Yjs parts. */
export interface StoredDocument {
  status: 'drafting' | 'final';
  snapshot: Uint8Array | undefined;
  /** The snapshot's version (bumped by every compaction); 0 when there is none. */
  version: number;
  updates: { id: number; update: Uint8Array }[];
}

/** An update waiting to be stored. */
export interface UpdateRow {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
  /** The id the relay gave it (`<instance>:<seq>`): whoever stores it, a second copy is refused. */
  relayId?: string;
  /** The editing session it belongs to (only with a user), journalled with it until audited. */
  sessionId?: string;
  /** The instance whose session it is, when not the one storing it (a relayed update). */
  sessionOwner?: string;
}

/** A row `append` stored. */
export interface StoredRow {
  id: number;
  documentId: string;
  relayId: string | null;
}

/** What an open document holds from storage: the snapshot version and stored update ids it has applied. */
export interface StoredBase {
  version: number;
  ids: number[];
  /**
   * Whether the live document contains all of snapshot `version`: true for the snapshot it was
   * loaded from or wrote itself, false for one merged from storage, which may hold updates of
   * other instances not relayed here yet. Only a contained snapshot may be replaced by the
   * live state; any other is merged again.
   */
  contained: boolean;
}

/** An open document's side of a compaction: what it was built on, and its live state. */
export interface LiveState {
  base: StoredBase;
  /** The live state as one update; it contains every update in `base`. */
  encode(): Uint8Array;
}

/** An editing session stored but not yet audited, as the journal holds it. */
export interface JournalledSession {
  id: string;
  documentId: string;
  userId: string;
  firstAt: Date;
  lastAt: Date;
  updates: number;
}

/** An audit event of a document, as the collaboration layer records it. */
export interface TextEvent {
  actorId: string | null;
  kind: AuditKind;
  data: object;
}

/**
 * The storage of live text, the collaboration layer's one way to it: the rooms load, append and
 * compact through it and record what their editing sessions did. `sqlDocumentStore` keeps it in
 * PostgreSQL (or PGlite); `MemoryDocumentStore` keeps it in memory for tests of the layer alone.
 */
export interface DocumentStore {
  /** The document's status, snapshot and updates, or undefined when there is no such document. */
  load(documentId: string): Promise<StoredDocument | undefined>;
  /**
   * Appends updates of any documents at once, journalling their editing sessions with them;
   * returns the new rows. An update whose relay id is already stored for its document is
   * skipped, not stored twice. Rejects, storing nothing, when the write fails.
   */
  append(rows: UpdateRow[]): Promise<StoredRow[]>;
  /**
   * Folds a document's stored updates into its snapshot. With `live` (an open document) the live
   * state replaces the snapshot when `replacesSnapshot` allows; otherwise, and for a document
   * open nowhere, the stored parts are merged. Returns the new base.
   */
  compact(documentId: string, live?: LiveState): Promise<StoredBase>;
  /** Documents with at least `min` updates stored past their snapshot, the longest first. */
  backlog(min: number, limit: number): Promise<string[]>;
  /**
   * Reclaims the stored updates compactions deleted, so a load does not step over them: until
   * then each dead row is still in the index a load reads, and PGlite has no autovacuum at all.
   */
  tidy(): Promise<void>;
  /** Records a document's audit event; with `sessionId` the session leaves the journal with it. */
  record(documentId: string, event: TextEvent, sessionId?: string): Promise<void>;
  /**
   * Takes the journalled sessions of the other instances `alive` says are gone and records
   * `event(session)` for each, at once (two instances recovering record each session once);
   * returns how many.
   */
  recover(
    alive: (instanceId: string) => Promise<boolean>,
    event: (session: JournalledSession) => TextEvent,
  ): Promise<number>;
}

/**
 * Whether an open document's live state may replace the stored snapshot (version `stored`):
 * only the snapshot it was built on, and only when it contains it. Otherwise another instance
 * compacted meanwhile, or this one last merged from storage, and the stored parts are merged:
 * writing the live state over a snapshot holding another instance's updates not yet relayed
 * here would lose them.
 */
export function replacesSnapshot(base: StoredBase, stored: number): boolean {
  return stored === base.version && base.contained;
}
