import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseCode, type CloseCodeValue } from '../../shared/closeCodes';
import {
  AUTH_PERMISSION_DENIED,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './protocol';

/** A decoded message from a client (see protocol.ts). */
export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array; empty: boolean }
  | { kind: 'update'; update: Uint8Array; empty: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A message that breaks the protocol; the connection closes with `code`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: CloseCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/**
 * Decodes one client frame completely before anything is applied, so a malformed message
 * cannot leave half of itself in the document. Updates are parsed by Yjs as well; a frame
 * with bytes left over is refused too.
 */
export function readClientMessage(frame: Uint8Array): ClientMessage {
  let message: ClientMessage;
  const decoder = decoding.createDecoder(frame);
  try {
    message = readBody(decoder);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(CloseCode.invalidPayload, 'undecodable message');
  }
  if (decoding.hasContent(decoder))
    throw new ProtocolError(CloseCode.invalidPayload, 'trailing bytes');
  return message;
}

function readBody(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) return readSync(decoder);
  if (type === MESSAGE_AWARENESS)
    return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-awareness' };
  throw new ProtocolError(CloseCode.unsupportedData, `unknown message type ${type}`);
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const step = decoding.readVarUint(decoder);
  if (step === SYNC_STEP_1) {
    const stateVector = decoding.readVarUint8Array(decoder);
    Y.decodeStateVector(stateVector);
    return { kind: 'sync-step-1', stateVector };
  }
  if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
    const update = decoding.readVarUint8Array(decoder);
    const parsed = Y.decodeUpdate(update);
    const empty = parsed.structs.length === 0 && parsed.ds.clients.size === 0;
    return { kind: step === SYNC_STEP_2 ? 'sync-step-2' : 'update', update, empty };
  }
  throw new ProtocolError(CloseCode.unsupportedData, `unknown sync step ${step}`);
}

/** Sync step 1: the document's state vector, asking the client for what the server lacks. */
export function writeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame(MESSAGE_SYNC, SYNC_STEP_1, Y.encodeStateVector(doc));
}

/** Sync step 2: everything in the document the client's state vector does not cover. */
export function writeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, SYNC_STEP_2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** An incremental document update. */
export function writeUpdate(update: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, SYNC_UPDATE, update);
}

/** An awareness update. */
export function writeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return outgoing(encoder);
}

/** The y-protocols auth message telling a client its changes are refused. */
export function writePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(encoder, reason);
  return outgoing(encoder);
}

function frame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return outgoing(encoder);
}

/**
 * The encoded frame as a Buffer view (no copy): \`ws\` would otherwise wrap a plain
 * Uint8Array anew for every socket a frame is relayed to.
 */
function outgoing(encoder: encoding.Encoder): Uint8Array {
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
