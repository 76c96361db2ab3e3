import type * as Y from 'yjs';
import { FRAGMENT_NAME } from '../../shared/schema';
import {
  applyRepairs,
  repairsForDocument,
  repairsForTransaction,
  type RepairKind,
} from './conform';
import { typedNumberRepairs } from './restructure';

/**
 * Brings the naskah back into its schema after transaction `tr`, as one transaction with
 * `origin`; returns the kinds fixed. With `tr` null (a document being loaded) the whole
 * document is checked, and then text stored before the legal structure existed has its typed
 * numbers turned into ayat and list items (restructure.ts).
 */
export function normalizeNaskah(
  doc: Y.Doc,
  tr: Y.Transaction | null,
  origin: unknown,
): RepairKind[] {
  if (tr) return applyRepairs(doc, repairsForTransaction(doc, tr), origin);
  const fixed = applyRepairs(doc, repairsForDocument(doc), origin);
  // Read after the schema repairs, so the restructuring sees text that fits.
  const restructured = applyRepairs(
    doc,
    typedNumberRepairs(doc.getXmlFragment(FRAGMENT_NAME)),
    origin,
  );
  return [...new Set([...fixed, ...restructured])];
}
