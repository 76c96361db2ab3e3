import type { z } from 'zod';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent } from '../audit/audit';
import type { Db } from '../db';
import type { TextAccess } from '../documents/access';
import type { EventHub } from '../events/hub';
import type { DocumentRow } from '../documents/queries';
import { conflict, invalidInput, notFound } from '../errors';
import { authorize } from '../policies/policies';
import {
  komparisiText,
  placeholderParty,
  type partyInput,
  type PartyRecord,
} from '../../shared/parties';
import { rewriteKomparisi, rewriteNomor } from './komparisi';
import * as q from './queries';

/** Every signing party of a document with its record, in party order; placeholders where unwritten. */
export async function partyRecords(
  db: Db,
  doc: DocumentRow,
): Promise<{ code: string; name: string; record: PartyRecord; written: boolean }[]> {
  const stored = await q.listParties(db, doc.id);
  return doc.parties.map((party) => {
    const record = stored.get(party.code);
    return {
      ...party,
      record: record ?? placeholderParty(party.name),
      written: record !== undefined,
    };
  });
}

/** `GET /api/documents/:id/parties`: the written records, by agency code. */
export async function getParties(db: Db, doc: DocumentRow): Promise<Record<string, PartyRecord>> {
  return Object.fromEntries(await q.listParties(db, doc.id));
}

/** What writing a party record needs: the database, the live text and (live) the event hub. */
export interface PartyDeps {
  db: Db;
  texts: TextAccess;
  events?: EventHub;
}

/**
 * Writes a party's record (drafters, while drafting), audits it, and rewrites that party's
 * komparisi entry in the live text, which every open editor receives.
 */
export async function setParty(
  { db, texts, events }: PartyDeps,
  actor: Actor,
  doc: DocumentRow,
  agencyCode: string,
  input: z.output<typeof partyInput>,
): Promise<PartyRecord> {
  authorize(actor, 'parties.edit');
  if (!doc.parties.some((p) => p.code === agencyCode)) throw notFound('Pihak');
  if (doc.status !== 'drafting') throw conflict('Naskah sudah final: data para pihak terkunci.');
  const agencies = [...new Set(input.agencies ?? [])];
  const strangers = agencies.filter((code) => !doc.reviewers.some((r) => r.code === code));
  if (strangers.length)
    throw invalidInput('Instansi bukan peninjau naskah ini.', { agencies: strangers });
  const record: PartyRecord = {
    officialName: input.officialName,
    signatoryName: input.signatoryName,
    signatoryTitle: input.signatoryTitle,
    authority: input.authority ?? null,
    address: input.address ?? null,
    numberFormat: input.numberFormat ?? null,
    meterai: input.meterai ?? false,
    agencies,
  };
  await db.transaction(async (tx) => {
    await q.upsertParty(tx, doc.id, agencyCode, record);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'party.updated',
      data: { agency: agencyCode, ...record },
    });
  });
  const index = doc.parties.findIndex((p) => p.code === agencyCode);
  await texts.change(doc.id, actor.id, (ydoc) => {
    rewriteKomparisi(ydoc, index, komparisiText(record.officialName, index, record));
    if (record.numberFormat) rewriteNomor(ydoc, index, record.numberFormat);
  });
  events?.publish({
    type: 'party.updated',
    documentId: doc.id,
    data: { agency: agencyCode, ...record },
  });
  return record;
}
