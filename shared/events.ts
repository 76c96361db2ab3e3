/** Every kind of live event clients receive about a document, in one list for subscribing. */
export const DOCUMENT_EVENT_TYPES = [
  'comment.created',
  'comment.resolved',
  'revision.created',
  'signoff.recorded',
  'concerns.set',
  'document.approved',
  'document.finalized',
  'text.repaired',
  'meeting.updated',
  'party.updated',
] as const;

/** The kinds of live events clients receive about a document. */
export type DocumentEventType = (typeof DOCUMENT_EVENT_TYPES)[number];

/** Something that happened to a document, told to everyone watching it (server-sent events). */
export interface DocumentEvent {
  type: DocumentEventType;
  documentId: string;
  at: string;
  data: unknown;
}
