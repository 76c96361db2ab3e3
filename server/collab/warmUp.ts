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
const ROUNDS = 15;
/**
 * Keystrokes typed into the template for the rounds, by several clients at scattered places: a
 * long-edited document runs Yjs's decoding loops long enough for V8 to optimise them, as the
 * template alone does not (a first open of a 20,000-keystroke document built it in 13 ms, a
 * reopen in 5).
 */
const KEYSTROKES = 2_000;
const TYPISTS = 8;
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
 * and its check, the sync reply) on the template, edited in memory. Meanwhile it vacuums what
 * compactions of an earlier process deleted (`DocumentStore.tidy`), which the first loads would
 * otherwise step over. Nothing is stored.
 */
export async function warmUp(db: Db, store: DocumentStore): Promise<void> {
  await Promise.all([store.tidy(), storageReads(db, store), textRounds()]);
}

async function storageReads(db: Db, store: DocumentStore): Promise<void> {
  await Promise.all(
    Array.from({ length: CONNECTIONS }, () =>
      Promise.all([
        sessionActor(db, 'warm-up'),
        findDocument(db, NO_DOCUMENT),
        store.load(NO_DOCUMENT),
      ]),
    ),
  );
}

async function textRounds(): Promise<void> {
  const state = editedTemplate();
  for (let round = 0; round < ROUNDS; round++) {
    textRound(state);
    // Yield between rounds, so a request arriving meanwhile is not kept waiting.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The template after KEYSTROKES keystrokes of TYPISTS clients, each typing at places of its own. */
function editedTemplate(): Uint8Array {
  const template = encodeDocument(templateDoc());
  const parts = [template];
  for (let typist = 0; typist < TYPISTS; typist++) {
    const doc = buildDoc(template, []);
    const texts = allTexts(doc.getXmlFragment(FRAGMENT_NAME));
    for (let key = 0; key < KEYSTROKES / TYPISTS; key++) {
      const text = texts[(key * 7 + typist) % texts.length];
      text.insert((key * 13 + typist) % (text.length + 1), 'k');
    }
    parts.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return Y.mergeUpdates(parts);
}

function textRound(state: Uint8Array): void {
  const doc = buildDoc(state, []);
  try {
    normalizeNaskah(doc, null, 'warm-up');
    doc.on('afterTransaction', (tr: Y.Transaction) => normalizeNaskah(doc, tr, 'warm-up'));
    allTexts(doc.getXmlFragment(FRAGMENT_NAME))[0]?.insert(0, 'k');
    extractNaskah(readDocument(doc));
    writeSyncStep2(doc, NOTHING_HELD);
  } finally {
    doc.destroy();
  }
}

function allTexts(parent: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return parent
    .toArray()
    .flatMap((child) =>
      child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? allTexts(child) : [],
    );
}
