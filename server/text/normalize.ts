import type * as Y from 'yjs';
import {
  applyRepairs,
  repairsForDocument,
  repairsForTransaction,
  type RepairKind,
} from './conform';

/**
 * Brings the naskah back into its schema after transaction `tr` (the whole document when
 * null): the repairs run as one transaction with `origin`; returns the kinds fixed.
 */
export function normalizeNaskah(
  doc: Y.Doc,
  tr: Y.Transaction | null,
  origin: unknown,
): RepairKind[] {
  const repairs = tr ? repairsForTransaction(doc, tr) : repairsForDocument(doc);
  return applyRepairs(doc, repairs, origin);
}
