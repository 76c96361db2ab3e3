import * as Y from 'yjs';
import { storedDoc } from '../documents/text';
import {
  replacesSnapshot,
  type DocumentStore,
  type JournalledSession,
  type StoredBase,
  type StoredDocument,
  type StoredRow,
  type TextEvent,
  type UpdateRow,
} from './store';

interface MemoryDocument {
  status: 'drafting' | 'final';
  snapshot: Uint8Array | undefined;
  version: number;
  updates: { id: number; update: Uint8Array; relayId: string | null }[];
}

/**
 * A document store in memory, with the semantics of the database one (ids in order, a relay id
 * stored once, compaction fenced by the snapshot version, sessions journalled with their
 * updates), so the collaboration layer's lifecycle can be tested without a database. `failing`
 * makes every append reject, as a database outage would.
 */
export class MemoryDocumentStore implements DocumentStore {
  /** Every audit event recorded, in order, with its document. */
  readonly events: (TextEvent & { documentId: string })[] = [];
  /** Journalled sessions not yet audited, by session id. */
  readonly journal = new Map<string, JournalledSession & { owner: string }>();
  /** While set, `append` rejects with it and stores nothing. */
  failing: Error | undefined;
  private readonly documents = new Map<string, MemoryDocument>();
  private nextId = 1;

  constructor(private readonly instanceId = 'memory') {}

  /** Adds a document, optionally with a snapshot. */
  create(documentId: string, snapshot?: Uint8Array, status: 'drafting' | 'final' = 'drafting') {
    this.documents.set(documentId, { status, snapshot, version: snapshot ? 1 : 0, updates: [] });
  }

  /** How many updates are stored past a document's snapshot. */
  count(documentId: string): number {
    return this.documents.get(documentId)?.updates.length ?? 0;
  }

  async load(documentId: string): Promise<StoredDocument | undefined> {
    const doc = this.documents.get(documentId);
    if (!doc) return undefined;
    const updates = doc.updates.map(({ id, update }) => ({ id, update }));
    return { status: doc.status, snapshot: doc.snapshot, version: doc.version, updates };
  }

  async append(rows: UpdateRow[]): Promise<StoredRow[]> {
    if (this.failing) throw this.failing;
    const missing = rows.find((r) => !this.documents.has(r.documentId));
    // The database refuses the whole statement for a deleted document (a foreign key).
    if (missing) throw Object.assign(new Error('no such document'), { code: '23503' });
    const stored: StoredRow[] = [];
    for (const row of rows) {
      const doc = this.documents.get(row.documentId)!;
      const relayId = row.relayId ?? null;
      if (relayId && doc.updates.some((u) => u.relayId === relayId)) continue;
      const id = this.nextId++;
      doc.updates.push({ id, update: row.update, relayId });
      stored.push({ id, documentId: row.documentId, relayId });
      this.journalRow(row);
    }
    return stored;
  }

  async compact(
    documentId: string,
    live?: { base: StoredBase; encode(): Uint8Array },
  ): Promise<StoredBase> {
    const doc = this.documents.get(documentId);
    if (!doc) return { version: 0, ids: [], contained: false };
    if (!live || !replacesSnapshot(live.base, doc.version)) return this.merge(doc);
    const folded = new Set(live.base.ids);
    doc.snapshot = live.encode();
    doc.version += 1;
    doc.updates = doc.updates.filter((u) => !folded.has(u.id));
    return { version: doc.version, ids: [], contained: true };
  }

  async backlog(min: number, limit: number): Promise<string[]> {
    return [...this.documents]
      .filter(([, doc]) => doc.updates.length >= min)
      .sort(([, a], [, b]) => b.updates.length - a.updates.length)
      .slice(0, limit)
      .map(([id]) => id);
  }

  async tidy(): Promise<void> {
    // Deleted updates leave nothing behind in memory.
  }

  async record(documentId: string, event: TextEvent, sessionId?: string): Promise<void> {
    this.events.push({ ...event, documentId });
    if (sessionId) this.journal.delete(sessionId);
  }

  async recover(
    alive: (instanceId: string) => Promise<boolean>,
    event: (session: JournalledSession) => TextEvent,
  ): Promise<number> {
    let recorded = 0;
    for (const [id, session] of [...this.journal]) {
      if (session.owner === this.instanceId || (await alive(session.owner))) continue;
      this.journal.delete(id);
      this.events.push({ ...event(session), documentId: session.documentId });
      recorded += 1;
    }
    return recorded;
  }

  private merge(doc: MemoryDocument): StoredBase {
    const merged = storedDoc(doc);
    doc.snapshot = Y.encodeStateAsUpdate(merged);
    merged.destroy();
    doc.version += 1;
    doc.updates = [];
    return { version: doc.version, ids: [], contained: false };
  }

  private journalRow(row: UpdateRow): void {
    if (!row.sessionId || !row.userId) return;
    const known = this.journal.get(row.sessionId);
    const now = new Date();
    if (known) {
      known.lastAt = now;
      known.updates += 1;
      return;
    }
    this.journal.set(row.sessionId, {
      id: row.sessionId,
      documentId: row.documentId,
      userId: row.userId,
      owner: row.sessionOwner ?? this.instanceId,
      firstAt: now,
      lastAt: now,
      updates: 1,
    });
  }
}
