import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent, type AuditKind } from '../audit/audit';
import type { TextAccess } from '../documents/access';
import type { DocumentRow } from '../documents/queries';
import type { EventHub } from '../events/hub';
import { conflict, invalidInput, notFound, tooLarge } from '../errors';
import { authorize } from '../policies/policies';
import { extractNaskah, PART_IDS } from '../../shared/naskah';
import {
  applyWording,
  findClauseElement,
  wordingLimitProblem,
  wordingOf,
  type Wording,
} from './proposal';
import { applyPartProposal, type PartId } from './partProposal';
import { anchorFor, anchorText, ydocOf, type StoredAnchor } from './anchors';
import { presentComment } from './present';
import * as q from './queries';

/** What the comment service needs from the server. */
export interface CommentDeps {
  db: Db;
  texts: TextAccess;
  events: EventHub;
}

/** Input of a new comment, already validated. */
export interface NewComment {
  clauseId: string;
  body: string;
  parentId?: string;
  proposal?: { heading?: string; text: string };
  /** A range of words in one paragraph of the clause (Yjs relative positions, base64). */
  anchor?: { start: string; end: string };
}

/** Refuses a comment from a caller who may not comment, or on a final document. */
function requireCommentable(actor: Actor, doc: DocumentRow): void {
  authorize(actor, 'comment.create', doc);
  if (doc.status === 'final')
    throw conflict('Naskah sudah final dan terkunci; komentar baru tidak dapat ditambahkan.');
}

/** A comment ready to be stored: its row, with the clause's wording a proposal is made against. */
interface PreparedComment {
  id: string;
  clauseId: string;
  parentId: string | null;
  body: string;
  proposal: { heading?: string; text: string } | null;
  proposalBase: Wording | null;
  anchor: StoredAnchor | null;
}

/** What a comment may be about: the pembukaan, each Pasal and the penutup, with their wording. */
type Target = { id: string } & Wording;

/** The live text's targets of comments, pembukaan first and penutup last. */
function targetsOf(naskah: ReturnType<typeof extractNaskah>): Target[] {
  const part = (id: PartId) => ({ id, heading: naskah[id].heading, text: naskah[id].text });
  return [part('pembukaan'), ...naskah.clauses, part('penutup')];
}

const isPart = (clauseId: string): clauseId is PartId => PART_IDS.includes(clauseId);

/** Checks that a comment's clause is in the live text and records what a proposal answers. */
function prepare(clauses: Target[], input: NewComment, anchor: StoredAnchor | null = null) {
  const clause = clauses.find((c) => c.id === input.clauseId);
  if (!clause)
    throw invalidInput('Pasal tidak ditemukan dalam naskah.', { clauseId: 'unknown clause' });
  return {
    id: randomUUID(),
    clauseId: input.clauseId,
    parentId: input.parentId ?? null,
    body: input.body,
    proposal: input.proposal ?? null,
    proposalBase: input.proposal ? { heading: clause.heading, text: clause.text } : null,
    anchor,
  } satisfies PreparedComment;
}

/** Stores prepared comments and their `comment.created` audit events in a transaction. */
async function storeComments(
  tx: Queryable,
  actor: Actor,
  doc: DocumentRow,
  comments: readonly PreparedComment[],
) {
  for (const c of comments) {
    await q.insertComment(tx, { ...c, documentId: doc.id, authorId: actor.id });
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'comment.created',
      data: {
        id: c.id,
        clauseId: c.clauseId,
        parentId: c.parentId,
        proposal: Boolean(c.proposal),
        ...(c.anchor ? { quote: c.anchor.quote } : {}),
      },
    });
  }
}

/** Reads stored comments back as the API presents them and tells every open client. */
async function publishComments(deps: CommentDeps, doc: DocumentRow, ids: readonly string[]) {
  const views = [];
  for (const id of ids) {
    const view = presentComment((await q.findComment(deps.db, doc.id, id))!);
    deps.events.publish({ type: 'comment.created', documentId: doc.id, data: view });
    views.push(view);
  }
  return views;
}

/** Adds a comment (or a reply, or an usulan redaksi) on a clause of the live text. */
export async function addComment(
  deps: CommentDeps,
  actor: Actor,
  doc: DocumentRow,
  input: NewComment,
) {
  requireCommentable(actor, doc);
  const clauses = targetsOf(extractNaskah(await deps.texts.read(doc.id)));
  if (!clauses.some((c) => c.id === input.clauseId))
    throw invalidInput('Pasal tidak ditemukan dalam naskah.', { clauseId: 'unknown clause' });
  if (input.parentId) {
    const parent = await q.findComment(deps.db, doc.id, input.parentId);
    if (!parent)
      throw invalidInput('Komentar induk tidak ditemukan.', { parentId: 'unknown comment' });
    if (parent.clause_id !== input.clauseId)
      throw invalidInput('Balasan harus pada Pasal yang sama.', { parentId: 'other clause' });
  }
  if (input.anchor && input.parentId)
    throw invalidInput('Balasan tidak memiliki rentang sendiri.', {
      anchor: 'hanya untuk komentar baru',
    });
  let anchor: StoredAnchor | null = null;
  if (input.anchor) {
    const ydoc = ydocOf(await deps.texts.state(doc.id));
    try {
      anchor = anchorFor(ydoc, input.clauseId, input.anchor);
    } finally {
      ydoc.destroy();
    }
  }
  const comment = prepare(clauses, input, anchor);
  await deps.db.transaction((tx) => storeComments(tx, actor, doc, [comment]));
  const [view] = await publishComments(deps, doc, [comment.id]);
  return view;
}

