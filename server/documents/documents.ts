import { randomUUID } from 'node:crypto';
import type { Node } from 'prosemirror-model';
import type { Db } from '../db';
import type { Actor } from '../accounts/present';
import { findAgencies } from '../accounts/queries';
import { documentStream, recordEvent } from '../audit/audit';
import { invalidInput, notFound } from '../errors';
import { authorize, may } from '../policies/policies';
import { parsePlainText } from '../../shared/plainText';
import { templateDoc } from '../../shared/template';
import { extractClauses } from '../../shared/clauses';
import * as q from './queries';
import { encodeDocument } from './text';

/** What a drafter gives to start a document. */
export interface NewDocument {
  title: string;
  parties: string[];
  reviewers: string[];
  /** A draft in the plain `Pasal N` form; without it the built-in template is used. */
  text?: string;
  /** A draft already parsed (from a .docx import). */
  doc?: Node;
}

/** Creates a document from the template, a plain-text draft or a parsed draft. */
export async function createDocument(db: Db, actor: Actor, input: NewDocument) {
  authorize(actor, 'document.create');
  const { parties, reviewers } = participants(actor, input);
  const known = await findAgencies(db, [...parties, ...reviewers]);
  const byCode = new Map(known.map((a) => [a.code, a]));
  const unknown = [...parties, ...reviewers].filter((c) => !byCode.has(c));
  if (unknown.length) throw invalidInput('Instansi tidak dikenal.', { agencies: unknown });

  const doc =
    input.doc ??
    (input.text !== undefined ? parsePlainText(input.text) : templateFor(parties, byCode));
  if (extractClauses(doc).length === 0) {
    throw invalidInput('Draf harus memuat setidaknya satu Pasal.', {
      text: 'no "Pasal N" line found',
    });
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await q.insertDocument(tx, {
      id,
      title: input.title,
      createdBy: actor.id,
      parties,
      reviewers,
      state: encodeDocument(doc),
    });
    await recordEvent(tx, documentStream(id), {
      actorId: actor.id,
      kind: 'document.created',
      data: {
        title: input.title,
        parties,
        reviewers,
        source: input.doc ? 'docx' : input.text !== undefined ? 'text' : 'template',
      },
    });
  });
  return (await q.findDocument(db, id))!;
}

/** Parties as given; reviewers without duplicates, plus the creator's agency when it is not a party. */
function participants(actor: Actor, input: NewDocument) {
  const parties = input.parties;
  if (new Set(parties).size !== parties.length) {
    throw invalidInput('Para pihak tidak boleh berulang.', { parties: 'duplicate agency' });
  }
  const reviewers = [...new Set(input.reviewers)].filter((c) => !parties.includes(c));
  if (!parties.includes(actor.agency.code) && !reviewers.includes(actor.agency.code)) {
    reviewers.push(actor.agency.code);
  }
  return { parties, reviewers };
}

function templateFor(parties: string[], byCode: Map<string, { name: string }>): Node {
  return templateDoc({ first: byCode.get(parties[0])!.name, second: byCode.get(parties[1])!.name });
}

/** The document if the actor may see it; 404 otherwise, so its existence is not revealed. */
export async function getVisibleDocument(db: Db, actor: Actor, id: string) {
  const row = await q.findDocument(db, id);
  if (!row) throw notFound('Dokumen');
  authorize(actor, 'document.see', row);
  return row;
}

/** The documents the actor may see. */
export function listVisibleDocuments(db: Db, actor: Actor) {
  return q.listDocuments(db, may(actor, 'documents.seeAll') ? null : actor.agency.code);
}
