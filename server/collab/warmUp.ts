import * as Y from 'yjs';
import type { Db } from '../db';
import { sessionActor } from '../accounts/sessions';
import { findDocument } from '../documents/queries';
import { buildDoc, encodeDocument, readDocument } from '../documents/text';
import { normalizeNaskah } from '../text/normalize';
import type { DocumentStore } from '../text/store';
import { templateDoc } from '../../shared/template';
import { extractNaskah } from '../../shared/naskah';
import { FRAGMENT_NAME } from '../../shared/schema';
import { writeSyncStep2 } from './messages';

/** Rounds of the text path: enough for V8 to compile its hot functions before a user needs them. */
const ROUNDS = 25;
/** Connections opened ahead, so the first opens after a start do not each wait for one. */
const CONNECTIONS = 4;
/** The state vector of a client holding nothing: the sync reply is then the whole document. */
const NOTHING_HELD = new Uint8Array([0]);
/** An id no document has, so the storage reads below find nothing and change nothing. */
const NO_DOCUMENT = '00000000-0000-0000-0000-000000000000';

/**
 * Runs the paths of a document's first open once, right after the server starts, so the first
 * user after a restart does not pay for compiling them (the bench measured a first open at two
 * to five times a reopen): the storage reads of the socket handshake and of loading a document,
 * for an id and a token that match nothing, and the text path (load, check, read, a keystroke
 * and its check, the sync reply) on the template in memory. Nothing is stored.
 */
export async function warmUp(db: Db, store: DocumentStore): Promise<void> {
  await Promise.all(
    Array.from({ length: CONNECTIONS }, () =>
      Promise.all([
        sessionActor(db, 'warm-up'),
        findDocument(db, NO_DOCUMENT),
        store.load(NO_DOCUMENT),
      ]),
    ),
  );
  const state = encodeDocument(templateDoc());
  for (let round = 0; round < ROUNDS; round++) {
    textRound(state);
    // Yield between rounds, so a request arriving meanwhile is not kept waiting.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function textRound(state: Uint8Array): void {
  const doc = buildDoc(state, []);
  try {
    normalizeNaskah(doc, null, 'warm-up');
    doc.on('afterTransaction', (tr: Y.Transaction) => normalizeNaskah(doc, tr, 'warm-up'));
    const paragraph = firstText(doc.getXmlFragment(FRAGMENT_NAME));
    paragraph?.insert(0, 'k');
    extractNaskah(readDocument(doc));
    writeSyncStep2(doc, NOTHING_HELD);
  } finally {
    doc.destroy();
  }
}

function firstText(parent: Y.XmlFragment | Y.XmlElement): Y.XmlText | undefined {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) return child;
    if (child instanceof Y.XmlElement) {
      const found = firstText(child);
      if (found) return found;
    }
  }
  return undefined;
}