/** An audit event written with a batch of comments, in the same transaction. */
export interface BatchEvent {
  kind: AuditKind;
  /** The event's data; it is given the ids of the stored comments as `commentIds`. */
  data: Record<string, unknown>;
}

/**
 * Adds several new comments (no replies, no anchors) from one source, such as a response a
 * party uploaded, all or none: one transaction holds them, their audit events and `event`.
 * Each is checked as a single comment is, and clients and the inbox learn of each one.
 */
export async function addComments(
  deps: CommentDeps,
  actor: Actor,
  doc: DocumentRow,
  inputs: readonly Omit<NewComment, 'parentId' | 'anchor'>[],
  event: BatchEvent,
) {
  requireCommentable(actor, doc);
  const clauses = targetsOf(extractNaskah(await deps.texts.read(doc.id)));
  const comments = inputs.map((input) => prepare(clauses, input));
  const ids = comments.map((c) => c.id);
  await deps.db.transaction(async (tx) => {
    await storeComments(tx, actor, doc, comments);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: event.kind,
      data: { ...event.data, commentIds: ids },
    });
  });
  return publishComments(deps, doc, ids);
}

/** A document's comments, optionally of one clause. */
export async function listComments(
  deps: Pick<CommentDeps, 'db' | 'texts'>,
  doc: DocumentRow,
  clauseId?: string,
) {
  const rows = await q.listComments(deps.db, doc.id, clauseId);
  // The live text is read only when some comment is anchored to words in it.
  if (!rows.some((r) => r.anchor)) return rows.map((row) => presentComment(row));
  const ydoc = ydocOf(await deps.texts.state(doc.id));
  try {
    return rows.map((row) => presentComment(row, (anchor) => anchorText(ydoc, anchor)));
  } finally {
    ydoc.destroy();
  }
}

async function visibleComment(db: Db, doc: DocumentRow, commentId: string) {
  const row = /^[0-9a-f-]{36}$/i.test(commentId)
    ? await q.findComment(db, doc.id, commentId)
    : undefined;
  if (!row) throw notFound('Komentar');
  return row;
}

/** Resolves a comment (drafters, or its author). */
export async function resolveComment(
  deps: CommentDeps,
  actor: Actor,
  doc: DocumentRow,
  commentId: string,
) {
  const row = await visibleComment(deps.db, doc, commentId);
  authorize(actor, 'comment.resolve', { authorId: row.author_id });
  await deps.db.transaction(async (tx) => {
    if (await q.resolveComment(tx, row.id, actor.id)) {
      await recordEvent(tx, documentStream(doc.id), {
        actorId: actor.id,
        kind: 'comment.resolved',
        data: { id: row.id },
      });
    }
  });
  const view = presentComment((await q.findComment(deps.db, doc.id, row.id))!);
  deps.events.publish({ type: 'comment.resolved', documentId: doc.id, data: view });
  return view;
}

/**
 * Applies a comment's proposed wording to the live text as a minimal edit every client receives,
 * and resolves the comment; 409 when the clause changed since the proposal was made or is gone.
 */
export async function acceptProposal(
  deps: CommentDeps,
  actor: Actor,
  doc: DocumentRow,
  commentId: string,
) {
  authorize(actor, 'proposal.accept');
  const row = await visibleComment(deps.db, doc, commentId);
  if (!row.proposal || !row.proposal_base)
    throw conflict('Komentar ini tidak memuat usulan redaksi.');
  if (row.accepted_at) throw conflict('Usulan redaksi ini sudah diterima.');
  if (doc.status !== 'drafting') throw conflict('Dokumen sudah final dan terkunci.');
  const base: Wording = row.proposal_base;
  const next: Wording = { heading: row.proposal.heading ?? base.heading, text: row.proposal.text };
  // The check and the edit run in one synchronous Yjs transaction, so no edit slips between them.
  await deps.texts.change(doc.id, actor.id, (ydoc) => {
    if (isPart(row.clause_id)) return applyPartProposal(ydoc, row.clause_id, base, next);
    const clause = findClauseElement(ydoc, row.clause_id);
    if (!clause) throw conflict('Pasal yang diusulkan sudah dihapus dari naskah.');
    const current = wordingOf(clause);
    if (current.heading !== base.heading || current.text !== base.text) {
      throw conflict(
        'Pasal telah berubah sejak usulan redaksi dibuat; usulan tidak dapat diterapkan.',
      );
    }
    // Bounded like a draft: 413 before any edit when the result would exceed shared/limits.ts.
    const problem = wordingLimitProblem(ydoc, clause, next);
    if (problem) throw tooLarge(problem);
    applyWording(clause, next);
  });
  await deps.db.transaction(async (tx) => {
    await q.acceptProposal(tx, row.id, actor.id);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'proposal.accepted',
      data: {
        id: row.id,
        clauseId: row.clause_id,
        proposedBy: row.author_id,
        acceptedBy: actor.id,
      },
    });
  });
  const view = presentComment((await q.findComment(deps.db, doc.id, row.id))!);
  deps.events.publish({ type: 'comment.resolved', documentId: doc.id, data: view });
  return view;
}
