import type { Actor } from '../accounts/present';

/** What the policies need to know of a document. */
export interface DocumentAccess {
  status: 'drafting' | 'final';
  parties: { code: string }[];
  reviewers: { code: string }[];
}

const isParty = (actor: Actor, doc: DocumentAccess) =>
  doc.parties.some((p) => p.code === actor.agency.code);
const isParticipant = (actor: Actor, doc: DocumentAccess) =>
  isParty(actor, doc) || doc.reviewers.some((r) => r.code === actor.agency.code);

/** Who may do what: pure rules shared by the HTTP routes and the collaboration socket. */
export const policy = {
  /** Admins manage agencies and users. */
  manageAccounts: (actor: Actor) => actor.role === 'admin',
  /** Drafters (the legal bureau) and admins create documents. */
  createDocument: (actor: Actor) => actor.role === 'drafter' || actor.role === 'admin',
  /** A document is visible to its participating agencies and to admins; to others it does not exist. */
  seeDocument: (actor: Actor, doc: DocumentAccess) =>
    actor.role === 'admin' || isParticipant(actor, doc),
  /** Drafters and admins change the text while the document is still being drafted. */
  editText: (actor: Actor, doc: DocumentAccess) =>
    (actor.role === 'drafter' || actor.role === 'admin') && doc.status === 'drafting',
  /** Drafters cut revisions. */
  cutRevision: (actor: Actor) => actor.role === 'drafter',
  /** Drafters write the party records the komparisi and the signature block print from. */
  editParties: (actor: Actor) => actor.role === 'drafter',
  /** Drafters choose which clauses an agency's sign-off covers. */
  setConcerns: (actor: Actor) => actor.role === 'drafter',
  /** Reviewers and heads of a participating agency sign off for it. */
  signOff: (actor: Actor, doc: DocumentAccess) =>
    (actor.role === 'reviewer' || actor.role === 'head') && isParticipant(actor, doc),
  /** Heads of a party agency approve the final version. */
  approve: (actor: Actor, doc: DocumentAccess) => actor.role === 'head' && isParty(actor, doc),
  /** Any participant comments. */
  comment: (actor: Actor, doc: DocumentAccess) =>
    isParticipant(actor, doc) || actor.role === 'admin',
  /** Reviewers, heads and drafters of a participating agency upload a response edited in Word. */
  respond: (actor: Actor, doc: DocumentAccess) =>
    (actor.role === 'reviewer' || actor.role === 'head' || actor.role === 'drafter') &&
    isParticipant(actor, doc),
  /** Drafters accept proposed wording. */
  acceptProposal: (actor: Actor) => actor.role === 'drafter',
  /** Drafters open a rapat penyelarasan, record its decisions and close it. */
  runMeeting: (actor: Actor) => actor.role === 'drafter',
  /** Any participant (and an admin) attends a meeting and reads its berita acara. */
  attendMeeting: (actor: Actor, doc: DocumentAccess) =>
    isParticipant(actor, doc) || actor.role === 'admin',
  /** Drafters and the comment's author resolve a comment. */
  resolveComment: (actor: Actor, authorId: string) =>
    actor.role === 'drafter' || actor.id === authorId,
};
