import type { Actor } from '../accounts/present';
import { forbidden, notFound, type AppError } from '../errors';

/** What the rules need to know of a document. */
export interface DocumentAccess {
  status: 'drafting' | 'final';
  parties: { code: string }[];
  reviewers: { code: string }[];
}

/** What the rule about resolving a comment needs to know of it. */
export interface CommentAccess {
  authorId: string;
}

const isParty = (actor: Actor, doc: DocumentAccess) =>
  doc.parties.some((p) => p.code === actor.agency.code);
const isParticipant = (actor: Actor, doc: DocumentAccess) =>
  isParty(actor, doc) || doc.reviewers.some((r) => r.code === actor.agency.code);
const isDrafter = (actor: Actor) => actor.role === 'drafter';
const isAdmin = (actor: Actor) => actor.role === 'admin';

/** One rule: who may, and the error a refusal is (a 403 with its message, unless told). */
interface Rule<Subject> {
  allows(actor: Actor, subject: Subject): boolean;
  refusal(): AppError;
}

function rule<Subject = undefined>(
  allows: (actor: Actor, subject: Subject) => boolean,
  refusal: string | (() => AppError) = () => forbidden(),
): Rule<Subject> {
  return { allows, refusal: typeof refusal === 'string' ? () => forbidden(refusal) : refusal };
}

const DRAFTER_ONLY = 'Hanya perancang (drafter) yang dapat';

/**
 * Who may do what: every role check of the server, one row per action, for the HTTP routes,
 * the domain functions and the collaboration socket alike. A refusal's message names who may.
 */
const RULES = {
  /** Admins manage agencies and users. */
  'accounts.manage': rule(
    isAdmin,
    'Hanya administrator yang dapat mengelola instansi dan pengguna.',
  ),
  /** Admins set an agency's paraf tiers. */
  'tiers.set': rule(isAdmin, 'Hanya admin yang dapat mengatur jenjang paraf instansi.'),
  /** Drafters (the legal bureau) and admins create documents. */
  'document.create': rule(
    (actor) => isDrafter(actor) || isAdmin(actor),
    `${DRAFTER_ONLY} membuat dokumen.`,
  ),
  /** A document is visible to its participating agencies and to admins; to others it does not exist. */
  'document.see': rule(
    (actor, doc: DocumentAccess) => isAdmin(actor) || isParticipant(actor, doc),
    () => notFound('Dokumen'),
  ),
  /** Admins list every document; everyone else those of their agency. */
  'documents.seeAll': rule(isAdmin),
  /** Drafters and admins change the text (whether the document still may change is the text's business). */
  'text.edit': rule((actor) => isDrafter(actor) || isAdmin(actor)),
  /** Drafters cut revisions. */
  'revision.cut': rule(isDrafter, `${DRAFTER_ONLY} membuat revisi.`),
  /** Drafters write the party records the komparisi and the signature block print from. */
  'parties.edit': rule(isDrafter, `${DRAFTER_ONLY} mengubah data para pihak.`),
  /** Drafters choose which clauses an agency's sign-off covers. */
  'concerns.set': rule(isDrafter, `${DRAFTER_ONLY} mengatur cakupan paraf.`),
  /** Reviewers and heads of a participating agency sign off for it. */
  'signoff.record': rule(
    (actor, doc: DocumentAccess) =>
      (actor.role === 'reviewer' || actor.role === 'head') && isParticipant(actor, doc),
    'Hanya penelaah atau pimpinan instansi peserta yang dapat memberi paraf.',
  ),
  /** Heads of a party agency approve the final version. */
  'document.approve': rule(
    (actor, doc: DocumentAccess) => actor.role === 'head' && isParty(actor, doc),
    'Hanya pimpinan instansi pihak yang dapat menyetujui naskah final.',
  ),
  /** ... and take their approval back. */
  'approval.withdraw': rule(
    (actor, doc: DocumentAccess) => actor.role === 'head' && isParty(actor, doc),
    'Hanya pimpinan instansi pihak yang dapat menarik persetujuan.',
  ),
  /** Any participant (and an admin) comments. */
  'comment.create': rule(
    (actor, doc: DocumentAccess) => isParticipant(actor, doc) || isAdmin(actor),
  ),
  /** Drafters and the comment's author resolve a comment. */
  'comment.resolve': rule(
    (actor, comment: CommentAccess) => isDrafter(actor) || actor.id === comment.authorId,
    'Hanya perancang atau penulis komentar yang dapat menyelesaikannya.',
  ),
  /** Drafters accept proposed wording. */
  'proposal.accept': rule(isDrafter, `${DRAFTER_ONLY} menerima usulan redaksi.`),
  /** Reviewers, heads and drafters of a participating agency upload a response edited in Word. */
  'response.upload': rule(
    (actor, doc: DocumentAccess) =>
      (actor.role === 'reviewer' || actor.role === 'head' || isDrafter(actor)) &&
      isParticipant(actor, doc),
    'Hanya peninjau, pimpinan, atau perancang dari instansi peserta yang dapat mengunggah tanggapan.',
  ),
  /** Drafters open a rapat penyelarasan ... */
  'meeting.open': rule(isDrafter, `${DRAFTER_ONLY} membuka rapat penyelarasan.`),
  /** ... record its decisions ... */
  'meeting.decide': rule(isDrafter, `${DRAFTER_ONLY} mencatat keputusan rapat.`),
  /** ... and close it. */
  'meeting.close': rule(isDrafter, `${DRAFTER_ONLY} menutup rapat penyelarasan.`),
  /** Any participant (and an admin) attends a meeting and reads its berita acara. */
  'meeting.attend': rule(
    (actor, doc: DocumentAccess) => isParticipant(actor, doc) || isAdmin(actor),
  ),
};

type Rules = typeof RULES;

/** An action someone may or may not take. */
export type Action = keyof Rules;

/** What the rule of `A` looks at beyond the actor: nothing, a document, or a comment. */
export type Subject<A extends Action> = Parameters<Rules[A]['allows']>[1];

type SubjectArgs<A extends Action> = undefined extends Subject<A> ? [] : [subject: Subject<A>];

/** Whether `actor` may take `action` on `subject`. */
export function may<A extends Action>(
  actor: Actor,
  action: A,
  ...subject: SubjectArgs<A>
): boolean {
  const allows = RULES[action].allows as (actor: Actor, subject: unknown) => boolean;
  return allows(actor, subject[0]);
}

/**
 * Throws the action's refusal unless `actor` may take `action` on `subject`: a 403 whose
 * message says who may, or a 404 where the subject must not be seen to exist.
 */
export function authorize<A extends Action>(
  actor: Actor,
  action: A,
  ...subject: SubjectArgs<A>
): void {
  if (!may(actor, action, ...subject)) throw RULES[action].refusal();
}
