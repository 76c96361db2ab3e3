import { EventEmitter } from 'node:events';
import type { DocumentEvent } from '../../shared/events';

export type { DocumentEvent, DocumentEventType } from '../../shared/events';

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
