import type { Actor } from '../accounts/present';
import { addComments, type CommentDeps } from '../comments/comments';
import type { DocumentRow } from '../documents/queries';
import { conflict, tooLarge } from '../errors';
import { runOffThread } from '../exports/offThread';
import { authorize } from '../policies/policies';
import { getRevision, latestNumber } from '../revisions/revisions';
import { proposalInput } from '../../shared/api';
import { extractNaskah, type Naskah } from '../../shared/naskah';
import type { ResponseDraft, Unmatched } from './draft';
import type { ResponseFile } from './responseFile';

// A response: a .docx a party edited in Word and sent back (CONTRACT.md, "Word drafts in and
// out"). Its tracked changes and changed wording become usulan redaksi and its Word comments
// comments, all stored at once through the comments service, so the inbox, the mail and the
// live clients treat them as any other; the live text does not change until a drafter
// accepts a proposal.

/** An uploaded response file. */
export interface ResponseUpload {
  buffer: Buffer;
  name: string;
}

/** The most comments and proposals one response may add. */
export const MAX_RESPONSE_ITEMS = 500;

/** Reads a response and stores what it proposes; with `preview`, only works it out. */
export async function receiveResponse(
  deps: CommentDeps,
  actor: Actor,
  doc: DocumentRow,
  upload: ResponseUpload,
  preview: boolean,
) {
  checkMayRespond(actor, doc);
  // The file is read in a worker under a heap limit and a deadline, as an import is.
  const file = await runOffThread('readResponse', upload.buffer, 'Tanggapan');
  return fileResponse(deps, actor, doc, { file, name: upload.name }, preview);
}

/**
 * Stores what a response already read proposes (an import with `changes=proposals` reads its
 * file once, for the naskah and the response alike); with `preview`, only works it out.
 */
export async function fileResponse(
  deps: CommentDeps,
  actor: Actor,
  doc: DocumentRow,
  read: { file: ResponseFile; name: string },
  preview: boolean,
) {
  checkMayRespond(actor, doc);
  const { file, name } = read;
  if (file.documentId !== null && file.documentId !== doc.id)
    throw conflict(
      'Berkas ini diekspor dari dokumen lain di Selaras; unggah tanggapan pada dokumen asalnya.',
    );
  const { revision, base } = await answeredRevision(deps, doc, file);
  const live = extractNaskah(await deps.texts.read(doc.id));
  const context = { revision, fileName: name, base, live };
  const draft = checked(await runOffThread('draftResponse', { file, context }, 'Tanggapan'));
  if (draft.proposals.length + draft.comments.length > MAX_RESPONSE_ITEMS)
    throw tooLarge(
      `Tanggapan memuat lebih dari ${MAX_RESPONSE_ITEMS} usulan dan komentar; bagi menjadi beberapa berkas.`,
    );
  if (preview) return previewOf(actor, draft);
  const inputs = [
    ...draft.proposals.map(({ clauseId, body, proposal }) => ({ clauseId, body, proposal })),
    ...draft.comments,
  ];
  const stored = inputs.length
    ? await addComments(deps, actor, doc, inputs, {
        kind: 'response.uploaded',
        data: {
          file: name.slice(0, 200),
          revision,
          proposals: draft.proposals.length,
          comments: draft.comments.length,
          unmatched: draft.unmatched.length,
        },
      })
    : [];
  return {
    proposals: stored.slice(0, draft.proposals.length),
    comments: stored.slice(draft.proposals.length),
    unmatched: draft.unmatched,
  };
}

/** 403 for a caller who may not respond to the document, 409 once it is final. */
function checkMayRespond(actor: Actor, doc: DocumentRow): void {
  authorize(actor, 'response.upload', doc);
  if (doc.status === 'final')
    throw conflict('Naskah sudah final dan terkunci; tanggapan tidak dapat diunggah.');
}

/**
 * The revision a response answers and its naskah: the one the file records, or for a file
 * made elsewhere the latest (the live text while there is none).
 */
async function answeredRevision(
  deps: CommentDeps,
  doc: DocumentRow,
  file: ResponseFile,
): Promise<{ revision: number | null; base: Naskah }> {
  const latest = await latestNumber(deps.db, doc.id);
  const number = file.documentId !== null && file.revision !== null ? file.revision : latest;
  if (number === 0) return { revision: null, base: extractNaskah(await deps.texts.read(doc.id)) };
  if (number > latest)
    throw conflict(`Berkas ini menyebut revisi ${number}, yang tidak ada pada dokumen ini.`);
  return { revision: number, base: (await getRevision(deps.db, doc.id, number)).naskah };
}

/** Moves a proposal the comments service would refuse (too long) to the unmatched parts. */
function checked(draft: ResponseDraft): ResponseDraft {
  const refused: Unmatched[] = [];
  const proposals = draft.proposals.filter((p) => {
    if (proposalInput.safeParse(p.proposal).success) return true;
    refused.push({
      kind: 'pasal',
      text: p.proposal.heading,
      reason: 'Usulan redaksi untuk Pasal ini melebihi batas panjang usulan.',
    });
    return false;
  });
  return { ...draft, proposals, unmatched: [...draft.unmatched, ...refused] };
}

/** What a dry run returns: the comments as they would be stored, without ids. */
function previewOf(actor: Actor, draft: ResponseDraft) {
  const createdAt = new Date().toISOString();
  const author = { id: actor.id, name: actor.name, agency: actor.agency };
  const comment = (
    clauseId: string,
    body: string,
    proposal: ResponseDraft['proposals'][number]['proposal'] | null,
  ) => ({
    id: null,
    clauseId,
    parentId: null,
    body,
    author,
    createdAt,
    resolved: false,
    proposal,
    accepted: false,
    anchor: null,
  });
  return {
    proposals: draft.proposals.map((p) => comment(p.clauseId, p.body, p.proposal)),
    comments: draft.comments.map((c) => comment(c.clauseId, c.body, null)),
    unmatched: draft.unmatched,
  };
}
