import { DOCUMENT_EVENT_TYPES, type DocumentEvent } from './types';

/** Subscribes to a document's live events; returns a function that closes the stream. */
export function subscribeEvents(
  documentId: string,
  listener: (event: DocumentEvent) => void,
): () => void {
  // EventSource reconnects by itself and sends the session cookie (same origin).
  const source = new EventSource(`/api/documents/${encodeURIComponent(documentId)}/events`);
  for (const type of DOCUMENT_EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      try {
        listener(JSON.parse((message as MessageEvent<string>).data) as DocumentEvent);
      } catch {
        // A malformed event is ignored; the next refresh brings the panel up to date.
      }
    });
  }
  return () => source.close();
}
