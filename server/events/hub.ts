import { EventEmitter } from 'node:events';

/** The kinds of live events clients receive about a document. */
export type DocumentEventType =
  | 'comment.created'
  | 'comment.resolved'
  | 'revision.created'
  | 'signoff.recorded'
  | 'concerns.set'
  | 'document.approved'
  | 'document.finalized';

/** Something that happened to a document, told to everyone watching it. */
export interface DocumentEvent {
  type: DocumentEventType;
  documentId: string;
  at: string;
  data: unknown;
}

/** Publishes document events and lets connections subscribe to one document's. */
export interface EventHub {
  publish(event: Omit<DocumentEvent, 'at'>): void;
  /** Calls `listener` for each event of the document until the returned function is called. */
  subscribe(documentId: string, listener: (event: DocumentEvent) => void): () => void;
}

/** An in-process hub; a Redis-backed hub can wrap it to reach other instances. */
export function localEventHub(): EventHub & { deliver(event: DocumentEvent): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliver = (event: DocumentEvent) => emitter.emit(event.documentId, event);
  return {
    deliver,
    publish: (event) => deliver({ ...event, at: new Date().toISOString() }),
    subscribe(documentId, listener) {
      emitter.on(documentId, listener);
      return () => emitter.off(documentId, listener);
    },
  };
}
