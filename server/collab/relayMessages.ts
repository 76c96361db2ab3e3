/**
 * The relay protocol: how instances sharing a document talk over its Redis channel.
 *
 * Every message is one Redis pub/sub payload: a varuint protocol version, the sender's
 * instance id (varstring), a varuint message type and its body.
 *
 * | type | name      | body                                                                  |
 * | ---- | --------- | --------------------------------------------------------------------- |
 * | 0    | update    | varuint seq, varstring userId ('' for the server), varstring          |
 * |      |           | sessionId (its editing session, '' for none), varuint8array update:   |
 * |      |           | an update the sender applied from its own client or itself            |
 * | 1    | awareness | varuint8array awareness update of the sender's connections           |
 * | 2    | sync 1    | varstring to ('' for all), varuint hello (1: answer with your own     |
 * |      |           | step 1 and awareness too), varuint8array state vector                |
 * | 3    | sync 2    | varstring to, varuint8array update: what `to`'s state vector lacked   |
 * | 4    | stored    | varstring origin, varuint n, n × varuint seq: these updates of        |
 * |      |           | `origin` are stored (by `origin` or by the sender on its behalf)      |
 *
 * `seq` counts the updates an instance published, from 1; `<instance>:<seq>` is the update's
 * relay id, stored with it, so whoever stores it a second copy is refused. The stored message
 * names each update it acknowledges (never a count or a position), and lets the others forget
 * updates they would otherwise store themselves (see relay.ts). Version 2 replaced the
 * watermark acknowledgement of version 1; instances of different versions ignore each other.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The version byte every relay message starts with; others are ignored. */
export const RELAY_VERSION = 2;

/** Relay message: an update applied by the sender's client (or the sender itself). */
export const RELAY_UPDATE = 0;
/** Relay message: an awareness update of the sender's connections. */
export const RELAY_AWARENESS = 1;
/** Relay message: sync step 1, a state vector asking for what it lacks. */
export const RELAY_SYNC_STEP_1 = 2;
/** Relay message: sync step 2, the answer to one instance's step 1. */
export const RELAY_SYNC_STEP_2 = 3;
/** Relay message: the named updates an instance published are stored. */
export const RELAY_STORED = 4;

/** A decoded relay message. */
export type RelayMessage =
  | {
      kind: 'update';
      from: string;
      seq: number;
      userId: string | null;
      sessionId: string | null;
      update: Uint8Array;
    }
  | { kind: 'awareness'; from: string; update: Uint8Array }
  | { kind: 'sync-step-1'; from: string; to: string; hello: boolean; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; from: string; to: string; update: Uint8Array }
  | { kind: 'stored'; from: string; origin: string; seqs: number[] };

/** Encodes a relay message. */
export function writeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, RELAY_VERSION);
  encoding.writeVarString(encoder, message.from);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, RELAY_UPDATE);
      encoding.writeVarUint(encoder, message.seq);
      encoding.writeVarString(encoder, message.userId ?? '');
      encoding.writeVarString(encoder, message.sessionId ?? '');
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint(encoder, RELAY_AWARENESS);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'sync-step-1':
      encoding.writeVarUint(encoder, RELAY_SYNC_STEP_1);
      encoding.writeVarString(encoder, message.to);
      encoding.writeVarUint(encoder, message.hello ? 1 : 0);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case 'sync-step-2':
      encoding.writeVarUint(encoder, RELAY_SYNC_STEP_2);
      encoding.writeVarString(encoder, message.to);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'stored':
      encoding.writeVarUint(encoder, RELAY_STORED);
      encoding.writeVarString(encoder, message.origin);
      encoding.writeVarUint(encoder, message.seqs.length);
      for (const seq of message.seqs) encoding.writeVarUint(encoder, seq);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a relay message; undefined for another version or an undecodable payload. */
export function readRelayMessage(payload: Uint8Array): RelayMessage | undefined {
  try {
    const decoder = decoding.createDecoder(payload);
    if (decoding.readVarUint(decoder) !== RELAY_VERSION) return undefined;
    const from = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case RELAY_UPDATE: {
        const seq = decoding.readVarUint(decoder);
        const userId = decoding.readVarString(decoder) || null;
        const sessionId = decoding.readVarString(decoder) || null;
        const update = decoding.readVarUint8Array(decoder);
        return { kind: 'update', from, seq, userId, sessionId, update };
      }
      case RELAY_AWARENESS:
        return { kind: 'awareness', from, update: decoding.readVarUint8Array(decoder) };
      case RELAY_SYNC_STEP_1: {
        const to = decoding.readVarString(decoder);
        const hello = decoding.readVarUint(decoder) === 1;
        return {
          kind: 'sync-step-1',
          from,
          to,
          hello,
          stateVector: decoding.readVarUint8Array(decoder),
        };
      }
      case RELAY_SYNC_STEP_2: {
        const to = decoding.readVarString(decoder);
        return { kind: 'sync-step-2', from, to, update: decoding.readVarUint8Array(decoder) };
      }
      case RELAY_STORED: {
        const origin = decoding.readVarString(decoder);
        const count = decoding.readVarUint(decoder);
        // Each seq takes at least a byte: a count past what is left is malformed.
        if (count > decoder.arr.length - decoder.pos) return undefined;
        const seqs: number[] = [];
        for (let i = 0; i < count; i++) seqs.push(decoding.readVarUint(decoder));
        return { kind: 'stored', from, origin, seqs };
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
