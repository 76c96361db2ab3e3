import type { Node } from 'prosemirror-model';
import type { Queryable } from '../db';
import { conflict } from '../errors';
import { rujukanIndex } from '../../shared/rujukan';
import type { ReferenceProblem } from '../../shared/apiTypes';
import { rujukanProblems } from '../../shared/rujukanText';
import { revisionState } from './queries';
import { stateToDoc } from './revisions';

/**
 * The reference check of a text (CONTRACT.md, "Cross-references"): every reference whose target
 * is gone, that points ahead, or that cites what holds it, in order.
 */
export function referenceCheck(doc: Node): ReferenceProblem[] {
  return rujukanProblems(doc, rujukanIndex(doc)).map(({ pos: _pos, ...problem }) => problem);
}

/** The reference check of a stored revision (none for a revision without a stored state). */
export async function revisionReferenceCheck(
  db: Queryable,
  documentId: string,
  number: number,
): Promise<ReferenceProblem[]> {
  const state = await revisionState(db, documentId, number);
  return state ? referenceCheck(stateToDoc(state)) : [];
}

/**
 * 409 when the text holds a reference whose target is gone: a naskah citing nothing cannot
 * be approved. Forward references and references to themselves are warnings only.
 */
export function requireNoDanglingReferences(doc: Node) {
  const dangling = referenceCheck(doc).filter((p) => p.kind === 'dangling');
  if (dangling.length === 0) return;
  const where = [...new Set(dangling.map((p) => p.where))].join(', ');
  throw conflict(
    `Naskah memuat rujukan terputus di ${where}: perbaiki atau hapus rujukan itu sebelum persetujuan.`,
    { referenceProblems: dangling },
  );
}
