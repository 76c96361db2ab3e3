import * as Y from 'yjs';
import { encodeDocument, FRAGMENT } from '../server/documents/text';
import { templateDoc } from '../shared/template';
import type { ResultRow } from './table';
import type { SelarasStorage } from './targets';

/** What every scenario gets. */
export interface BenchContext {
  /** Where Selaras keeps its data (a fresh database for the run). */
  storage: SelarasStorage;
  /** The Yjs state of the nota kesepakatan template, as Selaras creates a document. */
  templateState: Uint8Array;
  /** Prints a progress line. */
  progress(message: string): void;
}

/** A benchmark scenario: runs against both servers and returns its rows. Add new ones to bench/run.ts. */
export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<ResultRow[]>;
}

/** The template as Selaras would create it for the bench's two party agencies. */
export function benchTemplateState(): Uint8Array {
  return encodeDocument(templateDoc({ first: 'Instansi BENCH-A', second: 'Instansi BENCH-B' }));
}

export { seededRandom } from './random';

/** Every paragraph text of the document's clauses. */
export function paragraphTexts(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'clause') continue;
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement) || child.nodeName !== 'paragraph') continue;
      const text = child.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText);
      if (text) texts.push(text);
    }
  }
  return texts;
}

/** The clock a client has reached in a document's state (how many of its items it holds). */
export function clockOf(doc: Y.Doc, clientId: number): number {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;
}
